using System.Numerics;
using System.Runtime.CompilerServices;

namespace Word2Vec.Torch.Engines.Cpu;

/// <summary>
/// One worker's scratch vectors (reused from example to example, batch to batch): h, ∂J/∂h and the
/// scores of an example. They live in one buffer, each a cache line or more away from the others
/// and from the buffer's ends, so that two workers' scratch never shares a cache line (a shared
/// line would travel between cores on every write).
/// </summary>
internal sealed class KernelScratch<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private static readonly int Pad = 128 / Unsafe.SizeOf<T>();
    private readonly int _dimension;
    private T[] _buffer = Array.Empty<T>();
    private int _samples;

    public KernelScratch(int vocabSize, int dimension, OutputLoss loss)
    {
        _dimension = dimension;
        EnsureSamples(loss == OutputLoss.NaiveSoftmax ? vocabSize : 0);
    }

    /// <summary>h [d].</summary>
    internal Span<T> Hidden => _buffer.AsSpan(Pad, _dimension);

    /// <summary>∂J/∂h [d].</summary>
    internal Span<T> GradHidden => _buffer.AsSpan(2 * Pad + _dimension, _dimension);

    /// <summary>Naive softmax: the V scores, then the coefficients ŷ − y. Negative sampling: the K+1
    /// scores of an example.</summary>
    internal Span<T> Scores => _buffer.AsSpan(3 * Pad + 2 * _dimension, _samples);

    /// <summary>Negative sampling: σ of the K+1 scores.</summary>
    internal Span<T> Sigmoids => _buffer.AsSpan(4 * Pad + 2 * _dimension + _samples, _samples);

    /// <summary>Makes room for n scores (and their σ).</summary>
    internal void EnsureSamples(int n)
    {
        if (_buffer.Length > 0 && n <= _samples) return;
        _samples = Math.Max(n, _samples);
        _buffer = new T[5 * Pad + 2 * _dimension + 2 * _samples];
    }

    /// <summary>Sequential negative sampling with several workers: this worker's copies of the hot
    /// outside rows (<see cref="HotRows{T}"/>), or null: every row is the shared one.</summary>
    internal HotRows<T>? Hot { get; private set; }

    internal T[] HotCopies { get; private set; } = Array.Empty<T>();

    /// <summary>Makes this worker read and write its copies of the hot rows (null: the shared rows).</summary>
    public void UseHotRows(HotRows<T>? hot, int worker)
    {
        Hot = hot;
        HotCopies = hot?.CopiesOf(worker) ?? Array.Empty<T>();
    }

    /// <summary>Naive softmax, batched mode: this worker's share of ∂J/∂U, dense [V·d] (made on first use).</summary>
    internal T[]? OutsideGradient { get; set; }
}

/// <summary>
/// The batched mode's gradients of a whole batch, computed at the old parameters before any is
/// applied: h_b and ∂J/∂h_b [B·d], and the coefficients of the rows each example touches
/// (hierarchical softmax's path nodes, negative sampling's c_bi = σ(s_bi) − y_i; ∂J/∂u_i = c_bi h_b),
/// [B·S] for S per example. Grows to the largest batch seen.
/// </summary>
internal sealed class BatchedGradients<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    internal T[] Hidden { get; private set; } = Array.Empty<T>();
    internal T[] GradHidden { get; private set; } = Array.Empty<T>();
    internal T[] Coefficients { get; private set; } = Array.Empty<T>();

    internal void EnsureCapacity(int examples, int dimension, int coefficientsPerExample)
    {
        var d = (long)examples * dimension;
        if (Hidden.LongLength < d)
        {
            Hidden = new T[d];
            GradHidden = new T[d];
        }
        var c = (long)examples * coefficientsPerExample;
        if (Coefficients.LongLength < c) Coefficients = new T[c];
    }
}
