using TorchSharp;
using Word2Vec.Torch.Backend;
using static TorchSharp.torch;

namespace Word2Vec.Torch.Objective;

/// <summary>
/// fastText's "model": input rows → hidden vector; the loss's ∂J/∂h goes back to the rows.
/// Example b reads the rows x_b1..x_bW of V = centerVectors, with mask m_bw (1 = real, 0 = padding):
/// <code>
///   h_b = Σ_w a_bw v_{x_bw},   a_bw = m_bw  (Sum)   or   a_bw = m_bw / Σ_w' m_bw'  (Mean)
///   (J, ∂J/∂h_b, ∂J/∂U) = loss(H, targets, U, negatives)
///   ∂J/∂v_{x_bw} += a_bw ∂J/∂h_b          (repeated rows add up; padding rows get 0)
/// </code>
/// Skip-gram: W = 1, inputs = the centre words, targets = the outside words (h_b = v_c).
/// CBOW: inputs = the context words, targets = the centre words.
/// Cost: O(B·W·d) here plus the loss's (O(B·K·d) for negative sampling, O(B·V·d) for naive softmax).
/// </summary>
public sealed class Word2VecArchitecture : IArchitecture
{
    private readonly ContextCombine _combine;
    private readonly IOutputLoss _loss;

    public Word2VecArchitecture(ContextCombine combine, IOutputLoss loss)
    {
        if (!Enum.IsDefined(combine)) throw new ArgumentOutOfRangeException(nameof(combine), combine, "Unknown ContextCombine.");
        _combine = combine;
        _loss = loss ?? throw new ArgumentNullException(nameof(loss));
    }

    /// <param name="centerVectors">[V,d], the input vectors.</param>
    /// <param name="outsideVectors">[V',d], the output vectors.</param>
    /// <param name="inputs">[B,W] int64 rows of centerVectors (a padding slot still needs a valid row, e.g. 0).</param>
    /// <param name="inputMask">[B,W], the dtype of the vectors: 1 = real, 0 = padding. With Mean, an
    /// all-padding example gets h = 0.</param>
    /// <param name="targets">[B] int64 rows of outsideVectors.</param>
    /// <param name="negatives">[B,K] int64 rows of outsideVectors, or null for naive softmax.</param>
    /// <param name="checkIndices">Check every index against its matrix (reductions and a device sync); false
    /// only where the caller has checked them (the engines check their batches on the host).</param>
    /// <param name="gradientScale">c: the gradients returned are those of c·J (SGD passes −stepSize); the loss stays J.</param>
    public StepGradients Forward(Tensor centerVectors, Tensor outsideVectors, Tensor inputs, Tensor inputMask, Tensor targets, Tensor? negatives,
        bool checkIndices = true, double gradientScale = 1)
    {
        CheckInputs(centerVectors, outsideVectors, inputs, inputMask, targets);
        if (checkIndices) Validate.IndicesInRange(centerVectors.size(0), nameof(centerVectors), (inputs, nameof(inputs)));
        var (B, W, d) = (inputs.size(0), inputs.size(1), centerVectors.size(1));

        using var scope = torch.NewDisposeScope();
        var centerRows = inputs.reshape(B * W).clone();                                  // x_bw, flattened
        var inputVectors = centerVectors.index_select(0, centerRows);                    // v_{x_bw}   [B·W,d]
        var weights = inputMask;                                                         // a_bw = m_bw
        if (_combine == ContextCombine.Mean)
            weights = inputMask.div(inputMask.sum(dim: 1, keepdim: true).clamp_min(Held.One));  // a_bw = m_bw / Σ_w' m_bw'
        // h_b = Σ_w a_bw v_{x_bw}  [B,d]; with one input (skip-gram) the sum is the one term.
        var hidden = W == 1 ? inputVectors.mul(weights) : inputVectors.reshape(B, W, d).mul(weights.unsqueeze(2)).sum(dim: 1);

        var output = _loss.Forward(hidden, targets, outsideVectors, negatives, checkIndices, gradientScale);   // its tensors are in this scope
        var centerRowGrads = W == 1                                                      // a_bw ∂J/∂h_b  [B·W,d]
            ? output.GradHidden.mul(weights)
            : weights.unsqueeze(2).mul(output.GradHidden.unsqueeze(1)).reshape(B * W, d);
        return new StepGradients(
            output.Loss.MoveToOuterDisposeScope(), output.PerExampleLoss.MoveToOuterDisposeScope(),
            centerRows.MoveToOuterDisposeScope(), centerRowGrads.MoveToOuterDisposeScope(),
            output.OutsideRows.MoveToOuterDisposeScope(), output.OutsideRowGrads.MoveToOuterDisposeScope(),
            inputMask.reshape(B * W).MoveToOuterDisposeScope(), output.OutsideRowWeights?.MoveToOuterDisposeScope());   // padding slots: weight 0
    }

    /// <summary>The shapes, dtypes and devices <see cref="IArchitecture.Forward"/> takes (the indices are checked apart).</summary>
    internal static void CheckInputs(Tensor centerVectors, Tensor outsideVectors, Tensor inputs, Tensor inputMask, Tensor targets)
    {
        Validate.Floating(centerVectors, nameof(centerVectors), 2);
        Validate.Indices(inputs, nameof(inputs), 2);
        Validate.NonEmpty(inputs, nameof(inputs), 0, "the batch size B");
        Validate.NonEmpty(inputs, nameof(inputs), 1, "the window width W");
        Validate.SameDevice(inputs, nameof(inputs), centerVectors, nameof(centerVectors));
        Validate.NotNull(inputMask, nameof(inputMask));
        if (inputMask.ndim != 2 || inputMask.size(0) != inputs.size(0) || inputMask.size(1) != inputs.size(1))
            throw new ArgumentException($"inputMask has shape {Validate.Shape(inputMask)}; it must have the shape of inputs, {Validate.Shape(inputs)}.", nameof(inputMask));
        Validate.SameDtype(inputMask, nameof(inputMask), centerVectors, nameof(centerVectors));
        Validate.SameDevice(inputMask, nameof(inputMask), centerVectors, nameof(centerVectors));
        Validate.Floating(outsideVectors, nameof(outsideVectors), 2);
        Validate.SameDtype(outsideVectors, nameof(outsideVectors), centerVectors, nameof(centerVectors));
        Validate.Size(outsideVectors, nameof(outsideVectors), 1, centerVectors.size(1), "the vector size d of centerVectors");
        Validate.Indices(targets, nameof(targets), 1);
        Validate.Size(targets, nameof(targets), 0, inputs.size(0), "the batch size B of inputs");
    }
}
