using static TorchSharp.torch;

namespace Word2Vec.Torch.Objective;

/// <summary>
/// One step's loss and gradients, both given sparsely as rows and row gradients:
/// ∂J/∂centerVectors = zeros.index_add_(0, CenterRows, CenterRowGrads, 1), and the same for the
/// outside vectors. The trainer applies them as
/// <c>centerVectors.index_add_(0, CenterRows, CenterRowGrads, -lr)</c> (or asks for the gradients of
/// −lr·J and adds them: see <see cref="Word2VecArchitecture.Forward"/>'s gradientScale). Owns its tensors.
/// </summary>
public sealed class StepGradients : IDisposable
{
    internal StepGradients(Tensor loss, Tensor perExampleLoss, Tensor centerRows, Tensor centerRowGrads, Tensor outsideRows, Tensor outsideRowGrads,
        Tensor? centerRowWeights, Tensor? outsideRowWeights)
    {
        Loss = loss;
        PerExampleLoss = perExampleLoss;
        CenterRows = centerRows;
        CenterRowGrads = centerRowGrads;
        OutsideRows = outsideRows;
        OutsideRowGrads = outsideRowGrads;
        CenterRowWeights = centerRowWeights;
        OutsideRowWeights = outsideRowWeights;
    }

    /// <summary>Scalar: the sum over the batch.</summary>
    public Tensor Loss { get; }

    /// <summary>[B].</summary>
    public Tensor PerExampleLoss { get; }

    /// <summary>[M] int64: the rows of centerVectors the batch read (padding included, with zero gradient).</summary>
    public Tensor CenterRows { get; }

    /// <summary>[M,d]: ∂J/∂centerVectors = index_add of CenterRowGrads at CenterRows.</summary>
    public Tensor CenterRowGrads { get; }

    /// <summary>[M'] int64: the rows of outsideVectors that get gradient.</summary>
    public Tensor OutsideRows { get; }

    /// <summary>[M',d].</summary>
    public Tensor OutsideRowGrads { get; }

    /// <summary>[M]: 1 where an entry of CenterRows is a contribution, 0 where it is padding; null: all are.
    /// What a row's contributions are counted with (the hot-row cap).</summary>
    public Tensor? CenterRowWeights { get; }

    /// <summary>[M']: the same for OutsideRows.</summary>
    public Tensor? OutsideRowWeights { get; }

    /// <summary>∂J/∂centerVectors as a dense [vocabSize, d] matrix (for tests and gradient checks).</summary>
    public Tensor DenseCenterGradient(long vocabSize) => RowGradients.Dense(CenterRows, CenterRowGrads, vocabSize);

    /// <summary>∂J/∂outsideVectors as a dense [vocabSize, d] matrix (for tests and gradient checks).</summary>
    public Tensor DenseOutsideGradient(long vocabSize) => RowGradients.Dense(OutsideRows, OutsideRowGrads, vocabSize);

    public void Dispose()
    {
        Loss.Dispose();
        PerExampleLoss.Dispose();
        CenterRows.Dispose();
        CenterRowGrads.Dispose();
        OutsideRows.Dispose();
        OutsideRowGrads.Dispose();
        CenterRowWeights?.Dispose();
        OutsideRowWeights?.Dispose();
    }
}
