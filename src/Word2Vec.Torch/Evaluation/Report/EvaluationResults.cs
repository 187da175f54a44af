namespace Word2Vec.Torch.Evaluation;

/// <summary>The evaluated vectors, in brief.</summary>
public sealed record VectorsSummary(int Words, int Dimension, string Device);

/// <summary>
/// Everything <see cref="EvaluationReport.Run"/> measured. Parts that were not run are empty
/// (analogy, similarity, phrase analogy: the vectors hold no phrase token) or null (sentiment).
/// </summary>
public sealed record EvaluationResults(
    VectorsSummary Vectors,
    string? AnalogyFile,
    IReadOnlyList<AnalogyResult> Analogy,
    IReadOnlyList<SimilarityResult> Similarity,
    SentimentReport? Sentiment,
    double Seconds,
    string? PhraseAnalogyFile = null,
    IReadOnlyList<AnalogyResult>? PhraseAnalogy = null)
{
    /// <summary>
    /// The test-set confusion matrices with a title each ("SST five-class, softmax regression"),
    /// for plots (the command line draws them as SVG).
    /// </summary>
    public IReadOnlyList<(string Title, SentimentResult Result)> ConfusionMatrices() =>
        Sentiment?.Results.Select(r => (ReportText.Title(r), r)).ToList() ?? new List<(string, SentimentResult)>();
}
