using static TorchSharp.torch;

namespace Word2Vec.Torch.Objective;

/// <summary>
/// fastText's "loss": turns a batch of hidden vectors and their targets into the loss and its
/// gradients, ∂J/∂H and ∂J/∂U (as rows of U with their gradients, so a sparse loss never touches
/// all of U). Implementations: <see cref="NaiveSoftmaxLoss"/>, <see cref="NegativeSamplingLoss"/>,
/// <see cref="HierarchicalSoftmaxLoss"/>, <see cref="SumOfLosses"/>. Dispose frees the tensors a loss keeps
/// between batches (a used loss makes them again); call it only when no Forward runs (an engine's parts are joined).
/// </summary>
public interface IOutputLoss : IDisposable
{
    /// <summary>
    /// hidden [B,d]; targets [B] int64; outsideVectors [V,d]; negatives [B,K] int64 or null (naive softmax ignores it).
    /// <paramref name="checkIndices"/>: check that every index names a row (a reduction and a device sync);
    /// false only where the caller has checked them already (the engines check their batches on the host).
    /// <paramref name="gradientScale"/> c: the gradients returned are those of c·J (the loss stays J), so
    /// that SGD, passing c = −stepSize, gets its update without another pass over the row gradients.
    /// </summary>
    OutputLossResult Forward(Tensor hidden, Tensor targets, Tensor outsideVectors, Tensor? negatives, bool checkIndices = true,
        double gradientScale = 1);
}
