using Word2Vec.Torch.Engines;
using Word2Vec.Torch.Training;
using Word2Vec.Torch.Training.Checkpoints;
using static Word2Vec.Torch.Tests.Training.TrainRuns;

namespace Word2Vec.Torch.Tests.Training;

/// <summary>The assignment's run on the real SST corpus, in short runs, with the engines that read SST.</summary>
public sealed class SstRunTests
{
    private static TrainingResult Train(TrainingOptions o) => TrainRuns.Train(o, TestData.SstFolder);

    [Theory]
    [InlineData(EngineKind.Tensor, 1)]
    [InlineData(EngineKind.Cpu, 1)]
    [InlineData(EngineKind.Cpu, 2)]   // Hogwild: not reproducible, but it must train as well
    public void AShortSstRunLowersTheSmoothedLoss(EngineKind engine, int threads)
    {
        // As in the assignment's own log, the loss hovers around 20-21 for the first ~3,000 steps, then falls.
        var result = Train(Sst(5000, engine, o => o.Threads = threads));
        using var _ = result.Embeddings;
        var curve = result.LossCurve;
        Assert.Equal(500, curve.Count);
        var early = curve.Take(20).Average(r => r[2]);
        var late = curve.Skip(480).Average(r => r[2]);
        Assert.True(late < early - 1.0, $"the smoothed loss went from {early:F3} to {late:F3}");
    }

    /// <summary>u = 0 at the start (the assignment's outside vectors are zeros), so the first step's every pair costs the
    /// same: 11 ln 2 with K = 10 negatives (σ(0) = ½ for the outside word and each negative), ln V with the naive softmax
    /// (a uniform distribution over the V words). The reported loss is the mean over the step's 50 windows, so it is that
    /// cost times a whole number of pairs ÷ 50, with 1 to 10 pairs a window (windows of 1 to 5 words each side).</summary>
    [Theory]
    [InlineData(LossKind.NegativeSampling, EngineKind.Tensor)]
    [InlineData(LossKind.NegativeSampling, EngineKind.CpuBatched)]   // the sequential engine's later pairs see updated u
    [InlineData(LossKind.NaiveSoftmax, EngineKind.Tensor)]
    public void TheFirstStepCostsEveryPairTheLossOfZeroOutsideVectors(LossKind loss, EngineKind engine)
    {
        var result = Train(Sst(1, engine, o => { o.Loss.Type = loss; o.Progress.PrintEvery = 1; }));
        using var _ = result.Embeddings;
        var words = result.Embeddings.OutsideVectors.shape[0];
        var perPair = loss == LossKind.NaiveSoftmax ? Math.Log(words) : 11 * Math.Log(2);
        var pairs = Assert.Single(result.LossCurve)[1] * 50 / perPair;
        Assert.True(Math.Abs(Math.Round(pairs) - pairs) < 1e-6, $"the first loss is {pairs:R} pairs' worth");
        Assert.InRange(pairs, 50, 500);
    }

    [Fact]
    public void CbowAndNaiveSoftmaxTrainToo()
    {
        var cbow = Train(Sst(200, tweak: o => { o.Model.Architecture = Architecture.Cbow; o.Schedule.LearningRate = 1.0; }));
        using (cbow.Embeddings) Assert.True(cbow.LossCurve[^1][2] < cbow.LossCurve[0][2], "CBOW loss did not fall");
        // Naive softmax learns slowly from u = 0 (its every output row starts with a gradient of about 1/V), and a report's
        // loss moves with its windows' pair count more than with the learning; so the run is held against one that does not
        // learn (the same seed draws the same windows whatever the rate): its losses on the same batches must be lower.
        TrainingResult Softmax(double rate) => Train(Sst(100, tweak: o => { o.Loss.Type = LossKind.NaiveSoftmax; o.Schedule.LearningRate = rate; }));
        var learning = Softmax(30);   // 100 diverges
        var still = Softmax(1e-12);
        using (learning.Embeddings)
        using (still.Embeddings)
        {
            Assert.Equal(still.LossCurve.Select(r => r[0]), learning.LossCurve.Select(r => r[0]));
            var lower = learning.LossCurve.Zip(still.LossCurve).Select(p => p.Second[1] - p.First[1]).ToList();
            Assert.True(lower.Skip(3).Average() > 0, "the learning run's losses are not below the still run's: " + string.Join(", ", lower));
            Assert.All(lower.TakeLast(5), d => Assert.True(d > 0, "a late report of the learning run is not below the still run's: " + string.Join(", ", lower)));
        }
    }

    [Fact]
    public void AResumeIgnoresTheTextOnlyCorpusKeysAndNotTheOthers()
    {
        using var dir = new TempFolder();
        using (TrainRuns.Train(Sst(20), TestData.SstFolder, dir.Path).Embeddings) { }
        // corpus.minCount, maxVocab and sample do not touch SST's reading, nor the batch size, the device engine's chunk or
        // the linear schedule's floor a step-schedule run: the run resumes at its step 20.
        var resumed = TrainRuns.Train(Sst(30, tweak: o =>
            {
                o.Corpus.MinCount = 1; o.Corpus.MaxVocab = 100; o.Corpus.Sample = 0;
                o.Training.BatchSize = 7; o.Training.ChunkWords = 100; o.Schedule.MinLearningRate = 0.5;
            }),
            TestData.SstFolder, dir.Path);
        using (resumed.Embeddings) Assert.Equal(20, resumed.ResumedFromStep);
        var e = Assert.Throws<InvalidDataException>(() => TrainRuns.Train(Sst(40, tweak: o => o.Model.Window = 3), TestData.SstFolder, dir.Path));
        Assert.Contains("model.window was 5, the config now says 3", e.Message);

        // SST's linear schedule decays over training.steps: more steps are another run.
        using var linear = new TempFolder();
        void Linear(TrainingOptions o) => o.Schedule.Type = ScheduleKind.Linear;
        using (TrainRuns.Train(Sst(20, tweak: Linear), TestData.SstFolder, linear.Path).Embeddings) { }
        var more = Assert.Throws<InvalidDataException>(() => TrainRuns.Train(Sst(30, tweak: Linear), TestData.SstFolder, linear.Path));
        Assert.Contains("training.steps was 20, the config now says 30", more.Message);

        // A checkpoint of an earlier version recorded them for SST too: it still resumes.
        var o = Sst(20);
        var recorded = new Dictionary<string, string>(RunFingerprint.Of(o))
        {
            ["corpus.minCount"] = "5", ["corpus.maxVocab"] = "0", ["corpus.sample"] = "0.001",
        };
        var state = new CheckpointState { VocabSize = 3, Dimension = o.Model.Dimension, Dtype = o.Dtype, VocabularyHash = "h", Fingerprint = recorded };
        using var embeddings = Embeddings.Initialize(3, o.Model.Dimension, TorchSharp.torch.ScalarType.Float32, TorchSharp.torch.CPU, 1);
        RunFingerprint.CheckCompatible("old.ckpt", state, 3, o.Model.Dimension, o.Dtype, "h", RunFingerprint.Of(o), embeddings);

        // One of a linear run from before training.steps was recorded resumes too, as does one whose dtype was spelt otherwise.
        var linearRun = Sst(20, tweak: Linear);
        var beforeSteps = new Dictionary<string, string>(RunFingerprint.Of(linearRun)) { ["dtype"] = "double" };
        Assert.True(beforeSteps.Remove("training.steps"));
        state.Fingerprint = beforeSteps;
        RunFingerprint.CheckCompatible("old.ckpt", state, 3, o.Model.Dimension, o.Dtype, "h", RunFingerprint.Of(linearRun), embeddings);

        // A key recorded only when set still counts when the run leaves it out: shared negatives are another run.
        var shared = RunFingerprint.Of(Sst(20, tweak: x => x.Loss.ShareNegatives = true));
        state.Fingerprint = shared;
        using var sharedModel = Embeddings.Initialize(3, o.Model.Dimension, TorchSharp.torch.ScalarType.Float32, TorchSharp.torch.CPU, 1);
        var refused = Assert.Throws<InvalidDataException>(() =>
            RunFingerprint.CheckCompatible("old.ckpt", state, 3, o.Model.Dimension, o.Dtype, "h", RunFingerprint.Of(o), sharedModel));
        Assert.Contains("loss.shareNegatives was True, the config now says False", refused.Message);
    }

    [Fact]
    public void AutogradTrainingFollowsTheManualGradients()
    {
        var manual = Train(Sst(100));
        var auto = Train(Sst(100, EngineKind.TensorAutograd));
        using (manual.Embeddings)
        using (auto.Embeddings)
        {
            var m = Values(manual.Embeddings.CenterVectors);
            var a = Values(auto.Embeddings.CenterVectors);
            Assert.Equal(m.Length, a.Length);
            for (var i = 0; i < m.Length; i++) Assert.Equal(m[i], a[i], 10);
            Assert.Equal(manual.FinalLoss, auto.FinalLoss, 9);
        }
    }

    [Theory]
    [InlineData(Architecture.SkipGram, LossKind.NegativeSampling)]
    [InlineData(Architecture.Cbow, LossKind.NegativeSampling)]
    [InlineData(Architecture.SkipGram, LossKind.NaiveSoftmax)]
    [InlineData(Architecture.SkipGram, LossKind.HierarchicalSoftmax)]
    [InlineData(Architecture.Cbow, LossKind.HierarchicalSoftmaxAndNegativeSampling)]
    public void TheCpuEnginesBatchedStepFollowsTheTensorEngine(Architecture architecture, LossKind loss)
    {
        var steps = loss == LossKind.NaiveSoftmax ? 4 : 100;
        void Tweak(TrainingOptions o)
        {
            if (loss == LossKind.NaiveSoftmax) o.Training.WindowsPerStep = 5;   // O(B·V·d) a step
            o.Model.Architecture = architecture;
            o.Loss.Type = loss;
            o.Progress.PrintEvery = 5;
        }
        var cpu = Train(Sst(steps, EngineKind.CpuBatched, o => { Tweak(o); o.Threads = 2; }));
        var tensor = Train(Sst(steps, EngineKind.Tensor, Tweak));
        using (cpu.Embeddings)
        using (tensor.Embeddings)
        {
            Objective.ObjectiveTestData.AssertClose(tensor.Embeddings.CenterVectors, cpu.Embeddings.CenterVectors, 1e-10, "centre vectors");
            Objective.ObjectiveTestData.AssertClose(tensor.Embeddings.OutsideVectors, cpu.Embeddings.OutsideVectors, 1e-10, "outside vectors");
            Assert.Equal(tensor.FinalLoss, cpu.FinalLoss, 1e-9);
        }
    }
}
