using TorchSharp;
using Word2Vec.Torch.Backend;
using Word2Vec.Torch.Objective.Cs224n;
using Word2Vec.Torch.Objective;
using static TorchSharp.torch;
using static Word2Vec.Torch.Tests.Objective.ObjectiveTestData;

namespace Word2Vec.Torch.Tests.Objective.Cs224n;

public class CbowTests
{
    private static readonly string[] Names = { "centerWordVectors", "outsideVectors" };

    [Theory]
    [InlineData(ContextCombine.Sum, false)]
    [InlineData(ContextCombine.Sum, true)]
    [InlineData(ContextCombine.Mean, false)]
    [InlineData(ContextCombine.Mean, true)]
    public void GradientsMatchAutogradAndFiniteDifferences(ContextCombine combine, bool negativeSampling)
    {
        using var scope = torch.NewDisposeScope();
        var rng = new Random(21);
        const int V = 5, d = 3, c = 2;
        var context = new long[] { 0, 4, 0, 2, 3 };                   // repeated context word, and c itself
        var negatives = torch.tensor(new long[] { 2, 2, 0, 1, 4, 3, 3 }, new long[] { 1, 7 });
        var loss = negativeSampling ? PairLosses.NegativeSampling(negatives) : PairLosses.NaiveSoftmax;
        AssertGradientsCorrect($"CBOW {combine} ({(negativeSampling ? "negative sampling" : "naive softmax")})", Names,
            new[] { Uniform(rng, new long[] { V, d }), Uniform(rng, new long[] { V, d }) },
            ps =>
            {
                var r = Cbow.Window(c, context, combine, ps[0], ps[1], loss);
                return (r.Loss, new[] { r.GradCenterVecs, r.GradOutsideVectors });
            });
    }

    [Fact]
    public void MeanIsSumOverCountAndRepeatedWordsAccumulate()
    {
        using var scope = torch.NewDisposeScope();
        var rng = new Random(22);
        var centerWordVectors = Uniform(rng, new long[] { 4, 3 });
        var outsideVectors = Uniform(rng, new long[] { 4, 3 });
        var context = new long[] { 1, 1, 3 };
        using var mean = Cbow.Window(0, context, ContextCombine.Mean, centerWordVectors, outsideVectors, PairLosses.NaiveSoftmax);

        using var two = 2.ToScalar();
        using var three = 3.0.ToScalar();
        using var twoThirds = (2 / 3.0).ToScalar();
        var h = centerWordVectors[1].mul(two).add(centerWordVectors[3], Held.One).div(three);
        using var pair = NaiveSoftmax.LossAndGradient(h, 0, outsideVectors);
        AssertClose(pair.Loss, mean.Loss, 1e-14, "loss");
        AssertClose(pair.GradCenterVec.mul(twoThirds), mean.GradCenterVecs[1], 1e-14, "row 1, twice in the context");
        AssertClose(pair.GradCenterVec.div(three), mean.GradCenterVecs[3], 1e-14, "row 3");
        Assert.All(Values(mean.GradCenterVecs[0]), g => Assert.Equal(0.0, g));
    }

    [Fact]
    public void BadArgumentsAreNamed()
    {
        using var scope = torch.NewDisposeScope();
        var V = torch.zeros(4, 3, dtype: ScalarType.Float64);
        var U = torch.zeros(4, 3, dtype: ScalarType.Float64);
        Assert.Equal("contextWordIndices", Assert.ThrowsAny<ArgumentException>(() =>
            Cbow.Window(0, Array.Empty<long>(), ContextCombine.Sum, V, U, PairLosses.NaiveSoftmax)).ParamName);
        Assert.Equal("contextWordIndices", Assert.ThrowsAny<ArgumentException>(() =>
            Cbow.Window(0, new long[] { 1, 4 }, ContextCombine.Sum, V, U, PairLosses.NaiveSoftmax)).ParamName);
        Assert.Equal("currentCenterWordIdx", Assert.ThrowsAny<ArgumentException>(() =>
            Cbow.Window(-1, new long[] { 1 }, ContextCombine.Mean, V, U, PairLosses.NaiveSoftmax)).ParamName);
    }
}
