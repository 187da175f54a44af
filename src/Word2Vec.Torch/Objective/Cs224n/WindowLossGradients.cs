using static TorchSharp.torch;

namespace Word2Vec.Torch.Objective.Cs224n;

/// <summary>
/// What a window function returns (CS224N's <c>loss, gradCenterVecs, gradOutsideVectors</c>).
/// Owns its tensors: disposing it frees them.
/// </summary>
public sealed class WindowLossGradients : IDisposable
{
    public WindowLossGradients(Tensor loss, Tensor gradCenterVecs, Tensor gradOutsideVectors)
    {
        Loss = loss;
        GradCenterVecs = gradCenterVecs;
        GradOutsideVectors = gradOutsideVectors;
    }

    /// <summary>J of the window, a scalar.</summary>
    public Tensor Loss { get; }

    /// <summary>∂J/∂centerWordVectors, [V, d] dense (non-zero only on the rows the window used).</summary>
    public Tensor GradCenterVecs { get; }

    /// <summary>∂J/∂outsideVectors, [V, d] dense.</summary>
    public Tensor GradOutsideVectors { get; }

    public void Dispose()
    {
        Loss.Dispose();
        GradCenterVecs.Dispose();
        GradOutsideVectors.Dispose();
    }
}
