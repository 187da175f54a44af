namespace Word2Vec.Torch.Sampling;

/// <summary>
/// word2vec.c's unigram table, for sampling negatives on a device with one uniform integer: S slots,
/// word w filling a run of them in proportion to q_w = count_w^0.75 / Σ_v count_v^0.75. Slot i
/// holds the word whose cumulative interval [Q_{w−1}, Q_w) contains (i + ½)/S, so every word gets
/// ⌊q_w·S⌋ or ⌈q_w·S⌉ slots: a uniform slot draws w with probability within 1/S of q_w.
/// </summary>
public static class UnigramTable
{
    /// <summary>10^7 slots (40 MB as int32): ±1e-7 per word, far below any sampling error.</summary>
    public const int DefaultSize = 10_000_000;

    /// <param name="counts">Word counts in id order (0 gets no slots).</param>
    /// <param name="size">S, the number of slots.</param>
    /// <param name="power">The exponent of the noise distribution (word2vec: 0.75).</param>
    public static int[] Build(IReadOnlyList<long> counts, int size = DefaultSize, double power = 0.75)
    {
        ArgumentNullException.ThrowIfNull(counts);
        if (size < 1) throw new ArgumentOutOfRangeException(nameof(size), size, "the table needs at least one slot");
        var weights = new double[counts.Count];
        double total = 0;
        for (var w = 0; w < weights.Length; w++)
        {
            if (counts[w] < 0) throw new ArgumentException($"count {counts[w]} of word {w} is negative", nameof(counts));
            weights[w] = counts[w] > 0 ? Math.Pow(counts[w], power) : 0.0;
            total += weights[w];
        }
        if (total <= 0) throw new ArgumentException("no word has a positive count", nameof(counts));

        var last = weights.Length - 1;  // the last word with a positive weight: rounding never passes it
        while (weights[last] == 0) last--;
        var table = new int[size];
        var word = -1;
        double cumulative = 0;          // Q_word: the end of the current word's interval
        for (var i = 0; i < size; i++)
        {
            var u = (i + 0.5) / size;
            while (u >= cumulative && word < last)
                cumulative += weights[++word] / total;
            table[i] = word;
        }
        return table;
    }
}
