namespace Word2Vec.Torch.Training;

/// <summary>What the trainer reports on each report step.</summary>
public readonly record struct TrainingProgress(
    long Step,
    long TotalSteps,
    double Loss,
    double SmoothedLoss,
    double LearningRate,
    long WordsProcessed,
    long TotalWords,
    double WordsPerSecond,
    double ExamplesPerSecond,
    TimeSpan Elapsed,
    TimeSpan? Eta);

/// <summary>Where progress goes: a terminal progress bar, plain lines, or nothing (tests).</summary>
public interface IProgressSink
{
    void Report(in TrainingProgress progress);
    void Message(string text);
}

public sealed class NullProgressSink : IProgressSink
{
    public static readonly NullProgressSink Instance = new();
    public void Report(in TrainingProgress progress) { }
    public void Message(string text) { }
}
