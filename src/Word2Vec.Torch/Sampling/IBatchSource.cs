namespace Word2Vec.Torch.Sampling;

/// <summary>What the training loop reads of a batch, whatever else it holds (host arrays, device tensors).</summary>
public interface IBatch
{
    /// <summary>B, the examples.</summary>
    int Count { get; }

    /// <summary>The context windows the examples came from (the assignment's mean over windows divides by it).</summary>
    int Windows { get; }

    /// <summary>The (input, target) pairs the examples hold: B for skip-gram's pairs; for a batch of whole windows,
    /// their real inputs (the skip-gram pairs that shared negatives' loss sums over, or CBOW's context words).</summary>
    long Pairs => Count;

    /// <summary>Corpus tokens consumed by the run so far, over all epochs (progress, and the linear schedule's clock).</summary>
    long WordsProcessed { get; }
}

/// <summary>Produces a run's training examples, batch by batch, into a batch the caller owns and reuses.</summary>
public interface IBatchSource<in TBatch> where TBatch : IBatch
{
    /// <summary>Fills <paramref name="batch"/> with the next examples; false when the run's stream is over.</summary>
    bool NextBatch(TBatch batch);

    /// <summary>Tokens the run will consume over all its epochs (the linear schedule and the ETA); for a
    /// stream that never ends, the corpus's tokens.</summary>
    long TotalWords { get; }

    /// <summary>A stream that never ends (the assignment's random windows): its words processed are no fraction
    /// of <see cref="TotalWords"/>, so a run's progress is its steps done of training.steps.</summary>
    bool Endless => false;

    /// <summary>Everything needed to resume exactly (RNG and position).</summary>
    ulong[] GetState();

    /// <summary>Resumes from a state taken with <see cref="GetState"/> (on this or an identically
    /// configured source over the same corpus).</summary>
    void SetState(ulong[] state);
}
