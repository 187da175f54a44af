using System.Numerics.Tensors;
using System.Numerics;

namespace Word2Vec.Torch.Engines.Cpu;

/// <summary>
/// Hogwild's weak spot, and its remedy. The outside rows of the most frequent words are read and
/// written by every worker all the time (they are most of the negatives), so with lock-free shared
/// updates their cache lines travel from core to core on nearly every sample. Instead, during a
/// step each worker w trains on its own copy u_r^(w) of the H hottest rows r (taken when its part
/// starts), and when every part is done the changes are added to the shared rows:
/// <code>
///   u_r ← u_r + Σ_w (u_r^(w) − u_r)  =  Σ_w u_r^(w) − (n − 1) u_r          (n workers)
/// </code>
/// So a worker sees its own updates of a hot row at once and the others' at the end of the step;
/// every other row stays shared (Hogwild). With one worker nothing changes (no copies are made).
/// </summary>
internal sealed class HotRows<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly int[] _rows;
    private readonly T[][] _copies;
    private readonly T[] _sum;
    private readonly int _dimension;

    /// <param name="rows">The hot rows (distinct ids of the outside vectors).</param>
    /// <param name="vocabSize">R, the rows of the output matrix.</param>
    /// <param name="dimension">d.</param>
    /// <param name="workers">Workers that may run in one step.</param>
    public HotRows(IReadOnlyList<int> rows, int vocabSize, int dimension, int workers)
    {
        ArgumentNullException.ThrowIfNull(rows);
        SlotOf = new int[vocabSize];
        Array.Fill(SlotOf, -1);
        _rows = rows.ToArray();
        for (var j = 0; j < _rows.Length; j++)
        {
            if ((uint)_rows[j] >= (uint)vocabSize) throw new ArgumentOutOfRangeException(nameof(rows), _rows[j], "not a row of the vectors");
            if (SlotOf[_rows[j]] >= 0) throw new ArgumentException($"row {_rows[j]} is listed twice", nameof(rows));
            SlotOf[_rows[j]] = j;
        }
        _dimension = dimension;
        _copies = new T[workers][];
        for (var w = 0; w < workers; w++) _copies[w] = new T[(long)_rows.Length * dimension];
        _sum = new T[dimension];
    }

    /// <summary>Row id → its slot in the copies, or −1 for a row that is not hot.</summary>
    internal int[] SlotOf { get; }

    public int Count => _rows.Length;

    /// <summary>Worker w's copies, [H·d], slot by slot.</summary>
    internal T[] CopiesOf(int worker) => _copies[worker];

    /// <summary>u_r^(w) ← u_r for every hot row: worker w's copies, when its part of a step starts.</summary>
    public void Load(EmbeddingArrays<T> p, int worker)
    {
        var copies = _copies[worker].AsSpan();
        for (var j = 0; j < _rows.Length; j++)
            p.Row(p.Outside, _rows[j]).CopyTo(copies.Slice(j * _dimension, _dimension));
    }

    /// <summary>u_r ← Σ_w u_r^(w) − (n − 1) u_r over workers 0..n−1, once all their parts are done.</summary>
    public void Merge(EmbeddingArrays<T> p, int workers)
    {
        var d = _dimension;
        var sum = _sum.AsSpan();
        var n = T.CreateTruncating(workers);
        for (var j = 0; j < _rows.Length; j++)
        {
            _copies[0].AsSpan(j * d, d).CopyTo(sum);
            for (var w = 1; w < workers; w++)
                TensorPrimitives.Add(sum, _copies[w].AsSpan(j * d, d), sum);                  // Σ_w u_r^(w)
            var u = p.Row(p.Outside, _rows[j]);
            TensorPrimitives.MultiplyAdd(u, T.One - n, sum, u);                               // − (n − 1) u_r
        }
    }
}
