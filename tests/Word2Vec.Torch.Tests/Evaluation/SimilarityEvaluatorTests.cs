using Word2Vec.Torch.Evaluation;
using Word2Vec.Torch.Vectors;

namespace Word2Vec.Torch.Tests.Evaluation;

public class SimilarityEvaluatorTests
{
    // w0 … w5 on the unit circle at angles 0, 0.3, …, 1.5: cos(w0, wk) falls as k grows.
    private static WordVectors Fan()
    {
        var words = Enumerable.Range(0, 6).Select(k => $"w{k}").ToArray();
        var m = Enumerable.Range(0, 6).SelectMany(k => new[] { (float)Math.Cos(0.3 * k), (float)Math.Sin(0.3 * k) }).ToArray();
        return WordVectors.FromMatrix(words, m);
    }

    private static SimilarityDataset Pairs(params (string, string, double)[] pairs) =>
        SimilarityDataset.Parse(new StringReader(string.Join("\n", pairs.Select(p => $"{p.Item1}\t{p.Item2}\t{p.Item3}"))), "test", "test");

    [Fact]
    public void PerfectlyRankCorrelatedScoresGiveOne()
    {
        using var v = Fan();
        var r = new SimilarityEvaluator(v).Evaluate(Pairs(("w0", "w1", 9), ("w0", "w2", 7), ("w0", "w3", 4.5), ("w0", "w4", 1), ("w0", "w5", 0.5)));
        Assert.Equal(1.0, r.Spearman, 12);
        Assert.Equal((5, 5, 0, 1.0), (r.Pairs, r.Found, r.Skipped, r.Coverage));
    }

    [Fact]
    public void ReversedScoresGiveMinusOne()
    {
        using var v = Fan();
        var r = new SimilarityEvaluator(v).Evaluate(Pairs(("w0", "w1", 1), ("w0", "w2", 2), ("w0", "w3", 3), ("w0", "w4", 4)));
        Assert.Equal(-1.0, r.Spearman, 12);
    }

    [Fact]
    public void TiedHumanScoresUseAverageRanks()
    {
        using var v = Fan();
        // Human ranks 1.5, 1.5, 3, 4 against cosine ranks 4, 3, 2, 1 → ρ = −0.9486833.
        var r = new SimilarityEvaluator(v).Evaluate(Pairs(("w0", "w1", 1), ("w0", "w2", 1), ("w0", "w3", 3), ("w0", "w4", 4)));
        Assert.Equal(-4.5 / Math.Sqrt(22.5), r.Spearman, 6);
    }

    [Fact]
    public void UnknownWordsAreSkippedAndLookupsIgnoreCase()
    {
        using var v = Fan();
        var r = new SimilarityEvaluator(v).Evaluate(Pairs(("W0", "w1", 9), ("w0", "unicorn", 8), ("w0", "W2", 7), ("dragon", "w1", 3), ("w0", "w3", 1)));
        Assert.Equal((5, 3, 2), (r.Pairs, r.Found, r.Skipped));
        Assert.Equal(0.6, r.Coverage, 12);
        Assert.Equal(1.0, r.Spearman, 12);

        var none = new SimilarityEvaluator(v).Evaluate(Pairs(("x", "y", 1)));
        Assert.Equal(0, none.Found);
        Assert.True(double.IsNaN(none.Spearman));
    }
}
