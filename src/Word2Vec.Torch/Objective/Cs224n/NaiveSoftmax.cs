using TorchSharp;
using Word2Vec.Torch.Backend;
using static TorchSharp.torch;

namespace Word2Vec.Torch.Objective.Cs224n;

/// <summary>
/// The naive-softmax loss of one (centre, outside) pair, as CS224N a2 derives it
/// (v_c = centerWordVec [d], U = outsideVectors [V, d], o = outsideWordIdx, y = one-hot of o):
/// <code>
///   ŷ = softmax(U v_c)        J = −log ŷ_o
///   ∂J/∂v_c = Uᵀ(ŷ − y)       ∂J/∂U = (ŷ − y) v_cᵀ
/// </code>
/// </summary>
public static class NaiveSoftmax
{
    public static PairLossGradients LossAndGradient(Tensor centerWordVec, long outsideWordIdx, Tensor outsideVectors)
    {
        Validate.Floating(outsideVectors, nameof(outsideVectors), 2);
        Validate.Floating(centerWordVec, nameof(centerWordVec), 1);
        Validate.Size(centerWordVec, nameof(centerWordVec), 0, outsideVectors.size(1), "the vector size d of outsideVectors");
        Validate.SameDtype(centerWordVec, nameof(centerWordVec), outsideVectors, nameof(outsideVectors));
        Validate.SameDevice(centerWordVec, nameof(centerWordVec), outsideVectors, nameof(outsideVectors));
        var vocabSize = outsideVectors.size(0);
        Validate.Index(outsideWordIdx, nameof(outsideWordIdx), vocabSize, nameof(outsideVectors));

        using var scope = torch.NewDisposeScope();
        var scores = outsideVectors.mv(centerWordVec);                              // U v_c        [V]
        var yHat = Activations.Softmax(scores);                                     // ŷ
        var loss = Activations.LogSoftmax(scores)[outsideWordIdx].neg();            // −log ŷ_o
        using var v = vocabSize.ToScalar();
        using var o = outsideWordIdx.ToScalar();
        var y = torch.arange(Held.Zero, v, Held.One, ScalarType.Int64, scores.device)
            .eq(o).to(scores.dtype);                                                // one-hot y
        var yHatMinusY = yHat.sub(y);                                               // ŷ − y
        var gradCenterVec = outsideVectors.t().mv(yHatMinusY);                      // Uᵀ(ŷ − y)    [d]
        var gradOutsideVecs = yHatMinusY.outer(centerWordVec);                      // (ŷ − y) v_cᵀ [V, d]
        return new PairLossGradients(
            loss.MoveToOuterDisposeScope(), gradCenterVec.MoveToOuterDisposeScope(), gradOutsideVecs.MoveToOuterDisposeScope());
    }
}
