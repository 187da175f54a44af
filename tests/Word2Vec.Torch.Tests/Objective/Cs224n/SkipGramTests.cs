using TorchSharp;
using Word2Vec.Torch.Backend;
using Word2Vec.Torch.Objective.Cs224n;
using static TorchSharp.torch;
using static Word2Vec.Torch.Tests.Objective.ObjectiveTestData;

namespace Word2Vec.Torch.Tests.Objective.Cs224n;

public class SkipGramTests
{
    private static readonly string[] Names = { "centerWordVectors", "outsideVectors" };

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void GradientsMatchAutogradAndFiniteDifferences(bool negativeSampling)
    {
        using var scope = torch.NewDisposeScope();
        var rng = new Random(11);
        const int V = 6, d = 3, c = 4;
        var outsideWords = new long[] { 1, 5, 1, 0 };                   // a repeated outside word
        // Pair 0 samples the centre word itself; pair 2 repeats a word; K = 7 > V.
        var negatives = torch.tensor(new long[]
        {
            c, 2, 3, 3, 0, 1, 5,
            0, 0, 0, 0, 0, 0, 0,
            2, 2, 4, 1, 3, 5, 5,
            5, 4, 3, 2, 1, 0, c,
        }, new long[] { 4, 7 });
        var loss = negativeSampling ? PairLosses.NegativeSampling(negatives) : PairLosses.NaiveSoftmax;
        AssertGradientsCorrect($"skip-gram ({(negativeSampling ? "negative sampling" : "naive softmax")})", Names,
            new[] { Uniform(rng, new long[] { V, d }), Uniform(rng, new long[] { V, d }) },
            ps =>
            {
                var r = SkipGram.Window(c, outsideWords, ps[0], ps[1], loss);
                return (r.Loss, new[] { r.GradCenterVecs, r.GradOutsideVectors });
            });
    }

    [Fact]
    public void TheWindowIsTheSumOfItsPairsAndOnlyTheCentreRowGetsGradient()
    {
        using var scope = torch.NewDisposeScope();
        var rng = new Random(12);
        var centerWordVectors = Uniform(rng, new long[] { 5, 4 });
        var outsideVectors = Uniform(rng, new long[] { 5, 4 });
        const long c = 2;
        var outsideWords = new long[] { 0, 3, 4 };
        using var window = SkipGram.Window(c, outsideWords, centerWordVectors, outsideVectors, PairLosses.NaiveSoftmax);

        var pairs = outsideWords.Select(o => NaiveSoftmax.LossAndGradient(centerWordVectors[c], o, outsideVectors)).ToList();
        AssertClose(pairs.Select(p => p.Loss).Aggregate((a, b) => a.add(b, Held.One)), window.Loss, 1e-14, "loss");
        AssertClose(pairs.Select(p => p.GradOutsideVecs).Aggregate((a, b) => a.add(b, Held.One)), window.GradOutsideVectors, 1e-14, "gradOutsideVectors");
        AssertClose(pairs.Select(p => p.GradCenterVec).Aggregate((a, b) => a.add(b, Held.One)), window.GradCenterVecs[c], 1e-14, "row c");
        for (var w = 0; w < 5; w++)
            if (w != c) Assert.All(Values(window.GradCenterVecs[w]), g => Assert.Equal(0.0, g));
    }

    [Fact]
    public void AnEmptyWindowCostsNothing()
    {
        using var scope = torch.NewDisposeScope();
        using var r = SkipGram.Window(0, Array.Empty<long>(), torch.ones(3, 2, dtype: ScalarType.Float64), torch.ones(3, 2, dtype: ScalarType.Float64), PairLosses.NaiveSoftmax);
        Assert.Equal(0.0, Values(r.Loss).Single());
        Assert.All(Values(r.GradCenterVecs), g => Assert.Equal(0.0, g));
    }

    [Fact]
    public void BadArgumentsAreNamed()
    {
        using var scope = torch.NewDisposeScope();
        var V = torch.zeros(4, 3, dtype: ScalarType.Float64);
        var U = torch.zeros(4, 3, dtype: ScalarType.Float64);
        Assert.Equal("currentCenterWordIdx", Assert.ThrowsAny<ArgumentException>(() =>
            SkipGram.Window(4, new long[] { 1 }, V, U, PairLosses.NaiveSoftmax)).ParamName);
        Assert.Equal("outsideWordIndices", Assert.ThrowsAny<ArgumentException>(() =>
            SkipGram.Window(0, new long[] { 1, 9 }, V, U, PairLosses.NaiveSoftmax)).ParamName);
        Assert.Equal("outsideVectors", Assert.ThrowsAny<ArgumentException>(() =>
            SkipGram.Window(0, new long[] { 1 }, V, torch.zeros(4, 2, dtype: ScalarType.Float64), PairLosses.NaiveSoftmax)).ParamName);
        Assert.Equal("pairIndex", Assert.ThrowsAny<ArgumentException>(() =>   // 2 outside words, samples for 1 pair
            SkipGram.Window(0, new long[] { 1, 2 }, V, U, PairLosses.NegativeSampling(torch.tensor(new long[] { 1, 2 }, new long[] { 1, 2 })))).ParamName);
    }
}
