using TorchSharp;
using Word2Vec.Torch.Data;
using Word2Vec.Torch.Engines.Cpu;
using Word2Vec.Torch.Engines.TensorOps;
using Word2Vec.Torch.Engines;
using Word2Vec.Torch.Objective;
using Word2Vec.Torch.Sampling;
using Word2Vec.Torch.Tests.Data;
using Word2Vec.Torch.Training.Checkpoints;
using Word2Vec.Torch.Training;
using static TorchSharp.torch;
using static Word2Vec.Torch.Tests.Objective.ObjectiveTestData;

namespace Word2Vec.Torch.Tests.Engines.Cpu;

/// <summary>The CPU engine against the tensor engine, batch by batch.</summary>
public class CpuEngineTests
{
    private const int V = 15, D = 21;   // few words: repeated rows; 21: SIMD lanes plus a tail

    /// <summary>B random examples; CBOW ones have 0..W real inputs (real first, then padding 0),
    /// negatives may repeat and may equal the target.</summary>
    internal static TrainingBatch RandomBatch(Random rng, int b, int width, int k)
    {
        var batch = new TrainingBatch();
        batch.Prepare(b, width, k);
        for (var i = 0; i < b; i++)
        {
            var real = width == 1 ? 1 : i == 0 ? 0 : rng.Next(1, width + 1);   // example 0 of CBOW: all padding
            for (var w = 0; w < width; w++)
            {
                batch.Inputs[i * width + w] = w < real ? rng.Next(V) : 0;
                batch.InputMask[i * width + w] = w < real ? 1f : 0f;
            }
            batch.Targets[i] = rng.Next(V);
            for (var j = 0; j < k; j++) batch.Negatives[i * k + j] = rng.Next(V);
        }
        batch.Count = b;
        batch.Windows = b;
        return batch;
    }

    private static (Embeddings, Embeddings) TwinModels(Random rng, ScalarType dtype, long outsideRows = V)
    {
        using var center = Uniform(rng, new long[] { V, D }, dtype, scale: 0.5);
        using var outside = Uniform(rng, new long[] { outsideRows, D }, dtype, scale: 0.5);
        return (new Embeddings(center.clone(), outside.clone()), new Embeddings(center.clone(), outside.clone()));
    }

    private static void AssertClose(Tensor expected, Tensor actual, double rtol, string what) =>
        Word2Vec.Torch.Tests.Objective.ObjectiveTestData.AssertClose(expected, actual, rtol, what);

    public static TheoryData<bool, ContextCombine, OutputLoss, ScalarType, int> Cases => new()
    {
        { false, ContextCombine.Sum, OutputLoss.NegativeSampling, ScalarType.Float64, 1 },
        { true, ContextCombine.Sum, OutputLoss.NegativeSampling, ScalarType.Float64, 1 },
        { true, ContextCombine.Mean, OutputLoss.NegativeSampling, ScalarType.Float64, 1 },
        { false, ContextCombine.Sum, OutputLoss.NaiveSoftmax, ScalarType.Float64, 1 },
        { true, ContextCombine.Mean, OutputLoss.NaiveSoftmax, ScalarType.Float64, 1 },
        { false, ContextCombine.Sum, OutputLoss.NegativeSampling, ScalarType.Float32, 1 },
        { true, ContextCombine.Mean, OutputLoss.NegativeSampling, ScalarType.Float32, 1 },
        { true, ContextCombine.Sum, OutputLoss.NaiveSoftmax, ScalarType.Float32, 1 },
        { false, ContextCombine.Sum, OutputLoss.NegativeSampling, ScalarType.Float64, 3 },   // batched: parallel gradients, same step
        { true, ContextCombine.Mean, OutputLoss.NaiveSoftmax, ScalarType.Float64, 2 },
        { false, ContextCombine.Sum, OutputLoss.HierarchicalSoftmax, ScalarType.Float64, 1 },
        { true, ContextCombine.Mean, OutputLoss.HierarchicalSoftmax, ScalarType.Float64, 2 },
        { false, ContextCombine.Sum, OutputLoss.HierarchicalSoftmax, ScalarType.Float32, 1 },
        { false, ContextCombine.Sum, OutputLoss.HierarchicalSoftmaxAndNegativeSampling, ScalarType.Float64, 1 },
        { true, ContextCombine.Sum, OutputLoss.HierarchicalSoftmaxAndNegativeSampling, ScalarType.Float64, 3 },
    };

    /// <summary>A skewed count for each of the V words (a tree with paths of 2 to 6 nodes).</summary>
    internal static HuffmanTree Tree() => new(Enumerable.Range(0, V).Select(w => (long)(1000 / (w + 1))).ToArray());

    /// <summary>The tensor engine's loss for the kernel's, and the output matrix's rows.</summary>
    private static (IOutputLoss Loss, long Rows) TensorLoss(OutputLoss loss, HuffmanTree tree) => loss switch
    {
        OutputLoss.NaiveSoftmax => (new NaiveSoftmaxLoss(), V),
        OutputLoss.NegativeSampling => (new NegativeSamplingLoss(), V),
        OutputLoss.HierarchicalSoftmax => (new HierarchicalSoftmaxLoss(tree), V - 1),
        _ => (new SumOfLosses(new HierarchicalSoftmaxLoss(tree, nodeOffset: V), new NegativeSamplingLoss()), 2 * V - 1),
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void BatchedModeTakesTheTensorEnginesSteps(bool cbow, ContextCombine combine, OutputLoss loss, ScalarType dtype, int threads)
    {
        var rng = new Random(41);
        var tree = Tree();
        var (outputLoss, rows) = TensorLoss(loss, tree);
        var (forTensor, forCpu) = TwinModels(rng, dtype, rows);
        using var tensorEngine = new TensorEngine(forTensor, new Word2VecArchitecture(combine, outputLoss));
        var usesTree = loss is OutputLoss.HierarchicalSoftmax or OutputLoss.HierarchicalSoftmaxAndNegativeSampling;
        using var cpuEngine = new CpuEngine(forCpu, combine, loss, threads, CpuUpdate.Batched, tree: usesTree ? tree : null);
        var tol = dtype == ScalarType.Float64 ? 1e-12 : 1e-5;

        var k = loss is OutputLoss.NaiveSoftmax or OutputLoss.HierarchicalSoftmax ? 0 : 4;
        for (var s = 0; s < 4; s++)
        {
            var batch = RandomBatch(rng, 10 + 3 * s, cbow ? 4 : 1, k);
            var expected = tensorEngine.Step(batch, 0.5, true);
            var actual = cpuEngine.Step(batch, 0.5, true);
            Assert.True(Math.Abs(expected - actual) <= tol * Math.Abs(expected), $"step {s}: loss {actual:R}, tensor engine {expected:R}");
        }
        var last = RandomBatch(rng, 5, cbow ? 4 : 1, k);
        tensorEngine.Step(last, 0.5, false);
        Assert.True(double.IsNaN(cpuEngine.Step(last, 0.5, false)));   // no loss asked for, none computed

        using var e = tensorEngine.Export();
        using var a = cpuEngine.Export();
        Assert.Equal(dtype, a.Dtype);
        AssertClose(e.CenterVectors, a.CenterVectors, tol, "centre vectors");
        AssertClose(e.OutsideVectors, a.OutsideVectors, tol, "outside vectors");
    }

    [Fact]
    public void ExportIsACopyViewAndFinishAreTheEnginesOwnParameters()
    {
        var rng = new Random(8);
        var (m1, _) = TwinModels(rng, ScalarType.Float32);
        using var engine = new CpuEngine(m1, ContextCombine.Sum, OutputLoss.NegativeSampling);
        engine.Step(RandomBatch(rng, 40, 1, 5), 0.3, false);
        using var before = engine.Export();
        var centre = Values(before.CenterVectors);
        engine.Step(RandomBatch(rng, 40, 1, 5), 0.3, false);
        Assert.Equal(centre, Values(before.CenterVectors));   // training went on in the engine's arrays, not in the copy

        // A view (what a checkpoint is written from) is the engine's own memory: it moves with the next step.
        using (var view = engine.View())
        {
            var seen = Values(view.CenterVectors);
            engine.Step(RandomBatch(rng, 40, 1, 5), 0.3, false);
            Assert.NotEqual(seen, Values(view.CenterVectors));
        }

        using var now = engine.Export();
        Assert.NotEqual(centre, Values(now.CenterVectors));
        using var final = engine.Finish();
        Assert.Equal(Values(now.CenterVectors), Values(final.CenterVectors));
        Assert.Equal(Values(now.OutsideVectors), Values(final.OutsideVectors));
        Assert.Equal(now.CenterVectors.shape, final.CenterVectors.shape);
        Assert.Throws<InvalidOperationException>(() => engine.Step(RandomBatch(rng, 4, 1, 5), 0.3, false));
    }

    [Fact]
    public void SequentialModeWithOneThreadIsDeterministicAndDiffersFromBatched()
    {
        var rng = new Random(42);
        var (m1, m2) = TwinModels(rng, ScalarType.Float32);
        using var a = new CpuEngine(m1, ContextCombine.Sum, OutputLoss.NegativeSampling);
        using var b = new CpuEngine(m2, ContextCombine.Sum, OutputLoss.NegativeSampling);
        Assert.Equal(CpuUpdate.Sequential, a.Update);
        for (var s = 0; s < 3; s++)
        {
            var batch = RandomBatch(rng, 40, 1, 5);
            Assert.Equal(a.Step(batch, 0.3, true), b.Step(batch, 0.3, true));
        }
        using var ea = a.Export();
        using var eb = b.Export();
        Assert.Equal(Values(ea.CenterVectors), Values(eb.CenterVectors));
        Assert.Equal(Values(ea.OutsideVectors), Values(eb.OutsideVectors));
    }

    [Theory]
    [InlineData(0, OutputLoss.NegativeSampling)]
    [InlineData(4, OutputLoss.NegativeSampling)]
    [InlineData(4, OutputLoss.HierarchicalSoftmax)]   // the hot rows are the top of the tree
    [InlineData(6, OutputLoss.HierarchicalSoftmaxAndNegativeSampling)]
    public void WithFewerExamplesThanAChunkTwoThreadsTrainLikeOne(int hotRows, OutputLoss loss)
    {
        // One worker takes the whole batch; with hot rows, its copies come back through the merge.
        var rng = new Random(46);
        var tree = loss == OutputLoss.NegativeSampling ? null : Tree();
        var (m1, m2) = TwinModels(rng, ScalarType.Float64, tree is null ? V : TensorLoss(loss, tree).Rows);
        using var one = new CpuEngine(m1, ContextCombine.Sum, loss, threads: 1, tree: tree);
        using var two = new CpuEngine(m2, ContextCombine.Sum, loss, threads: 2, hotRows: hotRows, tree: tree);
        foreach (var size in new[] { 100, 1, 100 })   // a batch of 1 runs as one part
        {
            var batch = RandomBatch(rng, size, 1, 5);
            Assert.Equal(one.Step(batch, 0.3, true), two.Step(batch, 0.3, true), 1e-12);
        }
        using var a = one.Export();
        using var b = two.Export();
        AssertClose(a.CenterVectors, b.CenterVectors, 1e-13, "centre vectors");
        AssertClose(a.OutsideVectors, b.OutsideVectors, 1e-13, "outside vectors");
    }

    [Fact]
    public void AfterAParallelStepASmallStepStartsFromTheMergedRows()
    {
        var rng = new Random(47);
        var (m, unused) = TwinModels(rng, ScalarType.Float64);
        unused.Dispose();
        using var two = new CpuEngine(m, ContextCombine.Sum, OutputLoss.NegativeSampling, threads: 2, hotRows: 4);
        two.Step(RandomBatch(rng, 20000, 1, 5), 0.05, false);   // many blocks: both workers train, on their own copies
        using var merged = two.Export();
        using var one = new CpuEngine(new Embeddings(merged.CenterVectors.clone(), merged.OutsideVectors.clone()),
            ContextCombine.Sum, OutputLoss.NegativeSampling);
        var small = RandomBatch(rng, 1, 1, 5);                    // one example: one part, on worker 0's copies
        Assert.Equal(one.Step(small, 0.3, true), two.Step(small, 0.3, true), 1e-12);
        using var a = one.Export();
        using var b = two.Export();
        AssertClose(a.OutsideVectors, b.OutsideVectors, 1e-13, "outside vectors");
        AssertClose(a.CenterVectors, b.CenterVectors, 1e-13, "centre vectors");
    }

    [Fact]
    public void AnOutputMatrixOfTheWrongSizeForTheLossIsRefused()
    {
        var (m1, m2) = TwinModels(new Random(44), ScalarType.Float64);   // V rows; hierarchical softmax needs V − 1
        m2.Dispose();
        var e = Assert.Throws<ArgumentException>(() => new CpuEngine(m1, ContextCombine.Sum, OutputLoss.HierarchicalSoftmax, tree: Tree()));
        Assert.Contains($"{V - 1} rows", e.Message);
        var (m3, m4) = TwinModels(new Random(44), ScalarType.Float64, V - 1);
        m4.Dispose();
        Assert.Throws<ArgumentException>(() => new CpuEngine(m3, ContextCombine.Sum, OutputLoss.HierarchicalSoftmax));   // no tree
    }

    [Fact]
    public void ExportedModelsAreCopies()
    {
        var (m1, m2) = TwinModels(new Random(43), ScalarType.Float64);
        m2.Dispose();
        using var engine = new CpuEngine(m1, ContextCombine.Sum, OutputLoss.NegativeSampling);
        using var before = engine.Export();
        var values = Values(before.CenterVectors);
        engine.Step(RandomBatch(new Random(1), 20, 1, 3), 0.5, false);
        Assert.Equal(values, Values(before.CenterVectors));
        using var after = engine.Export();
        Assert.NotEqual(values, Values(after.CenterVectors));
    }

    [Fact]
    public void AModelOffTheCpuIsAClearError()
    {
        // libtorch's meta device: tensors with a shape and no storage, off the CPU on any machine.
        var center = torch.zeros(V, D, ScalarType.Float32, new Device("meta"));
        var outside = torch.zeros(V, D, ScalarType.Float32, new Device("meta"));
        var model = new Embeddings(center, outside);
        var e = Assert.Throws<ArgumentException>(() => new CpuEngine(model, ContextCombine.Sum, OutputLoss.NegativeSampling));
        Assert.Contains("device", e.Message);
        Assert.True(center.IsInvalid, "the engine takes ownership of the model, even when it refuses it");
    }

    [Fact]
    public void ABatchWithARowOutsideTheVocabularyIsRefused()
    {
        var (m1, m2) = TwinModels(new Random(44), ScalarType.Float32);
        m2.Dispose();
        using var engine = new CpuEngine(m1, ContextCombine.Sum, OutputLoss.NegativeSampling, threads: 2);
        var batch = RandomBatch(new Random(2), 8, 1, 3);
        batch.Negatives[5] = V;
        Assert.Throws<ArgumentOutOfRangeException>(() => engine.Step(batch, 0.1, true));
    }
}

/// <summary>The CPU engine creates tensors only when it exports (and when it is made, from the model).</summary>
[Collection(nameof(Word2Vec.Torch.Tests.Backend.ProcessWideTorchState))]
public class CpuEngineLeakTests
{
    [Fact]
    public void StepsAndExportsLeakNoTensors()
    {
        var baseline = Word2Vec.Torch.Tests.Backend.LiveTensors.Now();
        var rng = new Random(45);
        foreach (var update in new[] { CpuUpdate.Sequential, CpuUpdate.Batched })
        {
            using (var engine = new CpuEngine(Embeddings.Initialize(20, 8, ScalarType.Float32, torch.CPU, 1),
                       ContextCombine.Sum, OutputLoss.NegativeSampling, threads: 2, update))
            {
                for (var i = 0; i < 50; i++)
                {
                    engine.Step(CpuEngineTests.RandomBatch(rng, 12, 1, 3), 0.1, i % 2 == 0);
                    using var model = engine.Export();
                }
            }
            Word2Vec.Torch.Tests.Backend.LiveTensors.AssertNoneLeakedSince(baseline, $"50 {update} steps and exports");
        }
    }
}
