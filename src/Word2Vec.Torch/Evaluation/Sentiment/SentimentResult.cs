namespace Word2Vec.Torch.Evaluation;

/// <summary>One point of the λ search.</summary>
public sealed record SentimentLambdaScore(double Lambda, double TrainAccuracy, double DevAccuracy, double FinalLoss);

/// <summary>
/// A classifier's result on a task with the λ chosen on dev: accuracies, the λ search and the
/// test set's confusion matrix.
/// </summary>
public sealed record SentimentResult(
    SentimentTask Task,
    string Classifier,
    double Lambda,
    double TrainAccuracy,
    double DevAccuracy,
    double TestAccuracy,
    int TrainSize,
    int DevSize,
    int TestSize,
    IReadOnlyList<SentimentLambdaScore> LambdaSearch,
    ConfusionMatrix TestConfusion);

/// <summary>The sentiment evaluation: feature coverage and one result per task and classifier.</summary>
public sealed record SentimentReport(FeatureCoverage Coverage, IReadOnlyList<SentimentResult> Results);
