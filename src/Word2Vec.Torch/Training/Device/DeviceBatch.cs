using static TorchSharp.torch;

namespace Word2Vec.Torch.Training;

/// <summary>
/// The skip-gram pairs of one chunk of the corpus, as device tensors in the shapes
/// <see cref="Math.Word2VecArchitecture.Forward"/> takes (W = 1): example b is the pair
/// (centre Inputs[b,0], outside Targets[b]) with negatives Negatives[b,·], never equal to Targets[b].
/// Pairs come centre by centre in corpus order, each centre's outside words left to right, as
/// <see cref="Data.TextBatchSource"/> emits them. Owns its tensors (or its dispose scope does).
/// </summary>
public sealed class DeviceBatch : IDisposable
{
    internal DeviceBatch(Tensor inputs, Tensor inputMask, Tensor targets, Tensor negatives,
        Tensor centerPositions, Tensor outsidePositions, Tensor keptPositions)
    {
        Inputs = inputs;
        InputMask = inputMask;
        Targets = targets;
        Negatives = negatives;
        CenterPositions = centerPositions;
        OutsidePositions = outsidePositions;
        KeptPositions = keptPositions;
    }

    /// <summary>[B,1] int64: the centre words.</summary>
    public Tensor Inputs { get; }

    /// <summary>[B,1] ones in the model's dtype.</summary>
    public Tensor InputMask { get; }

    /// <summary>[B] int64: the outside words.</summary>
    public Tensor Targets { get; }

    /// <summary>[B,K] int64: negatives from unigram^0.75, each ≠ its pair's target.</summary>
    public Tensor Negatives { get; }

    /// <summary>[B] int64: the corpus position of each pair's centre word (for checks and statistics).</summary>
    public Tensor CenterPositions { get; }

    /// <summary>[B] int64: the corpus position of each pair's outside word.</summary>
    public Tensor OutsidePositions { get; }

    /// <summary>[M] int64: the corpus positions of the chunk that subsampling kept, in order.</summary>
    public Tensor KeptPositions { get; }

    /// <summary>B, the pairs.</summary>
    public long Count { get; init; }

    /// <summary>M, the tokens of the chunk that subsampling kept.</summary>
    public long KeptWords { get; init; }

    /// <summary>The chunk: corpus positions [ChunkStart, ChunkEnd) of epoch <see cref="Epoch"/> (0-based).</summary>
    public long ChunkStart { get; init; }

    public long ChunkEnd { get; init; }

    public long Epoch { get; init; }

    /// <summary>Corpus tokens consumed by the run so far, all epochs (the linear schedule's clock).</summary>
    public long WordsProcessed { get; init; }

    public void Dispose()
    {
        Inputs.Dispose();
        InputMask.Dispose();
        Targets.Dispose();
        Negatives.Dispose();
        CenterPositions.Dispose();
        OutsidePositions.Dispose();
        KeptPositions.Dispose();
    }
}
