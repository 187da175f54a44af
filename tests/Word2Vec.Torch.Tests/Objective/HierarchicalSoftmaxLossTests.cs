using TorchSharp;
using Word2Vec.Torch.Backend;
using Word2Vec.Torch.Objective;
using static TorchSharp.torch;
using static Word2Vec.Torch.Tests.Objective.ObjectiveTestData;

namespace Word2Vec.Torch.Tests.Objective;

public class HierarchicalSoftmaxLossTests
{
    private static readonly HuffmanTree Tree = new([50, 20, 20, 9, 7, 3, 1]);   // V = 7, paths of 2 to 4 nodes

    public static TheoryData<string, long[]> Cases => new()
    {
        { "every word once", new long[] { 0, 1, 2, 3, 4, 5, 6 } },
        { "a repeated target (its nodes' gradients add up)", new long[] { 6, 6, 0 } },
        { "B = 1", new long[] { 5 } },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void GradientsMatchAutogradAndFiniteDifferences(string name, long[] targets)
    {
        using var scope = torch.NewDisposeScope();
        var rng = new Random(name.Length);
        const int d = 3;
        var loss = new HierarchicalSoftmaxLoss(Tree);
        var t = torch.tensor(targets);
        AssertGradientsCorrect($"batched hierarchical softmax, {name}", new[] { "hidden", "outsideVectors" },
            new[] { Uniform(rng, new long[] { targets.Length, d }), Uniform(rng, new long[] { Tree.InnerNodes, d }) },
            ps =>
            {
                var r = loss.Forward(ps[0], t, ps[1], null);
                return (r.Loss, new[] { r.GradHidden, RowGradients.Dense(r.OutsideRows, r.OutsideRowGrads, Tree.InnerNodes) });
            });
    }

    [Fact]
    public void ThePathProbabilitiesAreADistributionOverTheVocabulary()
    {
        // P(w | h) = Π_j σ((1 − 2c_j) u_{n_j}·h) sums to 1 over the words, for any h and node vectors.
        using var scope = torch.NewDisposeScope();
        var rng = new Random(3);
        var loss = new HierarchicalSoftmaxLoss(Tree);
        var v = Tree.VocabSize;
        var h = Uniform(rng, new long[] { 1, 4 }, scale: 2).expand(v, 4);
        var nodes = Uniform(rng, new long[] { Tree.InnerNodes, 4 }, scale: 2);
        var r = loss.Forward(h, torch.tensor(Enumerable.Range(0, v).Select(w => (long)w).ToArray()), nodes, null);
        var p = Values(r.PerExampleLoss).Select(j => Math.Exp(-j)).ToArray();
        Assert.Equal(1.0, p.Sum(), 12);
        Assert.True(p.Max() < 0.99, "a degenerate distribution would not test much");
    }

    [Fact]
    public void WithNegativeSamplingTheTwoLossesShareTheMatrixOnTheirOwnRows()
    {
        using var scope = torch.NewDisposeScope();
        var rng = new Random(4);
        var v = Tree.VocabSize;
        var h = Uniform(rng, new long[] { 3, 5 });
        var matrix = Uniform(rng, new long[] { 2 * v - 1, 5 });
        var targets = torch.tensor(new long[] { 1, 6, 3 });
        var negatives = torch.tensor(new long[] { 0, 2, 6, 6, 4, 5 }, new long[] { 3, 2 });
        var sum = new SumOfLosses(new HierarchicalSoftmaxLoss(Tree, nodeOffset: v), new NegativeSamplingLoss(v));
        var both = sum.Forward(h, targets, matrix, negatives);
        var hs = new HierarchicalSoftmaxLoss(Tree).Forward(h, targets, matrix.narrow(0, v, v - 1), null);
        var ns = new NegativeSamplingLoss().Forward(h, targets, matrix.narrow(0, 0, v), negatives);
        AssertScalar(hs.Loss.item<double>() + ns.Loss.item<double>(), both.Loss, 1e-12);
        AssertClose(hs.GradHidden.add(ns.GradHidden, Held.One), both.GradHidden, 1e-12, "∂J/∂h");
        var dense = RowGradients.Dense(both.OutsideRows, both.OutsideRowGrads, 2 * v - 1);
        AssertClose(RowGradients.Dense(ns.OutsideRows, ns.OutsideRowGrads, v), dense.narrow(0, 0, v), 1e-12, "the outside vectors' rows");
        AssertClose(RowGradients.Dense(hs.OutsideRows, hs.OutsideRowGrads, v - 1), dense.narrow(0, v, v - 1), 1e-12, "the nodes' rows");
        Assert.Throws<ArgumentException>(() => new HierarchicalSoftmaxLoss(Tree, nodeOffset: v).Forward(h, targets, matrix.narrow(0, 0, v), null));
        // A negative past the words (row v is the tree's node 0) is refused, not scored as a noise word.
        var intoTheNodes = torch.tensor(new long[] { 0, 2, 6, v, 4, 5 }, new long[] { 3, 2 });
        var e = Assert.ThrowsAny<ArgumentException>(() => sum.Forward(h, targets, matrix, intoTheNodes));
        Assert.Contains($"the {v}-word vocabulary", e.Message);
    }
}
