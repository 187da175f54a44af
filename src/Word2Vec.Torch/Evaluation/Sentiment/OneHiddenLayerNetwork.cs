using TorchSharp;
using Word2Vec.Torch.Backend;
using static TorchSharp.torch;

namespace Word2Vec.Torch.Evaluation;

/// <summary>
/// A network with one hidden layer and L2 regularisation of the weights:
///   z₁ = XW₁ + b₁,  a = f(z₁),  scores = aW₂ + b₂,
///   J = (1/N) Σ −log softmax(scores)_y + (λ/2)(‖W₁‖² + ‖W₂‖²).
/// Backward pass, by hand:
///   δ₂ = (Ŷ − Y)/N,           ∂W₂ = aᵀδ₂ + λW₂,   ∂b₂ = Σᵢ δ₂ᵢ,
///   δ₁ = δ₂W₂ᵀ ∘ f'(z₁),      ∂W₁ = Xᵀδ₁ + λW₁,   ∂b₁ = Σᵢ δ₁ᵢ,
/// with σ' = σ(1 − σ) and ReLU' = 1[z &gt; 0].
/// Parameters: W₁ [d, H], b₁ [H], W₂ [H, C], b₂ [C].
/// </summary>
public sealed class OneHiddenLayerNetwork : ISentimentClassifier
{
    public OneHiddenLayerNetwork(int hidden, HiddenActivation activation)
    {
        if (hidden < 1) throw new ArgumentOutOfRangeException(nameof(hidden), hidden, "The hidden layer needs at least one unit.");
        Hidden = hidden;
        Activation = activation;
    }

    public int Hidden { get; }

    public HiddenActivation Activation { get; }

    public string Name => $"network ({Hidden} {(Activation == HiddenActivation.Relu ? "ReLU" : "sigmoid")})";

    public IReadOnlyList<string> ParameterNames { get; } = new[] { "W1", "b1", "W2", "b2" };

    /// <summary>Weights ~ N(0, 2/(fan_in + fan_out)) (Glorot, seeded), biases 0.</summary>
    public IReadOnlyList<Tensor> Initialize(long inputs, long classes, Generator generator, ScalarType dtype, Device device)
    {
        using var scale1 = Math.Sqrt(2.0 / (inputs + Hidden)).ToScalar();
        using var scale2 = Math.Sqrt(2.0 / (Hidden + classes)).ToScalar();
        var w1 = randn(inputs, Hidden, ScalarType.Float64, generator: generator).mul(scale1).to(dtype, device);
        var w2 = randn(Hidden, classes, ScalarType.Float64, generator: generator).mul(scale2).to(dtype, device);
        return new[] { w1, zeros(Hidden, dtype, device), w2, zeros(classes, dtype, device) };
    }

    public Tensor Scores(IReadOnlyList<Tensor> parameters, Tensor x) => Forward(parameters, x).Scores;

    private (Tensor Z1, Tensor A, Tensor Scores) Forward(IReadOnlyList<Tensor> p, Tensor x)
    {
        var z1 = x.mm(p[0]).add(p[1], Held.One);        // z₁ = XW₁ + b₁
        var a = F(z1);                                   // a = f(z₁)
        var scores = a.mm(p[2]).add(p[3], Held.One);     // aW₂ + b₂
        return (z1, a, scores);
    }

    public (Tensor Loss, IReadOnlyList<Tensor> Gradients) LossAndGradients(IReadOnlyList<Tensor> parameters, Tensor x, Tensor labels, double lambda)
    {
        var (w1, w2) = (parameters[0], parameters[2]);
        var (z1, a, scores) = Forward(parameters, x);
        var (crossEntropy, delta2) = SoftmaxCrossEntropy.Compute(scores, labels);          // δ₂ = (Ŷ − Y)/N
        using var l = lambda.ToScalar();
        using var halfL = (lambda / 2).ToScalar();
        var loss = crossEntropy.add(w1.mul(w1).sum().add(w2.mul(w2).sum(), Held.One).mul(halfL), Held.One);

        var gradW2 = a.t().mm(delta2).add(w2.mul(l), Held.One);                         // aᵀδ₂ + λW₂
        var gradB2 = delta2.sum(dim: 0);                                                  // Σᵢ δ₂ᵢ
        var delta1 = delta2.mm(w2.t()).mul(FPrime(z1, a));                                // δ₂W₂ᵀ ∘ f'(z₁)
        var gradW1 = x.t().mm(delta1).add(w1.mul(l), Held.One);                         // Xᵀδ₁ + λW₁
        var gradB1 = delta1.sum(dim: 0);                                                  // Σᵢ δ₁ᵢ
        return (loss, new[] { gradW1, gradB1, gradW2, gradB2 });
    }

    private Tensor F(Tensor z) => Activation == HiddenActivation.Relu ? z.relu() : z.sigmoid();

    /// <summary>f'(z₁), from z₁ or from a = f(z₁).</summary>
    private Tensor FPrime(Tensor z, Tensor a) => Activation == HiddenActivation.Relu
        ? z.gt(Held.Zero).to(z.dtype)                     // 1[z > 0]
        : a.mul(a.neg().add(Held.One, Held.One));         // σ(1 − σ)
}
