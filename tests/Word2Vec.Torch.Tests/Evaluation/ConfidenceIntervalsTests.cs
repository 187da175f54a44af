using Word2Vec.Torch.Evaluation;

namespace Word2Vec.Torch.Tests.Evaluation;

public class ConfidenceIntervalsTests
{
    [Fact]
    public void TheSpearmanIntervalCoversTheTrueCorrelationNineteenTimesInTwenty()
    {
        // Pairs from a bivariate normal of Pearson r = 0.6, whose Spearman ρ is (6/π) asin(r/2) (Pearson 1907).
        const double r = 0.6;
        var truth = 6 / Math.PI * Math.Asin(r / 2);
        var random = new Random(5);
        double Normal() => Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
        foreach (var n in new[] { 20, 60 })
        {
            const int trials = 20_000;
            var covered = 0;
            for (var t = 0; t < trials; t++)
            {
                var x = new double[n];
                var y = new double[n];
                for (var i = 0; i < n; i++)
                {
                    x[i] = Normal();
                    y[i] = r * x[i] + Math.Sqrt(1 - r * r) * Normal();
                }
                var (low, high) = ConfidenceIntervals.Spearman(SpearmanCorrelation.Compute(x, y), n);
                Assert.True(low < high);
                if (low <= truth && truth <= high) covered++;
            }
            // 20,000 trials measure the coverage within ±0.3 % (two standard errors). These trials: 95.0 % at n = 20 and
            // 94.8 % at n = 60; with Pearson's variance 1 / (n − 3) in place of Fieller's 94.3 % and 93.8 %.
            Assert.InRange((double)covered / trials, 0.941, 0.957);
        }
    }

    [Fact]
    public void TheSpearmanIntervalNarrowsWithMorePairsAndIsNotGivenForFewerThanTen()
    {
        var (low100, high100) = ConfidenceIntervals.Spearman(0.5, 100);
        var (low1000, high1000) = ConfidenceIntervals.Spearman(0.5, 1000);
        Assert.True(low100 < low1000 && low1000 < 0.5 && 0.5 < high1000 && high1000 < high100);
        Assert.Equal(-ConfidenceIntervals.Spearman(0.3, 50).Low, ConfidenceIntervals.Spearman(-0.3, 50).High, 12);   // symmetric in ρ
        Assert.True(double.IsNaN(ConfidenceIntervals.Spearman(0.9, ConfidenceIntervals.MinimumPairs - 1).Low));
        Assert.False(double.IsNaN(ConfidenceIntervals.Spearman(0.9, ConfidenceIntervals.MinimumPairs).Low));
        Assert.True(double.IsNaN(ConfidenceIntervals.Spearman(double.NaN, 100).High));
        Assert.True(double.IsNaN(ConfidenceIntervals.Spearman(1.5, 100).Low));   // no correlation: no interval (a report's getter must not throw)
    }
}
