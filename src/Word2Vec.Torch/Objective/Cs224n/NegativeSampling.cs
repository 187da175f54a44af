using TorchSharp;
using Word2Vec.Torch.Backend;
using static TorchSharp.torch;

namespace Word2Vec.Torch.Objective.Cs224n;

/// <summary>
/// The negative-sampling loss of one (centre, outside) pair with K sampled words k_1..k_K, as CS224N
/// a2 derives it (v_c = centerWordVec [d], U = outsideVectors [V, d], u_w = row w of U):
/// <code>
///   J = −log σ(u_o·v_c) − Σ_k log σ(−u_k·v_c)
///   ∂J/∂v_c = (σ(u_o·v_c) − 1) u_o + Σ_k σ(u_k·v_c) u_k
///   ∂J/∂u_o = (σ(u_o·v_c) − 1) v_c          ∂J/∂u_k = σ(u_k·v_c) v_c
/// </code>
/// Stacking the sampled rows as [u_o; u_k1; …; u_kK] and their scores s, every gradient is one
/// coefficient per row, ∂J/∂s = σ(s) − [1, 0, …, 0]. A word sampled twice (or a sample equal to o)
/// is a separate term of the sum: its row's gradients add up (index_add_).
/// </summary>
public static class NegativeSampling
{
    /// <param name="negSampleWordIndices">[K] int64 rows of outsideVectors; may repeat, may contain o.</param>
    public static PairLossGradients LossAndGradient(
        Tensor centerWordVec, long outsideWordIdx, Tensor outsideVectors, Tensor negSampleWordIndices)
    {
        Validate.Floating(outsideVectors, nameof(outsideVectors), 2);
        Validate.Floating(centerWordVec, nameof(centerWordVec), 1);
        Validate.Size(centerWordVec, nameof(centerWordVec), 0, outsideVectors.size(1), "the vector size d of outsideVectors");
        Validate.SameDtype(centerWordVec, nameof(centerWordVec), outsideVectors, nameof(outsideVectors));
        Validate.SameDevice(centerWordVec, nameof(centerWordVec), outsideVectors, nameof(outsideVectors));
        Validate.Indices(negSampleWordIndices, nameof(negSampleWordIndices), 1);
        Validate.SameDevice(negSampleWordIndices, nameof(negSampleWordIndices), outsideVectors, nameof(outsideVectors));
        var vocabSize = outsideVectors.size(0);
        Validate.Index(outsideWordIdx, nameof(outsideWordIdx), vocabSize, nameof(outsideVectors));
        Validate.IndicesInRange(vocabSize, nameof(outsideVectors), (negSampleWordIndices, nameof(negSampleWordIndices)));
        var K = negSampleWordIndices.size(0);

        using var scope = torch.NewDisposeScope();
        var indices = torch.cat(new[]
        {
            torch.tensor(new[] { outsideWordIdx }, device: outsideVectors.device), negSampleWordIndices,
        });                                                                         // [o, k_1 … k_K]
        var sampledVectors = outsideVectors.index_select(0, indices);               // [u_o; u_k]   [K+1, d]
        var scores = sampledVectors.mv(centerWordVec);                              // u_o·v_c, u_k·v_c
        var sigmoids = Activations.Sigmoid(scores);                                 // σ, once for all K+1

        var outsideScore = scores[0];
        var negativeScores = scores.narrow(0, 1, K);
        var loss = outsideScore.log_sigmoid().neg()                                 // −log σ(u_o·v_c)
            .sub(negativeScores.neg().log_sigmoid().sum());                         // − Σ_k log σ(−u_k·v_c)

        using var samples = (K + 1).ToScalar();
        var isOutside = torch.arange(Held.Zero, samples, Held.One, ScalarType.Int64, scores.device)
            .eq(Held.Zero).to(scores.dtype);                                        // [1, 0, …, 0]
        var coefficients = sigmoids.sub(isOutside);                                 // σ(u_o·v_c) − 1, σ(u_k·v_c)
        var gradCenterVec = sampledVectors.t().mv(coefficients);                    // (σ_o − 1) u_o + Σ_k σ_k u_k
        var gradOutsideVecs = torch.zeros_like(outsideVectors)
            .index_add_(0, indices, coefficients.outer(centerWordVec), Held.One);   // (σ_o − 1) v_c at o, σ_k v_c at each k
        return new PairLossGradients(
            loss.MoveToOuterDisposeScope(), gradCenterVec.MoveToOuterDisposeScope(), gradOutsideVecs.MoveToOuterDisposeScope());
    }
}
