using TorchSharp;
using Word2Vec.Torch.Math.GradientChecking;
using static TorchSharp.torch;

namespace Word2Vec.Torch.Tests.Math;

public class GradientCheckerTests
{
    private static readonly Tensor[] Point = { tensor(new[] { 0.5, -1.5, 2.0 }) };

    [Fact]
    public void ACorrectGradientPassesBothChecks()
    {
        // J = Σ x³, ∂J/∂x = 3x².
        var rows = GradientChecker.Check("cube", new[] { "x" }, Point,
            ps => (ps[0].pow(3).sum(), new[] { ps[0].pow(2) * 3.0 }));
        var row = Assert.Single(rows);
        Assert.True(row.Passed, $"{row}");
        Assert.True(row.MaxRelDiffAutograd < 1e-12);
        Assert.True(row.FiniteDifferenceRelError < 1e-7);
        Assert.Equal(3, row.FiniteDifferenceEntries);
    }

    [Fact]
    public void AWrongGradientFailsBothChecks()
    {
        var rows = GradientChecker.Check("cube, wrong gradient", new[] { "x" }, Point,
            ps => (ps[0].pow(3).sum(), new[] { ps[0].pow(2) * 2.9 }));
        var row = Assert.Single(rows);
        Assert.False(row.Passed);
        Assert.True(row.MaxRelDiffAutograd > 1e-3);
        Assert.True(row.FiniteDifferenceRelError > 1e-3);
    }
}
