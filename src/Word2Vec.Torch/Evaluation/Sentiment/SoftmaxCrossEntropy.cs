using TorchSharp;
using Word2Vec.Torch.Backend;
using static TorchSharp.torch;

namespace Word2Vec.Torch.Evaluation;

/// <summary>
/// The mean softmax cross-entropy of a batch and its gradient with respect to the scores:
///   J = (1/N) Σᵢ −log softmax(sᵢ)_{yᵢ},   ∂J/∂S = (Ŷ − Y) / N,
/// where Ŷ = softmax(S) row by row and Y holds the one-hot labels.
/// </summary>
public static class SoftmaxCrossEntropy
{
    /// <param name="scores">S [N, C].</param>
    /// <param name="labels">y [N], int64 classes 0 … C−1.</param>
    /// <returns>The loss (a scalar tensor) and δ = ∂J/∂S [N, C].</returns>
    public static (Tensor Loss, Tensor Delta) Compute(Tensor scores, Tensor labels)
    {
        using var n = scores.shape[0].ToScalar();
        var logProbabilities = scores.log_softmax(1);                            // log Ŷ
        var y = OneHot(labels, scores.shape[1], scores.dtype, scores.device);   // Y
        var loss = logProbabilities.mul(y).sum().neg().div(n);                 // −(1/N) Σ Y ∘ log Ŷ
        var delta = logProbabilities.exp().sub(y).div(n);                      // (Ŷ − Y) / N
        return (loss, delta);
    }

    /// <summary>Y [N, C] with Y[i, yᵢ] = 1.</summary>
    public static Tensor OneHot(Tensor labels, long classes, ScalarType dtype, Device device)
    {
        var n = labels.shape[0];
        return zeros(n, classes, dtype, device).scatter_add_(1, labels.unsqueeze(1), ones(n, 1, dtype, device));
    }
}
