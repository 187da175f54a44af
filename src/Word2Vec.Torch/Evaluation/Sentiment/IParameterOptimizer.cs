using static TorchSharp.torch;

namespace Word2Vec.Torch.Evaluation;

/// <summary>Updates parameters in place from their gradients.</summary>
public interface IParameterOptimizer : IDisposable
{
    /// <summary>One update; <paramref name="gradients"/> match the parameters in order and shape.</summary>
    void Step(IReadOnlyList<Tensor> gradients);
}
