using TorchSharp;
using Word2Vec.Torch.Backend;
using static TorchSharp.torch;

namespace Word2Vec.Torch.Objective;

/// <summary>
/// Naive softmax over a batch (the batched form of <see cref="Cs224n.NaiveSoftmax"/>): for example b with
/// hidden vector h_b (row b of H [B,d]) and target t_b, with Y the one-hot rows of the targets,
/// <code>
///   Ŷ = softmax(H Uᵀ) (row-wise)      J_b = −log Ŷ[b, t_b]      J = Σ_b J_b
///   ∂J/∂H = (Ŷ − Y) U   [B,d]         ∂J/∂U = (Ŷ − Y)ᵀ H   [V,d]   (every row of U)
/// </code>
/// Cost O(B·V·d) (two matrix products). The negatives argument is ignored.
/// </summary>
public sealed class NaiveSoftmaxLoss : IOutputLoss
{
    public OutputLossResult Forward(Tensor hidden, Tensor targets, Tensor outsideVectors, Tensor? negatives)
    {
        Validate.OutputLossInputs(hidden, targets, outsideVectors);
        var vocabSize = outsideVectors.size(0);

        using var scope = torch.NewDisposeScope();
        var scores = hidden.mm(outsideVectors.t());                                     // H Uᵀ        [B,V]
        var yHat = Activations.Softmax(scores);                                         // Ŷ
        var perExampleLoss = Activations.LogSoftmax(scores)
            .gather(1, targets.unsqueeze(1)).squeeze(1).neg();                          // −log Ŷ[b, t_b]
        using var v = vocabSize.ToScalar();
        var outsideRows = torch.arange(Held.Zero, v, Held.One, ScalarType.Int64, scores.device); // all V rows
        var y = outsideRows.unsqueeze(0).eq(targets.unsqueeze(1)).to(scores.dtype);     // Y (one-hot rows)
        var yHatMinusY = yHat.sub(y);                                                   // Ŷ − Y       [B,V]
        var gradHidden = yHatMinusY.mm(outsideVectors);                                 // (Ŷ − Y) U   [B,d]
        var outsideRowGrads = yHatMinusY.t().mm(hidden);                                // (Ŷ − Y)ᵀ H  [V,d]
        var loss = perExampleLoss.sum();
        return new OutputLossResult(
            loss.MoveToOuterDisposeScope(), perExampleLoss.MoveToOuterDisposeScope(), gradHidden.MoveToOuterDisposeScope(),
            outsideRows.MoveToOuterDisposeScope(), outsideRowGrads.MoveToOuterDisposeScope());
    }
}
