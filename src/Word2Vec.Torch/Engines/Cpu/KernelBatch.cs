namespace Word2Vec.Torch.Engines.Cpu;

/// <summary>Which output layer the kernel trains (see <see cref="Objective.NegativeSamplingLoss"/>,
/// <see cref="Objective.NaiveSoftmaxLoss"/>, <see cref="Objective.HierarchicalSoftmaxLoss"/>).</summary>
public enum OutputLoss
{
    NegativeSampling,
    NaiveSoftmax,
    HierarchicalSoftmax,
    /// <summary>Both, as word2vec.c's -hs 1 -negative K: the tree's nodes after the V outside vectors.</summary>
    HierarchicalSoftmaxAndNegativeSampling,
}

/// <summary>
/// B examples as the kernel reads them, in the layout of the data layer's batches: example b reads
/// the input rows x_b0..x_b(W−1) (<see cref="Inputs"/>[b·W + w]) of the centre vectors with mask
/// m_bw (<see cref="InputMask"/>, 1 = real, 0 = padding), has target t_b (<see cref="Targets"/>[b])
/// and negatives k_b1..k_bK (<see cref="Negatives"/>[b·K + k]; none for naive softmax).
/// The arrays may be longer than the batch; only the first B·W, B and B·K values are read.
/// </summary>
internal readonly struct KernelBatch
{
    public KernelBatch(int count, int width, long[] inputs, float[] inputMask, long[] targets, int negativesPerExample, long[] negatives)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(inputMask);
        ArgumentNullException.ThrowIfNull(targets);
        ArgumentNullException.ThrowIfNull(negatives);
        if (count < 0) throw new ArgumentOutOfRangeException(nameof(count), count, "must not be negative");
        if (width < 1) throw new ArgumentOutOfRangeException(nameof(width), width, "must be at least 1");
        if (negativesPerExample < 0) throw new ArgumentOutOfRangeException(nameof(negativesPerExample), negativesPerExample, "must not be negative");
        if (inputs.LongLength < (long)count * width || inputMask.LongLength < (long)count * width)
            throw new ArgumentException($"inputs and inputMask need B·W = {(long)count * width} values; got {inputs.LongLength} and {inputMask.LongLength}.");
        if (targets.Length < count)
            throw new ArgumentException($"targets needs B = {count} values; got {targets.Length}.", nameof(targets));
        if (negatives.LongLength < (long)count * negativesPerExample)
            throw new ArgumentException($"negatives needs B·K = {(long)count * negativesPerExample} values; got {negatives.LongLength}.", nameof(negatives));
        Count = count;
        Width = width;
        Inputs = inputs;
        InputMask = inputMask;
        Targets = targets;
        NegativesPerExample = negativesPerExample;
        Negatives = negatives;
    }

    /// <summary>B.</summary>
    public int Count { get; }

    /// <summary>W: input rows per example (1 for skip-gram).</summary>
    public int Width { get; }

    public long[] Inputs { get; }
    public float[] InputMask { get; }
    public long[] Targets { get; }

    /// <summary>K (0 for naive softmax).</summary>
    public int NegativesPerExample { get; }

    public long[] Negatives { get; }
}
