namespace Word2Vec.Torch.Training.Checkpoints;

/// <summary>Everything besides the matrices that an exact resume needs.</summary>
internal sealed class CheckpointState
{
    public long Step { get; set; }
    public long WordsProcessed { get; set; }
    public double? SmoothedLoss { get; set; }
    public ulong[] BatchSourceState { get; set; } = Array.Empty<ulong>();
    public long VocabSize { get; set; }

    /// <summary>R, the output matrix's rows (0 in checkpoints from before it could differ from V: then V).</summary>
    public long OutsideRows { get; set; }
    public long Dimension { get; set; }
    public string Dtype { get; set; } = "";
    public string VocabularyHash { get; set; } = "";

    /// <summary>The settings that shape the trajectory, key → value; a resume must match them.</summary>
    public Dictionary<string, string> Fingerprint { get; set; } = new();

    /// <summary>(step, loss, smoothed loss) on every report step so far, so a resumed run's curve is whole.</summary>
    public List<double[]> LossCurve { get; set; } = new();

    public double WallSeconds { get; set; }
}
