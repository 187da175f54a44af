using TorchSharp;
using Word2Vec.Torch.Backend;
using static TorchSharp.torch;

namespace Word2Vec.Torch.Evaluation;

/// <summary>
/// Softmax regression with L2 regularisation (biases not regularised):
///   scores = XW + b,   J = (1/N) Σ −log softmax(XW + b)_y + (λ/2)‖W‖²,
///   ∂J/∂W = Xᵀ(Ŷ − Y)/N + λW,   ∂J/∂b = Σᵢ (Ŷ − Y)ᵢ / N.
/// Parameters: W [d, C], b [C].
/// </summary>
public sealed class SoftmaxRegression : ISentimentClassifier
{
    public string Name => "softmax regression";

    public IReadOnlyList<string> ParameterNames { get; } = new[] { "W", "b" };

    /// <summary>W ~ N(0, 1/d) (seeded), b = 0.</summary>
    public IReadOnlyList<Tensor> Initialize(long inputs, long classes, Generator generator, ScalarType dtype, Device device)
    {
        using var scale = (1.0 / Math.Sqrt(inputs)).ToScalar();
        var w = randn(inputs, classes, ScalarType.Float64, generator: generator).mul(scale).to(dtype, device);
        var b = zeros(classes, dtype, device);
        return new[] { w, b };
    }

    public Tensor Scores(IReadOnlyList<Tensor> parameters, Tensor x) => x.mm(parameters[0]).add(parameters[1], Held.One);

    public (Tensor Loss, IReadOnlyList<Tensor> Gradients) LossAndGradients(IReadOnlyList<Tensor> parameters, Tensor x, Tensor labels, double lambda)
    {
        var w = parameters[0];
        var scores = Scores(parameters, x);                                    // XW + b
        var (crossEntropy, delta) = SoftmaxCrossEntropy.Compute(scores, labels); // δ = (Ŷ − Y)/N
        using var l = lambda.ToScalar();
        using var halfL = (lambda / 2).ToScalar();
        var loss = crossEntropy.add(w.mul(w).sum().mul(halfL), Held.One);     // + (λ/2)‖W‖²
        var gradW = x.t().mm(delta).add(w.mul(l), Held.One);                   // Xᵀδ + λW
        var gradB = delta.sum(dim: 0);                                         // Σᵢ δᵢ
        return (loss, new[] { gradW, gradB });
    }
}
