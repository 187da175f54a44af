namespace Word2Vec.Torch.Evaluation;

/// <summary>Which evaluations <see cref="EvaluationReport"/> runs, and how.</summary>
public sealed record EvaluationOptions
{
    public bool RunAnalogy { get; init; } = true;

    /// <summary>Candidates and questions restricted to this many most frequent words (word2vec.c: 30,000).</summary>
    public int AnalogyRestrictVocab { get; init; } = AnalogyEvaluator.DefaultRestrictVocab;

    public int AnalogyBatchSize { get; init; } = AnalogyEvaluator.DefaultBatchSize;

    public IReadOnlyList<AnalogyMethod> AnalogyMethods { get; init; } = new[] { AnalogyMethod.CosAdd, AnalogyMethod.CosMul };

    /// <summary>Answer questions-phrases.txt too when the vectors hold phrase tokens (a word with '_').</summary>
    public bool RunPhraseAnalogy { get; init; } = true;

    public bool RunSimilarity { get; init; } = true;

    /// <summary>Similarity lookups restricted to this many most frequent words (all when null).</summary>
    public int? SimilarityRestrictVocab { get; init; }

    public bool RunSentiment { get; init; } = true;

    public SentimentOptions Sentiment { get; init; } = new();

    /// <summary>libtorch's threads while the evaluations run (the count before is restored after). libtorch splits a
    /// reduction by thread count, and its last bits with it: a fixed count gives the same vectors the same numbers
    /// whatever ran before in the process (a training run's threads, say).</summary>
    public int Threads { get; init; } = Environment.ProcessorCount;
}
