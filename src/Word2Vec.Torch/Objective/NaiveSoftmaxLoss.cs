using TorchSharp;
using Word2Vec.Torch.Backend;
using static TorchSharp.torch;

namespace Word2Vec.Torch.Objective;

/// <summary>
/// Naive softmax over a batch (the batched form of <see cref="Cs224n.NaiveSoftmax"/>): for example b with
/// hidden vector h_b (row b of H [B,d]) and target t_b, with Y the one-hot rows of the targets,
/// <code>
///   S = H Uᵀ     m_b = max_j S_bj     z_b = Σ_j e^(S_bj − m_b)      (row-wise, so no exponent exceeds 0)
///   J_b = −log Ŷ[b, t_b] = log z_b − (S_b,t_b − m_b)                 J = Σ_b J_b
///   Ŷ = e^(S − m) / z                ∂J/∂H = (Ŷ − Y) U   [B,d]      ∂J/∂U = (Ŷ − Y)ᵀ H   [V,d]   (every row of U)
/// </code>
/// Cost O(B·V·d): three matrix products (the scores and the two gradients) and four passes over the
/// [B,V] scores. No one-hot matrix is made: Ŷ − Y subtracts 1 at the B target entries. Without
/// autograd the [B,V] matrix is one buffer, reused from batch to batch (scores → shifted → e^ →
/// Ŷ → Ŷ − Y, in place), so a step allocates no [B,V] memory; when its inputs need gradients
/// (autograd), the same formulas run out of place. The negatives argument is ignored. An instance
/// keeps that buffer: calls on several threads take turns with it.
/// </summary>
public sealed class NaiveSoftmaxLoss : IOutputLoss
{
    private Tensor? _scratch;   // [≥ B·V] in the scores' dtype and device, kept between batches
    private readonly object _scratchLock = new();

    public OutputLossResult Forward(Tensor hidden, Tensor targets, Tensor outsideVectors, Tensor? negatives, bool checkIndices = true,
        double gradientScale = 1)
    {
        Validate.OutputLossInputs(hidden, targets, outsideVectors, checkIndices: checkIndices);
        var (B, V) = (hidden.size(0), outsideVectors.size(0));
        var inPlace = !(torch.is_grad_enabled() && (hidden.requires_grad || outsideVectors.requires_grad));
        if (!inPlace) return Compute(hidden, targets, outsideVectors, B, V, gradientScale, inPlace);
        lock (_scratchLock) return Compute(hidden, targets, outsideVectors, B, V, gradientScale, inPlace);
    }

    private OutputLossResult Compute(Tensor hidden, Tensor targets, Tensor outsideVectors, long B, long V, double gradientScale, bool inPlace)
    {
        using var scope = torch.NewDisposeScope();
        var t = targets.unsqueeze(1);                                                        // t_b        [B,1]
        var scores = inPlace
            ? Scratch(B * V, hidden).view(B, V).addmm_(hidden, outsideVectors.t(), beta: 0, alpha: 1)   // S = H Uᵀ (beta 0: the old contents ignored)
            : hidden.mm(outsideVectors.t());                                                 //            [B,V]
        var (rowMax, _) = scores.detach().max(1L, true);                                     // m_b        [B,1]
        var shifted = inPlace ? scores.sub_(rowMax) : scores.sub(rowMax);                    // S − m
        var targetShifted = shifted.gather(1, t);                                            // S_b,t_b − m_b   [B,1]
        var exps = inPlace ? shifted.exp_() : shifted.exp();                                 // e^(S − m)
        var z = exps.sum(dim: 1, keepdim: true);                                             // z_b        [B,1]
        var perExampleLoss = z.log().sub(targetShifted).squeeze(1);                          // J_b        [B]
        var yHat = inPlace ? exps.div_(z) : exps.div(z);                                     // Ŷ
        var yHatMinusY = yHat.scatter_add_(1, t, torch.ones_like(targetShifted).neg_());     // Ŷ − Y: −1 at (b, t_b)
        // The gradients of c·J, scaled after the products ([B,d] and [V,d]), not the [B,V] matrix.
        var gradHidden = RowGradients.Scale(yHatMinusY.mm(outsideVectors), gradientScale);   // (Ŷ − Y) U   [B,d]
        var outsideRowGrads = RowGradients.Scale(yHatMinusY.t().mm(hidden), gradientScale);  // (Ŷ − Y)ᵀ H  [V,d]
        using var v = V.ToScalar();
        var outsideRows = torch.arange(Held.Zero, v, Held.One, ScalarType.Int64, scores.device);   // all V rows
        var loss = perExampleLoss.sum();
        return new OutputLossResult(
            loss.MoveToOuterDisposeScope(), perExampleLoss.MoveToOuterDisposeScope(), gradHidden.MoveToOuterDisposeScope(),
            outsideRows.MoveToOuterDisposeScope(), outsideRowGrads.MoveToOuterDisposeScope());
    }

    public void Dispose()
    {
        lock (_scratchLock)
        {
            _scratch?.Dispose();
            _scratch = null;
        }
    }

    /// <summary>The first <paramref name="count"/> values of the kept buffer (grown, or made anew for another
    /// dtype or device, when it does not fit).</summary>
    private Tensor Scratch(long count, Tensor like)
    {
        var s = _scratch;
        if (s is null || s.numel() < count || s.dtype != like.dtype || s.device_type != like.device_type || s.device_index != like.device_index)
        {
            s?.Dispose();
            _scratch = s = torch.empty(count, like.dtype, like.device).DetachFromDisposeScope();
        }
        return s.narrow(0, 0, count);
    }
}
