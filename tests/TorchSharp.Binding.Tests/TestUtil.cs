using static TorchSharp.torch;

namespace TorchSharp.Binding.Tests;

/// <summary>Reading tensors back for assertions.</summary>
internal static class TestUtil
{
    public static float[] F(Tensor t) => t.data<float>().ToArray();
    public static double[] D(Tensor t) => t.data<double>().ToArray();
    public static long[] L(Tensor t) => t.data<long>().ToArray();
    public static int[] I(Tensor t) => t.data<int>().ToArray();
    public static bool[] B(Tensor t) => t.data<bool>().ToArray();

    public static void Close(IReadOnlyList<float> expected, IReadOnlyList<float> actual, float tol = 1e-5f)
    {
        Assert.Equal(expected.Count, actual.Count);
        for (var i = 0; i < expected.Count; i++)
            Assert.True(Math.Abs(expected[i] - actual[i]) <= tol * Math.Max(1f, Math.Abs(expected[i])),
                $"element {i}: expected {expected[i]}, got {actual[i]}");
    }

    public static void Close(IReadOnlyList<double> expected, IReadOnlyList<double> actual, double tol = 1e-12)
    {
        Assert.Equal(expected.Count, actual.Count);
        for (var i = 0; i < expected.Count; i++)
            Assert.True(Math.Abs(expected[i] - actual[i]) <= tol * Math.Max(1.0, Math.Abs(expected[i])),
                $"element {i}: expected {expected[i]}, got {actual[i]}");
    }

    /// <summary>A 2-D float32 tensor from rows.</summary>
    public static Tensor M(params float[][] rows)
    {
        var flat = rows.SelectMany(r => r).ToArray();
        return tensor(flat, new long[] { rows.Length, rows[0].Length });
    }

    /// <summary>A 2-D float64 tensor from rows.</summary>
    public static Tensor MD(params double[][] rows)
    {
        var flat = rows.SelectMany(r => r).ToArray();
        return tensor(flat, new long[] { rows.Length, rows[0].Length });
    }
}

/// <summary>
/// Tests that touch process-wide state — the native live-tensor count, the default random
/// generator, libtorch's thread count — run here, one at a time and after every parallel test.
/// Every other test uses fixed data or its own Generator.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public class GlobalStateCollection
{
    public const string Name = "Global libtorch state";
}
