using TorchSharp;
using Word2Vec.Torch.Backend;
using static TorchSharp.torch;

namespace Word2Vec.Torch.Evaluation;

/// <summary>Plain gradient descent: θ ← θ − η g, in place.</summary>
public sealed class GradientDescentOptimizer : IParameterOptimizer
{
    private readonly IReadOnlyList<Tensor> _parameters;
    private readonly double _learningRate;

    public GradientDescentOptimizer(IReadOnlyList<Tensor> parameters, double learningRate)
    {
        _parameters = parameters;
        _learningRate = learningRate;
    }

    public void Step(IReadOnlyList<Tensor> gradients)
    {
        using var noGrad = torch.no_grad();
        using var minusLr = (-_learningRate).ToScalar();
        for (var i = 0; i < _parameters.Count; i++)
            _parameters[i].add_(gradients[i], minusLr);
    }

    public void Dispose() { }
}
