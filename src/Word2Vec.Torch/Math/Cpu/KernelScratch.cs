using System.Numerics;

namespace Word2Vec.Torch.Math.Cpu;

/// <summary>One worker's scratch vectors (reused from example to example, batch to batch).</summary>
public sealed class KernelScratch<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    public KernelScratch(int vocabSize, int dimension, OutputLoss loss)
    {
        Hidden = new T[dimension];
        GradHidden = new T[dimension];
        Scores = loss == OutputLoss.NaiveSoftmax ? new T[vocabSize] : Array.Empty<T>();
    }

    /// <summary>h [d].</summary>
    internal T[] Hidden { get; }

    /// <summary>∂J/∂h [d].</summary>
    internal T[] GradHidden { get; }

    /// <summary>Naive softmax: the V scores, then the coefficients ŷ − y. Negative sampling: the K+1
    /// scores of an example, then (from <see cref="Sigmoids"/> on) their σ.</summary>
    internal T[] Scores { get; private set; }

    /// <summary>Negative sampling: σ of the K+1 scores.</summary>
    internal T[] Sigmoids { get; private set; } = Array.Empty<T>();

    /// <summary>Grows <see cref="Scores"/> and <see cref="Sigmoids"/> to at least n values.</summary>
    internal void EnsureSamples(int n)
    {
        if (Scores.Length < n) Scores = new T[n];
        if (Sigmoids.Length < n) Sigmoids = new T[n];
    }

    /// <summary>Naive softmax, batched mode: this worker's share of ∂J/∂U, dense [V·d] (made on first use).</summary>
    internal T[]? OutsideGradient { get; set; }
}

/// <summary>
/// The batched mode's gradients of a whole batch, computed at the old parameters before any is
/// applied: h_b and ∂J/∂h_b [B·d], and for negative sampling the coefficients
/// c_bi = σ(s_bi) − y_i [B·(K+1)] (∂J/∂u_i = c_bi h_b). Grows to the largest batch seen.
/// </summary>
public sealed class BatchedGradients<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    internal T[] Hidden { get; private set; } = Array.Empty<T>();
    internal T[] GradHidden { get; private set; } = Array.Empty<T>();
    internal T[] Coefficients { get; private set; } = Array.Empty<T>();

    internal void EnsureCapacity(int examples, int dimension, int negatives)
    {
        var d = (long)examples * dimension;
        if (Hidden.LongLength < d)
        {
            Hidden = new T[d];
            GradHidden = new T[d];
        }
        var c = (long)examples * (negatives + 1);
        if (Coefficients.LongLength < c) Coefficients = new T[c];
    }
}
