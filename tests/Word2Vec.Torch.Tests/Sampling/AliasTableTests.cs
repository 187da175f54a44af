using Word2Vec.Torch.Data;
using Word2Vec.Torch.Sampling;

namespace Word2Vec.Torch.Tests.Sampling;

public class AliasTableTests
{
    [Fact]
    public void TheTableHoldsTheDistributionExactly()
    {
        var weights = new[] { 5.0, 0.0, 1.0, 3.0, 1.0 };
        var table = new AliasTable(weights);
        for (var i = 0; i < weights.Length; i++)
            Assert.Equal(weights[i] / 10.0, table.Probability(i), 12);
    }

    [Fact]
    public void DrawsFollowTheDistribution()
    {
        var counts = new long[] { 1000, 10, 1, 300, 77 };
        var table = AliasTable.FromCounts(counts);
        var rng = new RandomSource(4);
        var drawn = new int[counts.Length];
        const int draws = 400_000;
        for (var i = 0; i < draws; i++) drawn[table.Sample(rng)]++;
        var total = counts.Sum(c => Math.Pow(c, 0.75));
        for (var i = 0; i < counts.Length; i++)
        {
            var p = Math.Pow(counts[i], 0.75) / total;
            var sigma = Math.Sqrt(draws * p * (1 - p));
            Assert.InRange(drawn[i], draws * p - 5 * sigma, draws * p + 5 * sigma);
        }
    }
}
