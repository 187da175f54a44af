namespace Word2Vec.Torch.Evaluation;

/// <summary>
/// Always answering the training split's most frequent class (ties: the lower class): the accuracy
/// any classifier has to beat to have learnt something from the features.
/// </summary>
public sealed record MajorityBaseline(string ClassName, double TrainAccuracy, double DevAccuracy, double TestAccuracy)
{
    public static MajorityBaseline Of(SentimentTask task, IReadOnlyList<long> train, IReadOnlyList<long> dev, IReadOnlyList<long> test)
    {
        ArgumentNullException.ThrowIfNull(train);
        if (train.Count == 0) throw new ArgumentException("no training rows", nameof(train));
        var majority = train.GroupBy(c => c).OrderByDescending(g => g.Count()).ThenBy(g => g.Key).First().Key;
        double Accuracy(IReadOnlyList<long> classes) => classes.Count == 0 ? double.NaN : (double)classes.Count(c => c == majority) / classes.Count;
        return new MajorityBaseline(SentimentLabels.ClassNames(task)[(int)majority], Accuracy(train), Accuracy(dev), Accuracy(test));
    }
}
