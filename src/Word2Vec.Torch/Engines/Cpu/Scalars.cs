using System.Numerics;
using System.Runtime.CompilerServices;

namespace Word2Vec.Torch.Engines.Cpu;

/// <summary>
/// The scalar functions of the kernels, in the same numerically safe forms as <see cref="Objective.Activations"/>:
/// <code>
///   σ(x) = (x ≥ 0 ? 1 : z) / (1 + z),   z = e^(−|x|) ∈ (0, 1]
///   −log σ(x) = max(−x, 0) + log1p(e^(−|x|))          (the pair losses' terms: −log σ(s_o), −log σ(−s_k))
/// </code>
/// </summary>
internal static class Scalars
{
    /// <summary>σ(x), exact to the type's rounding; never evaluates e^(+large).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T Sigmoid<T>(T x) where T : IFloatingPointIeee754<T>
    {
        var z = T.Exp(-T.Abs(x));                                  // z = e^(−|x|)
        return (x >= T.Zero ? T.One : z) / (T.One + z);            // (x ≥ 0 ? 1 : z) / (1 + z)
    }

    /// <summary>−log σ(x) = softplus(−x), in double; finite for every finite x.</summary>
    public static double NegLogSigmoid(double x) => Math.Max(-x, 0) + Log1P(Math.Exp(-Math.Abs(x)));

    /// <summary>log(1 + z) without losing the digits of a small z (Goldberg's trick: exact where 1 + z rounds).</summary>
    public static double Log1P(double z)
    {
        var u = 1.0 + z;
        return u == 1.0 ? z : Math.Log(u) * z / (u - 1.0);
    }
}
