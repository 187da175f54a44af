using Word2Vec.Torch.Sampling;
using static TorchSharp.torch;

namespace Word2Vec.Torch.Engines.OnDevice;

/// <summary>
/// The skip-gram pairs of one chunk of the corpus, as device tensors in the shapes
/// <see cref="Objective.Word2VecArchitecture.Forward"/> takes (W = 1): example b is the pair
/// (centre Inputs[b,0], outside Targets[b]) with negatives Negatives[b,·], never equal to Targets[b].
/// Pairs come centre by centre in corpus order, each centre's outside words left to right, as
/// <see cref="TextBatchSource"/> emits them. Owns its tensors (or the dispose scope they were made in does).
/// </summary>
public sealed class DeviceBatch : IBatch, IDisposable
{
    private Tensor? _inputs, _inputMask, _targets, _negatives, _centerPositions, _outsidePositions, _keptPositions;

    /// <summary>Holds the next chunk's tensors (a source fills it with <see cref="DeviceBatchSource.NextBatch"/>).</summary>
    internal void Set(Tensor inputs, Tensor inputMask, Tensor targets, Tensor negatives,
        Tensor centerPositions, Tensor outsidePositions, Tensor keptPositions)
    {
        (_inputs, _inputMask, _targets, _negatives) = (inputs, inputMask, targets, negatives);
        (_centerPositions, _outsidePositions, _keptPositions) = (centerPositions, outsidePositions, keptPositions);
    }

    private static Tensor Filled(Tensor? t) => t ?? throw new InvalidOperationException("the batch has not been filled yet");

    /// <summary>[B,1] int64: the centre words.</summary>
    public Tensor Inputs => Filled(_inputs);

    /// <summary>[B,1] ones in the parameters's dtype.</summary>
    public Tensor InputMask => Filled(_inputMask);

    /// <summary>[B] int64: the outside words.</summary>
    public Tensor Targets => Filled(_targets);

    /// <summary>[B,K] int64: negatives from unigram^0.75, each ≠ its pair's target.</summary>
    public Tensor Negatives => Filled(_negatives);

    /// <summary>[B] int64: the corpus position of each pair's centre word (for checks and statistics).</summary>
    public Tensor CenterPositions => Filled(_centerPositions);

    /// <summary>[B] int64: the corpus position of each pair's outside word.</summary>
    public Tensor OutsidePositions => Filled(_outsidePositions);

    /// <summary>[M] int64: the corpus positions of the chunk that subsampling kept, in order.</summary>
    public Tensor KeptPositions => Filled(_keptPositions);

    /// <summary>B, the pairs.</summary>
    public int Count { get; internal set; }

    /// <summary>M, the tokens of the chunk that subsampling kept: each is the centre of one window.</summary>
    public long KeptWords { get; internal set; }

    int IBatch.Windows => (int)KeptWords;

    /// <summary>The chunk: corpus positions [ChunkStart, ChunkEnd) of epoch <see cref="Epoch"/> (0-based).</summary>
    public long ChunkStart { get; internal set; }

    public long ChunkEnd { get; internal set; }

    public long Epoch { get; internal set; }

    /// <summary>Corpus tokens consumed by the run so far, all epochs (the linear schedule's clock).</summary>
    public long WordsProcessed { get; internal set; }

    /// <summary>Frees the tensors now (a step's dispose scope frees them otherwise).</summary>
    public void Dispose()
    {
        foreach (var t in new[] { _inputs, _inputMask, _targets, _negatives, _centerPositions, _outsidePositions, _keptPositions })
            t?.Dispose();
    }
}
