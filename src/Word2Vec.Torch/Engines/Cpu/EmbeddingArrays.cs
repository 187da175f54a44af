using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Word2Vec.Torch.Engines.Cpu;

/// <summary>
/// The parameters as managed arrays: V = centre (input) vectors and U = outside (output) vectors,
/// both [vocabSize, dimension], row-major, so word w's vector is elements [w·d, (w+1)·d).
/// </summary>
public sealed class EmbeddingArrays<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    public EmbeddingArrays(T[] center, T[] outside, int vocabSize, int dimension)
    {
        ArgumentNullException.ThrowIfNull(center);
        ArgumentNullException.ThrowIfNull(outside);
        if (vocabSize < 1) throw new ArgumentOutOfRangeException(nameof(vocabSize), vocabSize, "must be at least 1");
        if (dimension < 1) throw new ArgumentOutOfRangeException(nameof(dimension), dimension, "must be at least 1");
        if (center.LongLength != (long)vocabSize * dimension || outside.LongLength != (long)vocabSize * dimension)
            throw new ArgumentException(
                $"centre and outside arrays must both hold vocabSize·dimension = {(long)vocabSize * dimension} values; got {center.LongLength} and {outside.LongLength}.");
        Center = center;
        Outside = outside;
        VocabSize = vocabSize;
        Dimension = dimension;
    }

    public T[] Center { get; }
    public T[] Outside { get; }
    public int VocabSize { get; }
    public int Dimension { get; }

    /// <summary>v_w, row w of the centre vectors.</summary>
    public Span<T> CenterRow(int w) => Center.AsSpan(checked(w * Dimension), Dimension);

    /// <summary>u_w, row w of the outside vectors.</summary>
    public Span<T> OutsideRow(int w) => Outside.AsSpan(checked(w * Dimension), Dimension);

    /// <summary>Row w without a bounds check: the caller has checked 0 ≤ w &lt; VocabSize
    /// (<see cref="Word2VecKernel{T}.CheckBatch"/> does, once per batch).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal Span<T> Row(T[] matrix, int w) =>
        MemoryMarshal.CreateSpan(ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(matrix), (nint)w * Dimension), Dimension);
}
