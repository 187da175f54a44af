using static TorchSharp.torch;

namespace Word2Vec.Torch.Evaluation;

/// <summary>
/// A sentence classifier over feature vectors, written like the word2vec losses: the forward
/// pass with tensor ops and hand-derived gradients computed explicitly (no autograd). The model
/// object holds only hyperparameters; the parameters are passed in, so the same functions serve
/// training and <see cref="Objective.GradientChecking.GradientChecker"/>.
/// </summary>
public interface ISentimentClassifier
{
    /// <summary>A short name for reports, e.g. "softmax regression".</summary>
    string Name { get; }

    /// <summary>The parameters' names, in order (e.g. W, b).</summary>
    IReadOnlyList<string> ParameterNames { get; }

    /// <summary>Seeded initial parameters for <paramref name="inputs"/> features and <paramref name="classes"/> classes.</summary>
    IReadOnlyList<Tensor> Initialize(long inputs, long classes, Generator generator, ScalarType dtype, Device device);

    /// <summary>The class scores [N, C] of features X [N, d].</summary>
    Tensor Scores(IReadOnlyList<Tensor> parameters, Tensor x);

    /// <summary>
    /// J = (1/N) Σ −log softmax(scores)_y + (λ/2) Σ ‖weights‖², and its gradient with respect to
    /// each parameter (same order and shapes).
    /// </summary>
    (Tensor Loss, IReadOnlyList<Tensor> Gradients) LossAndGradients(IReadOnlyList<Tensor> parameters, Tensor x, Tensor labels, double lambda);
}
