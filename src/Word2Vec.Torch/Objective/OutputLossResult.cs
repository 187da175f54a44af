using TorchSharp;
using static TorchSharp.torch;

namespace Word2Vec.Torch.Objective;

/// <summary>
/// What an <see cref="IOutputLoss"/> returns for a batch. ∂J/∂U is given sparsely:
/// ∂J/∂U = zeros.index_add_(0, OutsideRows, OutsideRowGrads, 1). With a gradient scale c, GradHidden
/// and OutsideRowGrads are those of c·J (Loss and PerExampleLoss stay J's). Owns its tensors.
/// </summary>
public sealed class OutputLossResult : IDisposable
{
    public OutputLossResult(Tensor loss, Tensor perExampleLoss, Tensor gradHidden, Tensor outsideRows, Tensor outsideRowGrads,
        Tensor? outsideRowWeights = null)
    {
        Loss = loss;
        PerExampleLoss = perExampleLoss;
        GradHidden = gradHidden;
        OutsideRows = outsideRows;
        OutsideRowGrads = outsideRowGrads;
        OutsideRowWeights = outsideRowWeights;
    }

    /// <summary>Scalar: the SUM over the batch of the per-example losses.</summary>
    public Tensor Loss { get; }

    /// <summary>[B]: J_b of each example.</summary>
    public Tensor PerExampleLoss { get; }

    /// <summary>[B,d]: ∂J/∂h_b.</summary>
    public Tensor GradHidden { get; }

    /// <summary>[M] int64: rows of U that get gradient (duplicates allowed; they add up).</summary>
    public Tensor OutsideRows { get; }

    /// <summary>[M,d]: ∂J/∂U = zeros.index_add_(0, OutsideRows, OutsideRowGrads, 1).</summary>
    public Tensor OutsideRowGrads { get; }

    /// <summary>[M], the dtype of the vectors: 1 for an entry of OutsideRows that is a contribution, 0 for
    /// padding (a hierarchical-softmax path shorter than the longest); null when every entry is one.</summary>
    public Tensor? OutsideRowWeights { get; }

    public void Dispose()
    {
        Loss.Dispose();
        PerExampleLoss.Dispose();
        GradHidden.Dispose();
        OutsideRows.Dispose();
        OutsideRowGrads.Dispose();
        OutsideRowWeights?.Dispose();
    }
}
