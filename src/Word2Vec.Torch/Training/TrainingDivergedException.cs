namespace Word2Vec.Torch.Training;

/// <summary>The loss became NaN or infinite, or grew past progress.divergenceFactor; the message says which
/// checkpoint is kept, if any, and what to change.</summary>
public sealed class TrainingDivergedException : Exception
{
    public TrainingDivergedException(string message) : base(message) { }

    public TrainingDivergedException(string message, Exception inner) : base(message, inner) { }
}
