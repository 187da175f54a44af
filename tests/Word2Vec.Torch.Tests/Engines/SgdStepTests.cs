using TorchSharp;
using Word2Vec.Torch.Engines;
using Word2Vec.Torch.Objective;
using static TorchSharp.torch;
using static Word2Vec.Torch.Tests.Objective.ObjectiveTestData;

namespace Word2Vec.Torch.Tests.Engines;

/// <summary>The tensor engines' step: θ −= lr·∂J/∂θ on the rows a batch touches, with the optional hot-row cap.</summary>
public class SgdStepTests
{
    private const int V = 9, D = 4;

    private static (Embeddings Model, Tensor Center, Tensor Outside) RandomModel(int seed, int dimension = D)
    {
        var rng = new Random(seed);
        var center = Uniform(rng, new long[] { V, dimension });
        var outside = Uniform(rng, new long[] { V, dimension });
        return (new Embeddings(center.clone(), outside.clone()), center, outside);
    }

    [Theory]
    [InlineData(ContextCombine.Sum, false, 1, D)]    // skip-gram, negative sampling; rows under 16 columns: index_put_
    [InlineData(ContextCombine.Mean, true, 3, D)]    // CBOW mean, naive softmax
    [InlineData(ContextCombine.Sum, false, 1, 20)]   // 16 columns and more: the sorted scatter_add_
    [InlineData(ContextCombine.Mean, true, 3, 20)]
    public void AStepMovesEveryRowByMinusTheRateTimesItsDenseGradient(ContextCombine combine, bool naiveSoftmax, int width, int dimension)
    {
        using var scope = torch.NewDisposeScope();
        var (model, center, outside) = RandomModel(3, dimension);
        using var _ = model;
        var rng = new Random(4);
        const int B = 6, K = 3;
        var inputs = torch.tensor(new long[] { 1, 1, 2, 5, 1, 7, 0, 2, 2, 8, 3, 1, 4, 4, 6, 2, 5, 1 }.Take(B * width).ToArray(), new long[] { B, width });
        var mask = torch.ones(B, width, ScalarType.Float64);
        var targets = torch.tensor(new long[] { 3, 3, 4, 0, 8, 3 });
        var negatives = naiveSoftmax ? null : torch.tensor(RandomIndices(rng, B * K, V), new long[] { B, K });
        var architecture = new Word2VecArchitecture(combine, naiveSoftmax ? new NaiveSoftmaxLoss() : new NegativeSamplingLoss());

        // The gradients at the old parameters, made dense.
        using var expected = architecture.Forward(center, outside, inputs, mask, targets, negatives);
        using var lr = 0.1.ToScalar();
        var centerAfter = center.sub(expected.DenseCenterGradient(V).mul(lr));
        var outsideAfter = outside.sub(expected.DenseOutsideGradient(V).mul(lr));

        var loss = new SgdStep(architecture).Apply(model, inputs, mask, targets, negatives, 0.1);
        AssertScalar(expected.Loss.item<double>(), loss, 1e-12);
        AssertClose(centerAfter, model.CenterVectors, 1e-12, "centre vectors");
        AssertClose(outsideAfter, model.OutsideVectors, 1e-12, "outside vectors");
    }

    [Fact]
    public void TheRowScaleIsMinOfOneAndCapOverTheRowsCount()
    {
        using var rows = torch.tensor(new long[] { 0, 1, 1, 2, 2, 2, 4 });
        using var scale = SgdStep.RowScale(rows, null, 5, cap: 2, ScalarType.Float64);
        Assert.Equal(new long[] { 7, 1 }, scale.shape);
        Assert.Equal(new[] { 1, 1, 1, 2 / 3.0, 2 / 3.0, 2 / 3.0, 1 }, scale.data<double>().ToArray());
    }

    [Fact]
    public void TheRowScaleCountsAnEntryByItsWeight()
    {
        // Row 0: one contribution and three padding entries; row 2: three contributions.
        using var rows = torch.tensor(new long[] { 0, 0, 0, 0, 2, 2, 2 });
        using var weights = torch.tensor(new[] { 1.0, 0, 0, 0, 1, 1, 1 });
        using var scale = SgdStep.RowScale(rows, weights, 5, cap: 2, ScalarType.Float64);
        Assert.Equal(new[] { 1, 1, 1, 1, 2 / 3.0, 2 / 3.0, 2 / 3.0 }, scale.data<double>().ToArray());
    }

    /// <summary>Padding (CBOW's short windows at row 0, a hierarchical-softmax path's tail at node 0) carries no
    /// gradient and is no contribution: with every row's real contributions at most the cap, the capped step
    /// is the plain one, however often row 0 pads.</summary>
    [Theory]
    [InlineData("cbow")]
    [InlineData("hierarchical softmax")]
    public void PaddingIsNoContributionToTheCap(string kind)
    {
        using var scope = torch.NewDisposeScope();
        const int B = 6;
        var rng = new Random(8);
        Tensor inputs, mask, targets;
        Tensor? negatives = null;
        IArchitecture architecture;
        if (kind == "cbow")
        {
            // Two real context words an example (row 0 once), two padding slots at row 0: 13 entries of row 0.
            inputs = torch.tensor(new long[] { 0, 3, 0, 0, 1, 2, 0, 0, 4, 5, 0, 0, 6, 7, 0, 0, 8, 1, 0, 0, 2, 3, 0, 0 }, new long[] { B, 4 });
            mask = torch.tensor(Enumerable.Range(0, B).SelectMany(_ => new[] { 1.0, 1, 0, 0 }).ToArray(), new long[] { B, 4 });
            targets = torch.tensor(new long[] { 3, 5, 4, 0, 8, 2 });
            negatives = torch.tensor(RandomIndices(rng, B * 2, V), new long[] { B, 2 });
            architecture = new Word2VecArchitecture(ContextCombine.Sum, new NegativeSamplingLoss());
        }
        else
        {
            // Paths of 2 to 5 nodes; frequent targets leave most of the 5 slots as padding at node 0, the rare
            // word 8's path goes through node 0 itself. Each node is on a path at most once: ≤ B contributions.
            var tree = new HuffmanTree([50, 20, 20, 9, 7, 3, 1, 1, 1]);
            Assert.True(tree.MaxDepth >= 4);
            inputs = torch.tensor(new long[] { 1, 2, 3, 4, 5, 6 }, new long[] { B, 1 });
            mask = torch.ones(B, 1, ScalarType.Float64);
            targets = torch.tensor(new long[] { 0, 1, 2, 0, 1, 8 });
            architecture = new Word2VecArchitecture(ContextCombine.Sum, new HierarchicalSoftmaxLoss(tree));
        }
        (double[] Center, double[] Outside) After(double cap)
        {
            var (model, _, _) = RandomModel(9);
            using (model)
            {
                new SgdStep(architecture).Apply(model, inputs, mask, targets, negatives, 0.5, cap);
                return (Values(model.CenterVectors), Values(model.OutsideVectors));
            }
        }
        var plain = After(0);
        var capped = After(B);
        Assert.Equal(plain.Center, capped.Center);
        Assert.Equal(plain.Outside, capped.Outside);
        var (start, startCenter, startOutside) = RandomModel(9);
        start.Dispose();
        var moved = kind == "cbow" ? (Before: Values(startCenter), After: plain.Center) : (Before: Values(startOutside), After: plain.Outside);
        Assert.NotEqual(moved.Before.Take(D), moved.After.Take(D));   // row 0 did move: the comparison is not of zeros
    }

    [Fact]
    public void ACapChangesOnlyTheRowsTouchedMoreOftenThanIt()
    {
        using var scope = torch.NewDisposeScope();
        // Row 3 is the target of 4 of the 5 pairs; every other outside row is touched once.
        var inputs = torch.tensor(new long[] { 0, 1, 2, 5, 6 }, new long[] { 5, 1 });
        var mask = torch.ones(5, 1, ScalarType.Float64);
        var targets = torch.tensor(new long[] { 3, 3, 3, 3, 8 });
        var negatives = torch.tensor(new long[] { 4, 7, 1, 2, 0 }, new long[] { 5, 1 });
        var architecture = new Word2VecArchitecture(ContextCombine.Sum, new NegativeSamplingLoss());
        double[] After(double cap)
        {
            var (model, _, _) = RandomModel(5);
            using (model)
            {
                new SgdStep(architecture).Apply(model, inputs, mask, targets, negatives, 0.5, cap);
                return Values(model.OutsideVectors);
            }
        }
        var (start, _, startOutside) = RandomModel(5);
        start.Dispose();
        var before = Values(startOutside);
        var plain = After(0);
        Assert.Equal(plain, After(4));                              // no row is touched more than 4 times
        var capped = After(2);
        for (var r = 0; r < V; r++)
        {
            var row = Enumerable.Range(r * D, D).ToArray();
            if (r == 3)
                foreach (var i in row) Assert.Equal((plain[i] - before[i]) * 2 / 4, capped[i] - before[i], 12);   // cap/n = 2/4
            else
                foreach (var i in row) Assert.Equal(plain[i], capped[i]);
        }
    }

    public static TheoryData<string, double> Splits => new()
    {
        { "skip-gram", 0 }, { "skip-gram, capped", 2 }, { "shared negatives", 0 }, { "shared negatives, capped", 2 }, { "cbow", 0 },
        { "naive softmax", 0 },   // one loss (and its kept buffer) on several threads
    };

    [Theory]
    [MemberData(nameof(Splits))]
    public void AStepCutIntoPartsOnThreadsGivesTheSameParametersAsOneStep(string kind, double cap)
    {
        using var scope = torch.NewDisposeScope();
        var rng = new Random(kind.Length);
        const int B = 11, K = 3;
        var naive = kind == "naive softmax";
        var width = kind.StartsWith("skip-gram", StringComparison.Ordinal) || naive ? 1 : 4;
        var inputs = torch.tensor(RandomIndices(rng, B * width, V), new long[] { B, width });
        var mask = torch.tensor(Enumerable.Range(0, B * width).Select(i => i % width <= i / width % width ? 1.0 : 0.0).ToArray(), new long[] { B, width });
        var targets = torch.tensor(RandomIndices(rng, B, V));
        var negatives = naive ? null : torch.tensor(RandomIndices(rng, B * K, V), new long[] { B, K });
        IArchitecture architecture = kind.StartsWith("shared", StringComparison.Ordinal)
            ? new SharedNegativesSkipGram(new NegativeSamplingLoss())
            : new Word2VecArchitecture(kind == "cbow" ? ContextCombine.Mean : ContextCombine.Sum,
                naive ? new NaiveSoftmaxLoss() : new NegativeSamplingLoss());
        (double[] Center, double[] Outside, double Loss) After(int parts)
        {
            var (model, _, _) = RandomModel(6);
            using (model)
            {
                var loss = new SgdStep(architecture).Apply(model, inputs, mask, targets, negatives, 0.3, cap, parts: parts).item<double>();
                return (Values(model.CenterVectors), Values(model.OutsideVectors), loss);
            }
        }
        var one = After(1);
        foreach (var parts in new[] { 2, 3, 40 })   // 40 > B: one example a part
        {
            var split = After(parts);
            Assert.Equal(split.Center, After(parts).Center);   // the same parts, the same numbers
            if (kind is "cbow" or "naive softmax")
            {
                // CBOW's sum over the window is a libtorch reduction, whose order can depend on the batch's shape;
                // naive softmax's ∂J/∂U is a product over the batch, summed part by part.
                AssertClose(torch.tensor(one.Center), torch.tensor(split.Center), 1e-13, "centre vectors");
                AssertClose(torch.tensor(one.Outside), torch.tensor(split.Outside), 1e-13, "outside vectors");
            }
            else
            {
                Assert.Equal(one.Center, split.Center);     // bit for bit: every row's updates are added in batch order
                Assert.Equal(one.Outside, split.Outside);
            }
            Assert.Equal(one.Loss, split.Loss, 12);
        }
    }
}
