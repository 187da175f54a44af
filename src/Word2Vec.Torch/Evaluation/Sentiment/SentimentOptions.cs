namespace Word2Vec.Torch.Evaluation;

/// <summary>A classifier to evaluate and how to train it.</summary>
public sealed record SentimentClassifierSpec(ISentimentClassifier Classifier, SentimentTrainingOptions Training);

/// <summary>
/// What the sentiment evaluation runs: the tasks, the classifiers, and the grid of L2 strengths
/// λ from which each classifier's is chosen on the dev set.
/// </summary>
public sealed record SentimentOptions
{
    /// <summary>Softmax regression and a 50-unit ReLU network, each trained by L-BFGS until it converges
    /// (the network's objective is not convex: it converges to a local optimum; at most 500 iterations).</summary>
    public static IReadOnlyList<SentimentClassifierSpec> DefaultModels { get; } = new[]
    {
        new SentimentClassifierSpec(new SoftmaxRegression(), new SentimentTrainingOptions()),
        new SentimentClassifierSpec(new OneHiddenLayerNetwork(50, HiddenActivation.Relu), new SentimentTrainingOptions(MaxIterations: 500)),
    };

    public static IReadOnlyList<double> DefaultLambdas { get; } = new[] { 0.0, 1e-4, 1e-3, 1e-2, 1e-1 };

    public IReadOnlyList<SentimentTask> Tasks { get; init; } = new[] { SentimentTask.FiveClass, SentimentTask.Binary };

    public IReadOnlyList<SentimentClassifierSpec> Models { get; init; } = DefaultModels;

    /// <summary>Standardise the features on the training split's mean and deviation (<see cref="FeatureStandardizer"/>).</summary>
    public bool Standardize { get; init; } = true;

    /// <summary>The λ grid; ties on dev accuracy go to the earlier λ.</summary>
    public IReadOnlyList<double> Lambdas { get; init; } = DefaultLambdas;
}
