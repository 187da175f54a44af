namespace Word2Vec.Torch.Sampling;

/// <summary>
/// The CS224N assignment's negative-sampling table (<c>sampleTable</c> in <c>utils/treebank.py</c>):
/// weights count^0.75 (raw counts, before subsampling; UNK counts 1) are normalised to sum 1,
/// summed cumulatively and scaled by the table size; slot i holds the first word j whose scaled
/// cumulative weight is ≥ i. So slot 0 holds word 0, which gets one slot more than its share.
/// A draw (<c>sampleTokenIdx</c>) is <c>table[randint(0, size − 1)]</c>.
/// </summary>
public sealed class Cs224nNegativeTable : IWordSampler
{
    /// <summary>The assignment's table size.</summary>
    public const int DefaultSize = 1_000_000;

    private readonly int[] _slots;

    public Cs224nNegativeTable(IReadOnlyList<long> counts, int size = DefaultSize, double power = 0.75)
    {
        ArgumentNullException.ThrowIfNull(counts);
        if (counts.Count == 0)
            throw new ArgumentException("no words to sample from", nameof(counts));
        if (size <= 0)
            throw new ArgumentOutOfRangeException(nameof(size), size, "must be positive");

        // Same order of operations as numpy: freq ** 0.75; /= sum; cumsum; * tablesize.
        var cumulative = new double[counts.Count];
        double sum = 0;
        for (var j = 0; j < counts.Count; j++)
        {
            cumulative[j] = counts[j] > 0 ? Math.Pow(counts[j], power) : 0.0;
            sum += cumulative[j];
        }
        double running = 0;
        for (var j = 0; j < cumulative.Length; j++)
        {
            running += cumulative[j] / sum;
            cumulative[j] = running * size;
        }

        _slots = new int[size];
        var w = 0;
        for (var i = 0; i < size; i++)
        {
            // `while i > samplingFreq[j]: j += 1`; the guard only matters if rounding leaves the
            // last cumulative weight a hair under size − 1.
            while (i > cumulative[w] && w < cumulative.Length - 1)
                w++;
            _slots[i] = w;
        }
    }

    /// <summary>Number of slots.</summary>
    public int Size => _slots.Length;

    /// <summary>The word in slot <paramref name="slot"/>.</summary>
    public int this[int slot] => _slots[slot];

    /// <summary>How many slots hold <paramref name="word"/>.</summary>
    public int SlotCount(int word)
    {
        var n = 0;
        foreach (var s in _slots)
            if (s == word) n++;
        return n;
    }

    public int Sample(RandomSource rng) => _slots[rng.NextInt(_slots.Length)];
}
