using TorchSharp;
using Word2Vec.Torch.Backend;
using Word2Vec.Torch.Objective.GradientChecking;
using static TorchSharp.torch;

namespace Word2Vec.Torch.Tests.Objective.GradientChecking;

public class GradientCheckerTests
{
    private static readonly Scalar Two = 2.ToScalar(), Three = 3.ToScalar(), AlmostThree = 2.9.ToScalar();

    private static readonly Tensor[] Point = { tensor(new[] { 0.5, -1.5, 2.0 }) };

    [Fact]
    public void ACorrectGradientPassesBothChecks()
    {
        // J = Σ x³, ∂J/∂x = 3x².
        var rows = GradientChecker.Check("cube", new[] { "x" }, Point,
            ps => (ps[0].pow(Three).sum(), new[] { ps[0].pow(Two).mul(Three) }));
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
            ps => (ps[0].pow(Three).sum(), new[] { ps[0].pow(Two).mul(AlmostThree) }));
        var row = Assert.Single(rows);
        Assert.False(row.Passed);
        Assert.True(row.MaxRelDiffAutograd > 1e-3);
        Assert.True(row.FiniteDifferenceRelError > 1e-3);
    }

    [Fact]
    public void AStepOrAnEntryCountThatChecksNothingIsRefused()
    {
        LossWithGradients cube = ps => (ps[0].pow(Three).sum(), new[] { ps[0].pow(Two).mul(Three) });
        foreach (var h in new[] { 0.0, -1e-4, double.NaN, double.PositiveInfinity })
            Assert.Equal("h", Assert.Throws<ArgumentOutOfRangeException>(() => GradientChecker.Check("cube", ["x"], Point, cube, h)).ParamName);
        // No entry checked by finite differences would pass a gradient that only autograd saw.
        Assert.Equal("maxEntriesPerParameter",
            Assert.Throws<ArgumentOutOfRangeException>(() => GradientChecker.Check("cube", ["x"], Point, cube, maxEntriesPerParameter: 0)).ParamName);
        Assert.Equal("f", Assert.Throws<ArgumentNullException>(() => GradientChecker.Check("cube", ["x"], Point, null!)).ParamName);
    }
}
