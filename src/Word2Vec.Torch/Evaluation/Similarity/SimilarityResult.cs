namespace Word2Vec.Torch.Evaluation;

/// <summary>
/// A dataset's Spearman correlation between human scores and cosine similarities, over the
/// <see cref="Found"/> pairs whose two words are both known.
/// </summary>
public sealed record SimilarityResult(string Dataset, int Pairs, int Found, double Spearman)
{
    /// <summary>Pairs with an unknown word.</summary>
    public int Skipped => Pairs - Found;

    /// <summary>Found / pairs (NaN for an empty dataset).</summary>
    public double Coverage => Pairs == 0 ? double.NaN : (double)Found / Pairs;

    /// <summary>The low end of ρ's approximate 95 % confidence interval (<see cref="ConfidenceIntervals.Spearman"/>; NaN when fewer than
    /// <see cref="ConfidenceIntervals.MinimumPairs"/> pairs are found).</summary>
    public double SpearmanLow => ConfidenceIntervals.Spearman(Spearman, Found).Low;

    /// <summary>The high end of ρ's approximate 95 % confidence interval.</summary>
    public double SpearmanHigh => ConfidenceIntervals.Spearman(Spearman, Found).High;
}
