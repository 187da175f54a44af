using TorchSharp;
using Word2Vec.Torch.Backend;
using static TorchSharp.torch;

namespace Word2Vec.Torch.Evaluation;

/// <summary>
/// Adam, by hand, in place:
///   m ← β₁m + (1 − β₁)g,   v ← β₂v + (1 − β₂)g²,
///   θ ← θ − η · (m / (1 − β₁ᵗ)) / (√(v / (1 − β₂ᵗ)) + ε).
/// The moment tensors are owned by the optimiser (freed by <see cref="Dispose"/>).
/// </summary>
public sealed class AdamOptimizer : IParameterOptimizer
{
    private readonly IReadOnlyList<Tensor> _parameters;
    private readonly Tensor[] _m;
    private readonly Tensor[] _v;
    private readonly double _learningRate, _beta1, _beta2, _epsilon;
    private int _t;

    public AdamOptimizer(IReadOnlyList<Tensor> parameters, double learningRate, double beta1 = 0.9, double beta2 = 0.999, double epsilon = 1e-8)
    {
        _parameters = parameters;
        _learningRate = learningRate;
        _beta1 = beta1;
        _beta2 = beta2;
        _epsilon = epsilon;
        _m = parameters.Select(p => zeros_like(p).DetachFromDisposeScope()).ToArray();
        _v = parameters.Select(p => zeros_like(p).DetachFromDisposeScope()).ToArray();
    }

    public void Step(IReadOnlyList<Tensor> gradients)
    {
        using var scope = torch.NewDisposeScope();
        using var noGrad = torch.no_grad();
        _t++;
        using var beta1 = _beta1.ToScalar();
        using var oneMinusBeta1 = (1 - _beta1).ToScalar();
        using var beta2 = _beta2.ToScalar();
        using var oneMinusBeta2 = (1 - _beta2).ToScalar();
        using var correction1 = (1 - Math.Pow(_beta1, _t)).ToScalar();
        using var correction2 = (1 - Math.Pow(_beta2, _t)).ToScalar();
        using var epsilon = _epsilon.ToScalar();
        using var lr = _learningRate.ToScalar();
        for (var i = 0; i < _parameters.Count; i++)
        {
            var g = gradients[i];
            _m[i].mul_(beta1).add_(g, oneMinusBeta1);
            _v[i].mul_(beta2).add_(g.mul(g), oneMinusBeta2);
            var step = _m[i].div(correction1).div(_v[i].div(correction2).sqrt().add(epsilon, Held.One));
            _parameters[i].sub_(step.mul(lr));
        }
    }

    public void Dispose()
    {
        foreach (var t in _m.Concat(_v)) t.Dispose();
    }
}
