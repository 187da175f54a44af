using static TorchSharp.torch;

namespace Word2Vec.Torch.Objective;

/// <summary>
/// fastText's "model": how a batch's input rows meet the output loss, returning the loss and its
/// hand-derived gradients as rows (<see cref="StepGradients"/>). <see cref="Word2VecArchitecture"/>
/// (skip-gram and CBOW, one hidden vector an example) and <see cref="SharedNegativesSkipGram"/>
/// (skip-gram pairs of a window sharing its negatives).
/// </summary>
public interface IArchitecture
{
    /// <param name="centerVectors">[V,d], the input vectors.</param>
    /// <param name="outsideVectors">[V',d], the output vectors.</param>
    /// <param name="inputs">[B,W] int64 rows of centerVectors (a padding slot still needs a valid row, e.g. 0).</param>
    /// <param name="inputMask">[B,W], the dtype of the vectors: 1 = real, 0 = padding.</param>
    /// <param name="targets">[B] int64 rows of outsideVectors.</param>
    /// <param name="negatives">[B,K] int64 rows of outsideVectors, or null (naive and hierarchical softmax).</param>
    /// <param name="checkIndices">Check every index against its matrix (reductions and a device sync); false
    /// only where the caller has checked them (the engines check their batches on the host).</param>
    /// <param name="gradientScale">c: the gradients returned are those of c·J (SGD passes −stepSize); the loss stays J.</param>
    StepGradients Forward(Tensor centerVectors, Tensor outsideVectors, Tensor inputs, Tensor inputMask, Tensor targets, Tensor? negatives,
        bool checkIndices = true, double gradientScale = 1);
}
