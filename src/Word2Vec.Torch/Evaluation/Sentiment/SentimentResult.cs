namespace Word2Vec.Torch.Evaluation;

/// <summary>One point of the λ search, with how its training ended (null: a fixed number of epochs).</summary>
public sealed record SentimentLambdaScore(double Lambda, double TrainAccuracy, double DevAccuracy, double FinalLoss, MinimizationResult? Minimization = null);

/// <summary>
/// A classifier's result on a task with the λ chosen on dev: accuracies beside the majority-class
/// baseline's, the λ search and the test set's confusion matrix.
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
    ConfusionMatrix TestConfusion,
    MajorityBaseline Majority);

/// <summary>The sentiment evaluation: feature coverage, whether the features were standardised, and one
/// result per task and classifier.</summary>
public sealed record SentimentReport(FeatureCoverage Coverage, IReadOnlyList<SentimentResult> Results, bool Standardized = true);
