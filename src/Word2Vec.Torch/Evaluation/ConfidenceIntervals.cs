namespace Word2Vec.Torch.Evaluation;

/// <summary>
/// Approximate 95 % confidence intervals of the evaluation figures, so that a report says how far a figure
/// computed from few pairs can be trusted. They treat the pairs as independent samples, which a dataset's
/// pairs only roughly are (they share words); two runs scored on the same pairs are compared by a paired test,
/// not by whether their intervals overlap.
/// </summary>
public static class ConfidenceIntervals
{
    /// <summary>The standard normal's 97.5 % quantile.</summary>
    private const double Z95 = 1.959963984540054;

    /// <summary>Fewer pairs than this get no correlation interval: Fisher's approximation is for n ≥ 10 (Bonett and Wright 2000).</summary>
    public const int MinimumPairs = 10;

    /// <summary>
    /// Spearman's ρ computed from <paramref name="n"/> pairs, through Fisher's z = atanh ρ with the variance
    /// Fieller, Hartley and Pearson (1957) found for Spearman's ρ: tanh(z ± 1.96 · √(1.06 / (n − 3))). It runs
    /// narrow for |ρ| above about 0.8 and with many tied scores. (NaN, NaN) for ρ NaN or outside [−1, 1], or n
    /// below <see cref="MinimumPairs"/>.
    /// </summary>
    public static (double Low, double High) Spearman(double rho, int n)
    {
        if (double.IsNaN(rho) || rho is < -1 or > 1 || n < MinimumPairs) return (double.NaN, double.NaN);
        var z = Math.Atanh(rho);
        var halfWidth = Z95 * Math.Sqrt(1.06 / (n - 3));
        return (Math.Tanh(z - halfWidth), Math.Tanh(z + halfWidth));
    }
}
