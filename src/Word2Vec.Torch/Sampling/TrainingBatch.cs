namespace Word2Vec.Torch.Sampling;

/// <summary>
/// One minibatch of B examples, filled by an <see cref="IBatchSource{TBatch}"/> and turned into tensors by
/// the trainer. Skip-gram: Width = 1, Inputs = centre ids, Targets = outside ids. CBOW:
/// Width = 2·window, Inputs = context ids (real ones first) padded with 0 where InputMask is 0,
/// Targets = centre ids. The arrays may be longer than the batch and are reused between batches.
/// </summary>
public sealed class TrainingBatch : IBatch
{
    /// <summary>B: examples in use.</summary>
    public int Count { get; set; }
    /// <summary>W: inputs per example.</summary>
    public int Width;
    /// <summary>[B*W] row-major input word ids.</summary>
    public long[] Inputs = Array.Empty<long>();
    /// <summary>[B*W] 1 = real input, 0 = padding.</summary>
    public float[] InputMask = Array.Empty<float>();
    /// <summary>[B] target word ids.</summary>
    public long[] Targets = Array.Empty<long>();
    /// <summary>K: negatives per example (0 for naive softmax).</summary>
    public int NegativesPerExample;
    /// <summary>[B*K] negative word ids, never equal to that example's target.</summary>
    public long[] Negatives = Array.Empty<long>();
    /// <summary>How many context windows these examples came from.</summary>
    public int Windows { get; set; }
    /// <summary>The real inputs (InputMask's ones) of the B examples: B when Width = 1.</summary>
    public long Pairs => Width == 1 ? Count : InputMask.AsSpan(0, Count * Width).Count(1f);
    /// <summary>Corpus tokens consumed so far (by the source that filled it: this epoch, or the run; see
    /// <see cref="EpochBatchSource"/>).</summary>
    public long WordsProcessed { get; set; }

    /// <summary>Sets the shape for up to <paramref name="maxExamples"/> examples, growing the arrays
    /// only when they are too small, and empties the batch.</summary>
    public void Prepare(int maxExamples, int width, int negativesPerExample)
    {
        Width = width;
        NegativesPerExample = negativesPerExample;
        Count = 0;
        Windows = 0;
        if (Inputs.Length < maxExamples * width) Inputs = new long[maxExamples * width];
        if (InputMask.Length < maxExamples * width) InputMask = new float[maxExamples * width];
        if (Targets.Length < maxExamples) Targets = new long[maxExamples];
        if (Negatives.Length < maxExamples * negativesPerExample) Negatives = new long[maxExamples * negativesPerExample];
    }
}
