using static TorchSharp.torch;

namespace Word2Vec.Torch.Objective.Cs224n;

/// <summary>
/// What a per-pair loss returns (CS224N's <c>loss, gradCenterVec, gradOutsideVecs</c>).
/// Owns its tensors: disposing it frees them.
/// </summary>
public sealed class PairLossGradients : IDisposable
{
    public PairLossGradients(Tensor loss, Tensor gradCenterVec, Tensor gradOutsideVecs)
    {
        Loss = loss;
        GradCenterVec = gradCenterVec;
        GradOutsideVecs = gradOutsideVecs;
    }

    /// <summary>J, a scalar.</summary>
    public Tensor Loss { get; }

    /// <summary>∂J/∂v_c, shape [d].</summary>
    public Tensor GradCenterVec { get; }

    /// <summary>∂J/∂U, shape [V, d] (dense).</summary>
    public Tensor GradOutsideVecs { get; }

    public void Dispose()
    {
        Loss.Dispose();
        GradCenterVec.Dispose();
        GradOutsideVecs.Dispose();
    }
}
