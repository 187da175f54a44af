namespace Word2Vec.Torch.Evaluation;

/// <summary>
/// Spearman's rank correlation: the Pearson correlation of the two samples' ranks, tied values
/// getting the average of the ranks they span (as scipy.stats.spearmanr).
/// </summary>
public static class SpearmanCorrelation
{
    /// <summary>ρ of two equally long samples; NaN for fewer than two values or a constant sample.</summary>
    public static double Compute(IReadOnlyList<double> x, IReadOnlyList<double> y)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        if (x.Count != y.Count) throw new ArgumentException($"{x.Count} values against {y.Count}.", nameof(y));
        if (x.Count < 2) return double.NaN;
        return Pearson(Ranks(x), Ranks(y));
    }

    /// <summary>1-based ranks, ties averaged: ranks of [10, 20, 20, 30] are [1, 2.5, 2.5, 4].</summary>
    public static double[] Ranks(IReadOnlyList<double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (values.Any(double.IsNaN)) throw new ArgumentException("Cannot rank NaN.", nameof(values));
        var order = Enumerable.Range(0, values.Count).OrderBy(i => values[i]).ToArray();
        var ranks = new double[values.Count];
        for (var start = 0; start < order.Length;)
        {
            var end = start + 1;
            while (end < order.Length && values[order[end]] == values[order[start]]) end++;
            var average = (start + 1 + end) / 2.0; // mean of ranks start+1 … end
            for (var k = start; k < end; k++) ranks[order[k]] = average;
            start = end;
        }
        return ranks;
    }

    /// <summary>Pearson's r of two equally long samples; NaN when either sample is empty or constant.</summary>
    public static double Pearson(IReadOnlyList<double> x, IReadOnlyList<double> y)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        if (x.Count != y.Count) throw new ArgumentException($"{x.Count} values against {y.Count}.", nameof(y));
        if (x.Count == 0) return double.NaN;
        var n = x.Count;
        double mx = x.Average(), my = y.Average();
        double sxy = 0, sxx = 0, syy = 0;
        for (var i = 0; i < n; i++)
        {
            double dx = x[i] - mx, dy = y[i] - my;
            sxy += dx * dy;
            sxx += dx * dx;
            syy += dy * dy;
        }
        return sxx == 0 || syy == 0 ? double.NaN : sxy / Math.Sqrt(sxx * syy);
    }
}
