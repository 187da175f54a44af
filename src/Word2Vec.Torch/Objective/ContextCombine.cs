namespace Word2Vec.Torch.Objective;

/// <summary>
/// How CBOW combines its context words' vectors v_w (w in the window, n of them) into the hidden vector:
/// <code>
///   Sum:  h = Σ_w v_w          ∂J/∂v_w = ∂J/∂h
///   Mean: h = (1/n) Σ_w v_w    ∂J/∂v_w = ∂J/∂h / n
/// </code>
/// A word that appears twice in the window contributes (and receives gradient) twice.
/// </summary>
public enum ContextCombine
{
    Sum,
    Mean,
}
