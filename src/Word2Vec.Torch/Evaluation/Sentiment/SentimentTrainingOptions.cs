namespace Word2Vec.Torch.Evaluation;

/// <summary>How the sentiment classifiers' parameters are updated (both written by hand).</summary>
public enum SentimentOptimizer
{
    /// <summary>θ ← θ − η g.</summary>
    GradientDescent,

    /// <summary>Adam (Kingma &amp; Ba 2015), β₁ = 0.9, β₂ = 0.999, ε = 1e-8.</summary>
    Adam,
}

/// <summary>
/// Deterministic training: seeded initialisation, a fixed number of epochs, full-batch
/// (<see cref="BatchSize"/> ≤ 0) or minibatches in a seeded shuffled order.
/// </summary>
public sealed record SentimentTrainingOptions(
    int Epochs = 300,
    double LearningRate = 0.01,
    int BatchSize = 0,
    SentimentOptimizer Optimizer = SentimentOptimizer.Adam,
    long Seed = 1234);
