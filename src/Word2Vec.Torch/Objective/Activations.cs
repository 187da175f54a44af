using TorchSharp;
using Word2Vec.Torch.Backend;
using static TorchSharp.torch;

namespace Word2Vec.Torch.Objective;

/// <summary>
/// The two squashing functions of word2vec, written so they stay finite for any score:
/// <code>
///   σ(x) = 1 / (1 + e^(−x))      computed as  σ(x) = (x ≥ 0 ? 1 : z) / (1 + z),  z = e^(−|x|) ∈ (0, 1]
///   softmax(x)_i = e^(x_i − m) / Σ_j e^(x_j − m),        m = max_j x_j   (row-wise, over the last dimension)
///   log softmax(x)_i = (x_i − m) − log Σ_j e^(x_j − m)
/// </code>
/// Subtracting the row max m changes nothing (softmax(x + c) = softmax(x)) but keeps every
/// exponent ≤ 0, so scores of ±1e4 neither overflow nor give 0/0.
/// </summary>
public static class Activations
{
    /// <summary>The logistic sigmoid, elementwise; never evaluates e^(+large).</summary>
    public static Tensor Sigmoid(Tensor x)
    {
        using var scope = torch.NewDisposeScope();
        var z = x.abs().neg().exp();                                   // z = e^(−|x|)
        var numerator = torch.where(x.ge(Held.Zero), torch.ones_like(z), z);   // x ≥ 0 ? 1 : z
        return numerator.div(z.add(Held.One, Held.One)).MoveToOuterDisposeScope();  // / (1 + z)
    }

    /// <summary>Softmax over the last dimension (each row of a matrix; the whole of a vector).</summary>
    public static Tensor Softmax(Tensor x)
    {
        using var scope = torch.NewDisposeScope();
        var expShifted = ShiftByRowMax(x).exp();                       // e^(x_i − m)
        return expShifted.div(expShifted.sum(dim: -1, keepdim: true)).MoveToOuterDisposeScope();
    }

    /// <summary>log softmax over the last dimension; finite wherever softmax underflows to 0.</summary>
    public static Tensor LogSoftmax(Tensor x)
    {
        using var scope = torch.NewDisposeScope();
        var shifted = ShiftByRowMax(x);                                // x_i − m
        var logNormaliser = shifted.exp().sum(dim: -1, keepdim: true).log();
        return shifted.sub(logNormaliser).MoveToOuterDisposeScope();
    }

    /// <summary>x − max over the last dimension. The max is a constant shift (softmax ignores it),
    /// so it is detached: its (exactly zero) derivative is not propagated.</summary>
    private static Tensor ShiftByRowMax(Tensor x)
    {
        var (rowMax, _) = x.detach().max(-1L, true);
        return x.sub(rowMax);
    }
}
