namespace Word2Vec.Torch.Evaluation;

/// <summary>How the sentiment classifiers' parameters are found (all written by hand).</summary>
public enum SentimentOptimizer
{
    /// <summary>Full-batch L-BFGS until the gradient or the objective stops changing (<see cref="LbfgsMinimizer"/>): the default.</summary>
    Lbfgs,

    /// <summary>θ ← θ − η g, a fixed number of epochs.</summary>
    GradientDescent,

    /// <summary>Adam (Kingma &amp; Ba 2015), β₁ = 0.9, β₂ = 0.999, ε = 1e-8, a fixed number of epochs.</summary>
    Adam,
}

/// <summary>
/// Deterministic training: seeded initialisation; L-BFGS to convergence (<see cref="MaxIterations"/>,
/// <see cref="GradientTolerance"/>, <see cref="ObjectiveTolerance"/>), or a fixed number of epochs of
/// gradient descent or Adam, full-batch (<see cref="BatchSize"/> ≤ 0) or minibatches in a seeded
/// shuffled order (<see cref="Epochs"/>, <see cref="LearningRate"/>).
/// </summary>
public sealed record SentimentTrainingOptions(
    SentimentOptimizer Optimizer = SentimentOptimizer.Lbfgs,
    int Epochs = 300,
    double LearningRate = 0.01,
    int BatchSize = 0,
    long Seed = 1234,
    int MaxIterations = 2000,
    double GradientTolerance = 1e-6,
    double ObjectiveTolerance = 1e-12);
