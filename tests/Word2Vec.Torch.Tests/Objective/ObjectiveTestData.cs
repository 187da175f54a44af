using TorchSharp;
using Word2Vec.Torch.Objective.GradientChecking;
using static TorchSharp.torch;

namespace Word2Vec.Torch.Tests.Objective;

/// <summary>Random inputs (from a seed) and comparisons shared by the math tests.</summary>
internal static class ObjectiveTestData
{
    /// <summary>The device the forward-only tests run on: CUDA where there is one, else the CPU.</summary>
    public static Device TestDevice => torch.cuda.is_available() ? new Device(DeviceType.CUDA, 0) : torch.CPU;

    /// <summary>Uniform in [−scale, scale).</summary>
    public static Tensor Uniform(Random rng, long[] shape, ScalarType dtype = ScalarType.Float64, Device? device = null, double scale = 1)
    {
        var values = new double[shape.Aggregate(1L, (a, b) => a * b)];
        for (var i = 0; i < values.Length; i++) values[i] = scale * (2 * rng.NextDouble() - 1);
        return torch.tensor(values, shape, dtype: dtype, device: device ?? torch.CPU);
    }

    public static long[] RandomIndices(Random rng, int count, int upper) =>
        Enumerable.Range(0, count).Select(_ => (long)rng.Next(upper)).ToArray();

    public static Tensor Indices(long[] values, long[]? shape = null, Device? device = null) =>
        shape is null ? torch.tensor(values, device: device ?? torch.CPU) : torch.tensor(values, shape, device: device ?? torch.CPU);

    public static double[] Values(Tensor t) => t.detach().cpu().to(ScalarType.Float64).contiguous().data<double>().ToArray();

    /// <summary>max |expected − actual| ≤ rtol · max(max |expected|, 1e-12) (and the shapes agree).</summary>
    public static void AssertClose(Tensor expected, Tensor actual, double rtol, string what = "")
    {
        Assert.Equal(expected.shape, actual.shape);
        var e = Values(expected);
        var a = Values(actual);
        double maxDiff = 0, maxAbs = 0;
        for (var i = 0; i < e.Length; i++)
        {
            maxDiff = Math.Max(maxDiff, Math.Abs(e[i] - a[i]));
            maxAbs = Math.Max(maxAbs, Math.Abs(e[i]));
        }
        Assert.True(maxDiff <= rtol * Math.Max(maxAbs, 1e-12), $"{what}: max |diff| = {maxDiff:G3}, max |expected| = {maxAbs:G3}, rtol {rtol:G3}");
    }

    public static void AssertScalar(double expected, Tensor actual, double tol) =>
        Assert.True(Math.Abs(expected - Values(actual).Single()) <= tol,
            $"expected {expected:R}, got {Values(actual).Single():R}");

    /// <summary>Gradient check (autograd to 1e-10 relative, centred differences to 1e-5); every row must pass.</summary>
    public static IReadOnlyList<GradCheckRow> AssertGradientsCorrect(
        string caseName, string[] names, Tensor[] point, LossWithGradients f)
    {
        var rows = GradientChecker.Check(caseName, names, point, f);
        Assert.Equal(names.Length, rows.Count);
        foreach (var row in rows)
            Assert.True(row.Passed,
                $"{row.Case} / {row.Parameter}: autograd rel {row.MaxRelDiffAutograd:G3}, finite differences {row.FiniteDifferenceRelError:G3}");
        return rows;
    }

    public static void AssertAllFinite(Tensor t) => Assert.All(Values(t), v => Assert.True(double.IsFinite(v), $"{v} is not finite"));
}
