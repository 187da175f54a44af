namespace Word2Vec.Torch.Evaluation;

/// <summary>The hidden layer's non-linearity.</summary>
public enum HiddenActivation
{
    /// <summary>σ(z) = 1 / (1 + e^−z), σ'(z) = σ(z)(1 − σ(z)).</summary>
    Sigmoid,

    /// <summary>ReLU(z) = max(z, 0), ReLU'(z) = 1[z &gt; 0].</summary>
    Relu,
}
