namespace Word2Vec.Torch.Data;

/// <summary>Produces the training examples, batch by batch.</summary>
public interface IBatchSource
{
    /// <summary>Fills <paramref name="batch"/> with the next examples; false when the epoch (or the
    /// configured stream) is over.</summary>
    bool NextBatch(TrainingBatch batch);

    /// <summary>Tokens per epoch, for the lr schedule and ETA.</summary>
    long TotalWords { get; }

    /// <summary>Everything needed to resume exactly (RNG + position).</summary>
    ulong[] GetState();

    /// <summary>Resumes from a state taken with <see cref="GetState"/> (on this or an identically
    /// configured source over the same corpus).</summary>
    void SetState(ulong[] state);
}
