namespace Word2Vec.Torch.Evaluation;

/// <summary>
/// Approximate 95 % confidence intervals of the evaluation figures, so that a report says how far a
/// figure computed from few questions or pairs can be trusted, and two runs can be told apart or not.
/// </summary>
public static class ConfidenceIntervals
{
    /// <summary>The standard normal's 97.5 % quantile.</summary>
    private const double Z95 = 1.959963984540054;

    /// <summary>Fewer pairs than this get no correlation interval: Fisher's approximation is for n ≥ 10 (Bonett and Wright 2000).</summary>
    public const int MinimumPairs = 10;

    /// <summary>
    /// Spearman's ρ computed from <paramref name="n"/> pairs, through Fisher's z = atanh ρ with the variance
    /// Fieller, Hartley and Pearson (1957) found for Spearman's ρ: tanh(z ± 1.96 · √(1.06 / (n − 3))).
    /// (NaN, NaN) for ρ NaN or n below <see cref="MinimumPairs"/>.
    /// </summary>
    public static (double Low, double High) Spearman(double rho, int n)
    {
        if (double.IsNaN(rho) || n < MinimumPairs) return (double.NaN, double.NaN);
        if (rho is < -1 or > 1) throw new ArgumentOutOfRangeException(nameof(rho), rho, "A correlation lies in [-1, 1].");
        var z = Math.Atanh(rho);
        var halfWidth = Z95 * Math.Sqrt(1.06 / (n - 3));
        return (Math.Tanh(z - halfWidth), Math.Tanh(z + halfWidth));
    }

    /// <summary>
    /// A proportion of <paramref name="successes"/> in <paramref name="n"/> trials (an accuracy), by Wilson's score
    /// interval: (p̂ + z²/2n ± z · √(p̂(1 − p̂)/n + z²/4n²)) / (1 + z²/n). It stays inside [0, 1] and is sound for small n
    /// and p̂ near 0 or 1. (NaN, NaN) for n = 0.
    /// </summary>
    public static (double Low, double High) Proportion(int successes, int n)
    {
        if (n < 0 || successes < 0 || successes > n)
            throw new ArgumentOutOfRangeException(nameof(successes), successes, $"Successes must lie in [0, n = {n}].");
        if (n == 0) return (double.NaN, double.NaN);
        var p = (double)successes / n;
        var z2 = Z95 * Z95;
        var centre = p + z2 / (2.0 * n);
        var halfWidth = Z95 * Math.Sqrt(p * (1 - p) / n + z2 / (4.0 * n * n));
        var scale = 1 + z2 / n;
        return (Math.Max(0, (centre - halfWidth) / scale), Math.Min(1, (centre + halfWidth) / scale));
    }
}
