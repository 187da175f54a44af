using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Word2Vec.Torch.Engines.Cpu;

/// <summary>
/// The parameters as managed arrays: V = centre (input) vectors [vocabSize, dimension] and U = the
/// output matrix [outsideRows, dimension] (outside vectors, a tree's nodes, or both; see
/// <see cref="Embeddings"/>), row-major, so row w is elements [w·d, (w+1)·d).
/// </summary>
public sealed class EmbeddingArrays<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    public EmbeddingArrays(T[] center, T[] outside, int vocabSize, int dimension, int? outsideRows = null)
    {
        ArgumentNullException.ThrowIfNull(center);
        ArgumentNullException.ThrowIfNull(outside);
        if (vocabSize < 1) throw new ArgumentOutOfRangeException(nameof(vocabSize), vocabSize, "must be at least 1");
        if (dimension < 1) throw new ArgumentOutOfRangeException(nameof(dimension), dimension, "must be at least 1");
        var rows = outsideRows ?? vocabSize;
        if (rows < 1) throw new ArgumentOutOfRangeException(nameof(outsideRows), rows, "must be at least 1");
        if (center.LongLength != (long)vocabSize * dimension || outside.LongLength != (long)rows * dimension)
            throw new ArgumentException(
                $"the centre array must hold vocabSize·dimension = {(long)vocabSize * dimension} values and the outside array outsideRows·dimension = " +
                $"{(long)rows * dimension}; got {center.LongLength} and {outside.LongLength}.");
        Center = center;
        Outside = outside;
        VocabSize = vocabSize;
        OutsideRows = rows;
        Dimension = dimension;
    }

    public T[] Center { get; }
    public T[] Outside { get; }
    public int VocabSize { get; }

    /// <summary>R, the rows of <see cref="Outside"/>.</summary>
    public int OutsideRows { get; }
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
