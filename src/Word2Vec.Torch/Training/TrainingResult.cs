using Word2Vec.Torch.Engines;

namespace Word2Vec.Torch.Training;

/// <summary>What a training run leaves behind besides files.</summary>
public sealed class TrainingResult
{
    /// <summary>The trained parameters (the caller owns them).</summary>
    public required Embeddings Embeddings { get; init; }
    public long Steps { get; init; }
    public double FinalLoss { get; init; }
    public double? FinalSmoothedLoss { get; init; }

    /// <summary>(step, batch loss, smoothed loss) on every report step, across resumes.</summary>
    public required IReadOnlyList<double[]> LossCurve { get; init; }

    public long WordsProcessed { get; init; }

    /// <summary>Wall time of all segments of the run (resumes included).</summary>
    public double WallSeconds { get; init; }

    /// <summary>Words per second over this process's segment.</summary>
    public double WordsPerSecond { get; init; }

    public double ExamplesPerSecond { get; init; }

    /// <summary>The step this process resumed from (0 for a fresh run).</summary>
    public long ResumedFromStep { get; init; }
}
