using TorchSharp;
using Word2Vec.Torch.Backend;
using static TorchSharp.torch;

namespace Word2Vec.Torch.Objective;

/// <summary>
/// Negative sampling over a batch (the batched form of <see cref="Cs224n.NegativeSampling"/>): example b has
/// hidden vector h_b, target o = t_b and negatives k_1..k_K (row b of negatives); with s_i = u_i·h_b
/// over the rows i ∈ [o, k_1, …, k_K] and y = [1, 0, …, 0],
/// <code>
///   J_b = −log σ(u_o·h_b) − Σ_k log σ(−u_k·h_b) = −Σ_i log σ((2y_i − 1) s_i)      J = Σ_b J_b
///   ∂J/∂h_b = Σ_i (σ(s_i) − y_i) u_i                     ∂J/∂u_i += (σ(s_i) − y_i) h_b
/// </code>
/// OutsideRows = [o_b, k_b1, …, k_bK] for b = 1..B (example by example), OutsideRowGrads in the same
/// order; repeated rows add up. Cost O(B·K·d): the B(K+1) rows are gathered once with index_select
/// and scored with one batched product; no other row of U is touched. About a dozen libtorch calls
/// a batch, whatever B and K.
/// <para><see cref="ForwardWindows"/> is the same loss for W hidden vectors per example that share the
/// example's target and negatives (a window's pairs, <see cref="SharedNegativesSkipGram"/>).</para>
/// </summary>
/// <param name="vocabularySize">The words' rows of the output matrix, which the targets and negatives must
/// index (null: all its rows). With hierarchical softmax in the same matrix (its nodes after the V words,
/// <see cref="SumOfLosses"/>), V: an id of a node is then refused, not read as a noise word.</param>
public sealed class NegativeSamplingLoss(long? vocabularySize = null) : IOutputLoss
{
    private readonly long? _vocabularySize = vocabularySize is null or > 0 ? vocabularySize
        : throw new ArgumentOutOfRangeException(nameof(vocabularySize), vocabularySize, "must be positive");

    public OutputLossResult Forward(Tensor hidden, Tensor targets, Tensor outsideVectors, Tensor? negatives, bool checkIndices = true,
        double gradientScale = 1)
    {
        Validate.OutputLossInputs(hidden, targets, outsideVectors, negatives, negativesRequired: true, vocabularySize: _vocabularySize,
            checkIndices: checkIndices);
        using var scope = torch.NewDisposeScope();
        var r = Windows(hidden.unsqueeze(1), null, targets, outsideVectors, negatives!, gradientScale);
        return new OutputLossResult(
            r.Loss.MoveToOuterDisposeScope(), r.PerExampleLoss.MoveToOuterDisposeScope(), r.GradHidden.squeeze(1).MoveToOuterDisposeScope(),
            r.OutsideRows.MoveToOuterDisposeScope(), r.OutsideRowGrads.MoveToOuterDisposeScope());
    }

    /// <summary>
    /// W hidden vectors per example, h_b1..h_bW with mask m_bw (1 = real, 0 = padding), sharing the
    /// example's target and negatives: with s_bwi = u_i·h_bw,
    /// <code>
    ///   J_b = Σ_w m_bw Σ_i −log σ((2y_i − 1) s_bwi)        G_bwi = m_bw (σ(s_bwi) − y_i)
    ///   ∂J/∂h_bw = Σ_i G_bwi u_i                          ∂J/∂u_i += Σ_w G_bwi h_bw
    /// </code>
    /// so each real (h_bw, t_b) is one negative-sampling pair of <see cref="Forward"/> with row b's negatives.
    /// hidden [B,W,d], mask [B,W] in hidden's dtype; GradHidden is [B,W,d] (0 on padding).
    /// </summary>
    public OutputLossResult ForwardWindows(Tensor hidden, Tensor mask, Tensor targets, Tensor outsideVectors, Tensor negatives,
        bool checkIndices = true, double gradientScale = 1)
    {
        Validate.Floating(hidden, nameof(hidden), 3);
        Validate.NonEmpty(hidden, nameof(hidden), 1, "the window width W");
        Validate.NotNull(mask, nameof(mask));
        if (mask.ndim != 2 || mask.size(0) != hidden.size(0) || mask.size(1) != hidden.size(1))
            throw new ArgumentException($"mask has shape {Validate.Shape(mask)}; it must be [B,W] of hidden's {Validate.Shape(hidden)}.", nameof(mask));
        Validate.SameDtype(mask, nameof(mask), hidden, nameof(hidden));
        using var scope = torch.NewDisposeScope();
        Validate.OutputLossInputs(hidden.select(1, 0), targets, outsideVectors, negatives, negativesRequired: true, vocabularySize: _vocabularySize,
            checkIndices: checkIndices);
        var r = Windows(hidden, mask, targets, outsideVectors, negatives, gradientScale);
        return new OutputLossResult(
            r.Loss.MoveToOuterDisposeScope(), r.PerExampleLoss.MoveToOuterDisposeScope(), r.GradHidden.MoveToOuterDisposeScope(),
            r.OutsideRows.MoveToOuterDisposeScope(), r.OutsideRowGrads.MoveToOuterDisposeScope());
    }

    /// <summary>The loss and gradients for hidden [B,W,d] (mask null: every slot real), in the caller's scope.</summary>
    private OutputLossResult Windows(Tensor hidden, Tensor? mask, Tensor targets, Tensor outsideVectors, Tensor negatives, double gradientScale)
    {
        var (B, W, K, d) = (hidden.size(0), hidden.size(1), negatives.size(1), hidden.size(2));
        var outsideRows = torch.cat(new[] { targets.unsqueeze(1), negatives }, 1).reshape(-1);  // [o_b, k_b1..k_bK]  [B(K+1)]
        var rowVectors = outsideVectors.index_select(0, outsideRows).reshape(B, K + 1, d);      // u_i         [B,K+1,d]
        var scores = hidden.bmm(rowVectors.transpose(1, 2));                                     // s_bwi = u_i·h_bw   [B,W,K+1]

        var (y, signs) = Columns(K + 1, scores);                                                 // y, 2y − 1   [K+1]
        var pairLoss = scores.mul(signs).log_sigmoid().sum(dim: 2).neg();                        // Σ_i −log σ((2y_i − 1) s_bwi)   [B,W]
        var coefficients = scores.sigmoid().sub_(y);                                             // σ(s_bwi) − y_i  [B,W,K+1]
        if (mask is not null)
        {
            pairLoss = pairLoss.mul(mask);
            coefficients = coefficients.mul_(mask.unsqueeze(2));                                 // G = m (σ − y)
        }
        var perExampleLoss = pairLoss.sum(dim: 1);                                               // J_b         [B]
        coefficients = RowGradients.Scale(coefficients, gradientScale);                          // c G: the gradients of c·J
        var gradHidden = coefficients.bmm(rowVectors);                                           // Σ_i G_bwi u_i   [B,W,d]
        var outsideRowGrads = (W == 1                                                            // Σ_w G_bwi h_bw  [B,K+1,d]
                ? coefficients.transpose(1, 2).mul(hidden)                                       // (one term: an outer product)
                : coefficients.transpose(1, 2).bmm(hidden))
            .reshape(B * (K + 1), d);
        return new OutputLossResult(perExampleLoss.sum(), perExampleLoss, gradHidden, outsideRows, outsideRowGrads);
    }

    private sealed record ColumnTensors(long Columns, ScalarType Dtype, DeviceType Type, int Index, Tensor Y, Tensor Signs);

    private ColumnTensors? _columns;   // replaced, never disposed but by Dispose: another thread may still read the old one

    /// <summary>Frees the kept columns.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _columns, null) is { } c)
        {
            c.Y.Dispose();
            c.Signs.Dispose();
        }
    }

    /// <summary>y = [1, 0, …, 0] and 2y − 1 = [1, −1, …, −1], K + 1 long, in the scores' dtype and device;
    /// made once and kept (a run's K, dtype and device do not change). A step's parallel parts may make them at
    /// once: the first kept wins and the others free theirs.</summary>
    private (Tensor Y, Tensor Signs) Columns(long columns, Tensor like)
    {
        while (true)
        {
            var kept = _columns;
            if (kept is not null && kept.Columns == columns && kept.Dtype == like.dtype && kept.Type == like.device_type && kept.Index == like.device_index)
                return (kept.Y, kept.Signs);
            var y = new double[columns];
            y[0] = 1;
            var made = new ColumnTensors(columns, like.dtype, like.device_type, like.device_index,
                torch.tensor(y, dtype: like.dtype, device: like.device).DetachFromDisposeScope(),
                torch.tensor(y.Select(v => 2 * v - 1).ToArray(), dtype: like.dtype, device: like.device).DetachFromDisposeScope());
            if (Interlocked.CompareExchange(ref _columns, made, kept) == kept) return (made.Y, made.Signs);
            made.Y.Dispose();   // another part kept its own first: use that one
            made.Signs.Dispose();
        }
    }
}
