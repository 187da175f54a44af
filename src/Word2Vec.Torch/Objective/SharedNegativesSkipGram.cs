using TorchSharp;
using static TorchSharp.torch;

namespace Word2Vec.Torch.Objective;

/// <summary>
/// Skip-gram with one draw of negatives per window, shared by the window's pairs (loss.shareNegatives;
/// Ji et al. 2016, "Parallelizing Word2Vec in Shared and Distributed Memory", HogBatch). Example b is a
/// window: its context words x_b1..x_bW (mask m_bw) are the inputs, its centre word t_b the target of
/// each, and its K negatives k_b1..k_bK serve every pair of the window:
/// <code>
///   J_b = Σ_w m_bw [ −log σ(u_{t_b}·v_{x_bw}) − Σ_k log σ(−u_{k_bk}·v_{x_bw}) ]
/// </code>
/// Each real (x_bw, t_b) is word2vec.c's skip-gram pair (the context word's input vector, the centre's
/// output vector); only the negatives differ: K a window instead of K a pair. The window's pairs then
/// need K + 1 output rows instead of W(K + 1), and their scores and gradients are small matrix
/// products, [W,d]·[d,K+1] (<see cref="NegativeSamplingLoss.ForwardWindows"/>). The batch has CBOW's
/// shape (inputs = the context, targets = the centres).
/// </summary>
public sealed class SharedNegativesSkipGram : IArchitecture
{
    private readonly NegativeSamplingLoss _loss;

    public SharedNegativesSkipGram(NegativeSamplingLoss loss)
    {
        _loss = loss ?? throw new ArgumentNullException(nameof(loss));
    }

    public StepGradients Forward(Tensor centerVectors, Tensor outsideVectors, Tensor inputs, Tensor inputMask, Tensor targets, Tensor? negatives,
        bool checkIndices = true, double gradientScale = 1)
    {
        Word2VecArchitecture.CheckInputs(centerVectors, outsideVectors, inputs, inputMask, targets);
        if (negatives is null) throw new ArgumentNullException(nameof(negatives), "shared negatives need the negatives [B,K].");
        if (checkIndices) Validate.IndicesInRange(centerVectors.size(0), nameof(centerVectors), (inputs, nameof(inputs)));
        var (B, W, d) = (inputs.size(0), inputs.size(1), centerVectors.size(1));

        using var scope = torch.NewDisposeScope();
        var centerRows = inputs.reshape(B * W).clone();                                             // x_bw, flattened
        var inputVectors = centerVectors.index_select(0, centerRows).reshape(B, W, d);             // v_{x_bw}   [B,W,d]
        var output = _loss.ForwardWindows(inputVectors, inputMask, targets, outsideVectors, negatives, checkIndices, gradientScale);
        return new StepGradients(
            output.Loss.MoveToOuterDisposeScope(), output.PerExampleLoss.MoveToOuterDisposeScope(),
            centerRows.MoveToOuterDisposeScope(), output.GradHidden.reshape(B * W, d).MoveToOuterDisposeScope(),   // ∂J/∂v_{x_bw}, 0 on padding
            output.OutsideRows.MoveToOuterDisposeScope(), output.OutsideRowGrads.MoveToOuterDisposeScope(),
            inputMask.reshape(B * W).MoveToOuterDisposeScope(), output.OutsideRowWeights?.MoveToOuterDisposeScope());   // padding slots: weight 0
    }
}
