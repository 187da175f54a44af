using System.Runtime.CompilerServices;

namespace Word2Vec.Torch.Sampling;

/// <summary>
/// Exact sampling from a discrete distribution in O(1) per draw (Walker's alias method, built
/// with Vose's algorithm). Used for word2vec's noise distribution, unigram^0.75: two arrays of
/// vocabulary size instead of word2vec.c's 10^8-slot table, and no rounding of small words to
/// zero slots. One draw uses one 64-bit random number: its integer part picks a column, its
/// fraction decides between the column's word and its alias.
/// </summary>
public sealed class AliasTable : IWordSampler
{
    private readonly double[] _threshold;
    private readonly int[] _alias;

    /// <summary>A table drawing i with probability weights[i] / Σ weights.</summary>
    public AliasTable(ReadOnlySpan<double> weights)
    {
        var n = weights.Length;
        if (n == 0)
            throw new ArgumentException("no weights", nameof(weights));
        double sum = 0;
        foreach (var w in weights)
        {
            if (!(w >= 0) || double.IsInfinity(w))
                throw new ArgumentException($"weights must be finite and non-negative, got {w}", nameof(weights));
            sum += w;
        }
        if (sum <= 0)
            throw new ArgumentException("the weights sum to 0", nameof(weights));

        _threshold = new double[n];
        _alias = new int[n];
        var scaled = new double[n];
        var small = new Stack<int>();
        var large = new Stack<int>();
        for (var i = n - 1; i >= 0; i--)
        {
            scaled[i] = weights[i] * n / sum;
            _alias[i] = i;
            (scaled[i] < 1.0 ? small : large).Push(i);
        }
        while (small.Count > 0 && large.Count > 0)
        {
            var s = small.Pop();
            var l = large.Pop();
            _threshold[s] = scaled[s];
            _alias[s] = l;
            scaled[l] = scaled[l] + scaled[s] - 1.0;
            (scaled[l] < 1.0 ? small : large).Push(l);
        }
        // What is left is 1 up to rounding.
        while (large.Count > 0) _threshold[large.Pop()] = 1.0;
        while (small.Count > 0) _threshold[small.Pop()] = 1.0;
    }

    /// <summary>The noise distribution of word2vec: counts^<paramref name="power"/>.</summary>
    public static AliasTable FromCounts(IReadOnlyList<long> counts, double power = 0.75)
    {
        ArgumentNullException.ThrowIfNull(counts);
        var w = new double[counts.Count];
        for (var i = 0; i < w.Length; i++)
            w[i] = counts[i] > 0 ? Math.Pow(counts[i], power) : 0.0;
        return new AliasTable(w);
    }

    /// <summary>Number of outcomes.</summary>
    public int Count => _alias.Length;

    /// <summary>The probability of drawing <paramref name="i"/> (from the table, for checks).</summary>
    public double Probability(int i)
    {
        double p = _threshold[i];
        for (var j = 0; j < _alias.Length; j++)
            if (_alias[j] == i && j != i)
                p += 1.0 - _threshold[j];
        return p / _alias.Length;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int Sample(RandomSource rng)
    {
        var u = rng.NextDouble() * _alias.Length;
        var column = (int)u;
        if (column >= _alias.Length) column = _alias.Length - 1;   // u rounds up to Length only for huge tables
        return u - column < _threshold[column] ? column : _alias[column];
    }
}
