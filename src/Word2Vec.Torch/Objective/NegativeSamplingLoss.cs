using TorchSharp;
using Word2Vec.Torch.Backend;
using static TorchSharp.torch;

namespace Word2Vec.Torch.Objective;

/// <summary>
/// Negative sampling over a batch (the batched form of <see cref="Cs224n.NegativeSampling"/>): example b has
/// hidden vector h_b, target o = t_b and negatives k_1..k_K (row b of negatives); with s_i = u_i·h_b
/// over the rows i ∈ [o, k_1, …, k_K] and y = [1, 0, …, 0],
/// <code>
///   J_b = −log σ(u_o·h_b) − Σ_k log σ(−u_k·h_b)          J = Σ_b J_b
///   ∂J/∂h_b = Σ_i (σ(s_i) − y_i) u_i                     ∂J/∂u_i += (σ(s_i) − y_i) h_b
/// </code>
/// OutsideRows = [targets; negatives.flatten()], OutsideRowGrads in the same order; repeated rows add up.
/// Cost O(B·K·d): the B(K+1) rows are gathered with index_select and scored with mul + sum;
/// no other row of U is touched.
/// </summary>
public sealed class NegativeSamplingLoss : IOutputLoss
{
    public OutputLossResult Forward(Tensor hidden, Tensor targets, Tensor outsideVectors, Tensor? negatives)
    {
        Validate.OutputLossInputs(hidden, targets, outsideVectors, negatives, negativesRequired: true);
        var (B, K, d) = (hidden.size(0), negatives!.size(1), hidden.size(1));

        using var scope = torch.NewDisposeScope();
        var outsideRows = torch.cat(new[] { targets, negatives.reshape(-1) });          // [o_1..o_B; k_11..k_BK]
        var rowVectors = outsideVectors.index_select(0, outsideRows);                    // [B + B·K, d]
        var targetVectors = rowVectors.narrow(0, 0, B);                                  // u_o         [B,d]
        var negativeVectors = rowVectors.narrow(0, B, B * K).reshape(B, K, d);           // u_k         [B,K,d]

        var targetScores = targetVectors.mul(hidden).sum(dim: 1);                        // u_o·h_b     [B]
        var negativeScores = negativeVectors.mul(hidden.unsqueeze(1)).sum(dim: 2);       // u_k·h_b     [B,K]
        var sigmoids = Activations.Sigmoid(
            torch.cat(new[] { targetScores.unsqueeze(1), negativeScores }, 1));          // σ(s), once  [B,K+1]

        var perExampleLoss = targetScores.log_sigmoid().neg()                            // −log σ(u_o·h_b)
            .sub(negativeScores.neg().log_sigmoid().sum(dim: 1));                        // − Σ_k log σ(−u_k·h_b)

        var targetCoefficients = sigmoids.select(1, 0).sub(Held.One).unsqueeze(1);       // σ(u_o·h_b) − 1   [B,1]
        var negativeCoefficients = sigmoids.narrow(1, 1, K).unsqueeze(2);                // σ(u_k·h_b)       [B,K,1]
        var gradHidden = targetCoefficients.mul(targetVectors)                           // (σ_o − 1) u_o
            .add(negativeCoefficients.mul(negativeVectors).sum(dim: 1), Held.One);       // + Σ_k σ_k u_k    [B,d]
        var outsideRowGrads = torch.cat(new[]
        {
            targetCoefficients.mul(hidden),                                              // (σ_o − 1) h_b    [B,d]
            negativeCoefficients.mul(hidden.unsqueeze(1)).reshape(B * K, d),             // σ_k h_b          [B·K,d]
        });
        var loss = perExampleLoss.sum();
        return new OutputLossResult(
            loss.MoveToOuterDisposeScope(), perExampleLoss.MoveToOuterDisposeScope(), gradHidden.MoveToOuterDisposeScope(),
            outsideRows.MoveToOuterDisposeScope(), outsideRowGrads.MoveToOuterDisposeScope());
    }
}
