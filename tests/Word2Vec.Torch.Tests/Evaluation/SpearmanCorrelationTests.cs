using Word2Vec.Torch.Evaluation;

namespace Word2Vec.Torch.Tests.Evaluation;

public class SpearmanCorrelationTests
{
    [Fact]
    public void AMonotoneRelationIsOneAndAReversedOneMinusOne()
    {
        var x = new[] { 1.0, 2, 3, 4, 5, 6 };
        var y = x.Select(v => Math.Exp(v)).ToArray();
        Assert.Equal(1.0, SpearmanCorrelation.Compute(x, y), 12);
        Assert.Equal(-1.0, SpearmanCorrelation.Compute(x, y.Select(v => -v).ToArray()), 12);
    }

    [Fact]
    public void TiesGetTheAverageRank()
    {
        Assert.Equal(new[] { 1, 2.5, 2.5, 4 }, SpearmanCorrelation.Ranks(new[] { 10.0, 20, 20, 30 }));
        Assert.Equal(new[] { 4.0, 2, 2, 2 }, SpearmanCorrelation.Ranks(new[] { 9.0, 1, 1, 1 }));
        // Ranks x: 1, 2.5, 2.5, 4; y: 1, 3, 2, 4 → r = 4.5 / √(4.5 · 5) (scipy.stats.spearmanr: 0.9486833).
        Assert.Equal(4.5 / Math.Sqrt(22.5), SpearmanCorrelation.Compute(new[] { 1.0, 2, 2, 3 }, new[] { 1.0, 3, 2, 4 }), 12);
        // Tied pairs on both sides keep a perfect correlation perfect.
        Assert.Equal(1.0, SpearmanCorrelation.Compute(new[] { 1.0, 1, 2, 3 }, new[] { 5.0, 5, 7, 9 }), 12);
    }

    [Fact]
    public void DegenerateSamplesGiveNaN()
    {
        Assert.True(double.IsNaN(SpearmanCorrelation.Compute(new[] { 1.0 }, new[] { 2.0 })));
        Assert.True(double.IsNaN(SpearmanCorrelation.Compute(new[] { 1.0, 1, 1 }, new[] { 1.0, 2, 3 })));
        Assert.Throws<ArgumentException>(() => SpearmanCorrelation.Compute(new[] { 1.0 }, new[] { 1.0, 2 }));
        Assert.Throws<ArgumentException>(() => SpearmanCorrelation.Pearson(new[] { 1.0, 2, 3 }, new[] { 1.0, 2 }));
        Assert.True(double.IsNaN(SpearmanCorrelation.Pearson(Array.Empty<double>(), Array.Empty<double>())));
    }
}
