using Word2Vec.Torch.Objective.GradientChecking;

namespace Word2Vec.Torch.Tests.Objective.GradientChecking;

public class GradientChecksTests
{
    [Theory]
    [InlineData(0L)]
    [InlineData(20260507L)]
    public void EveryRowPasses(long seed)
    {
        var rows = GradientChecks.RunAll(seed);
        Assert.NotEmpty(rows);
        Assert.All(rows, row => Assert.True(row.Passed,
            $"{row.Case} / {row.Parameter}: autograd rel {row.MaxRelDiffAutograd:G3}, finite differences {row.FiniteDifferenceRelError:G3}"));
    }

    [Fact]
    public void EveryCaseIsCovered()
    {
        var rows = GradientChecks.RunAll(1);
        var cases = rows.Select(r => r.Case).Distinct().ToList();
        string[] expected =
        {
            "naive softmax",
            "negative sampling",
            "negative sampling (repeated negatives)",
            "hierarchical softmax",
            "skip-gram window (naive softmax)",
            "skip-gram window (negative sampling)",
            "CBOW window (sum, naive softmax)",
            "CBOW window (sum, negative sampling)",
            "CBOW window (mean, naive softmax)",
            "CBOW window (mean, negative sampling)",
            "skip-gram window (hierarchical softmax)",
            "CBOW window (sum, hierarchical softmax)",
            "CBOW window (mean, hierarchical softmax)",
            "batched naive softmax loss",
            "batched negative sampling loss",
            "batched hierarchical softmax loss",
            "batched hierarchical softmax + negative sampling loss",
            "batched skip-gram (naive softmax)",
            "batched skip-gram (negative sampling)",
            "batched CBOW sum (naive softmax)",
            "batched CBOW sum (negative sampling)",
            "batched CBOW mean (naive softmax)",
            "batched CBOW mean (negative sampling)",
            "batched skip-gram (hierarchical softmax)",
            "batched skip-gram (hierarchical softmax + negative sampling)",
            "batched CBOW sum (hierarchical softmax)",
            "batched CBOW sum (hierarchical softmax + negative sampling)",
            "batched CBOW mean (hierarchical softmax)",
            "batched CBOW mean (hierarchical softmax + negative sampling)",
            "batched skip-gram, shared negatives",
        };
        Assert.Equal(expected.OrderBy(x => x), cases.OrderBy(x => x));
        Assert.All(rows.GroupBy(r => r.Case), g => Assert.Equal(2, g.Count()));
    }
}
