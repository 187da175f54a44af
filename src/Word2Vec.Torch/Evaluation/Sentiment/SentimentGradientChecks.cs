using TorchSharp;
using Word2Vec.Torch.Objective.GradientChecking;
using static TorchSharp.torch;

namespace Word2Vec.Torch.Evaluation;

/// <summary>
/// Gradient checks of the sentiment classifiers (softmax regression; the one-hidden-layer
/// network with sigmoid and with ReLU): their hand-derived gradients against autograd and
/// centred finite differences, in float64, at a random point with λ &gt; 0.
/// </summary>
public static class SentimentGradientChecks
{
    private const int Rows = 8, Inputs = 6, Classes = 5, Hidden = 7;
    private const double Lambda = 0.3;

    public static IReadOnlyList<GradCheckRow> RunAll(long seed)
    {
        var classifiers = new ISentimentClassifier[]
        {
            new SoftmaxRegression(),
            new OneHiddenLayerNetwork(Hidden, HiddenActivation.Sigmoid),
            new OneHiddenLayerNetwork(Hidden, HiddenActivation.Relu),
        };
        var rows = new List<GradCheckRow>();
        foreach (var classifier in classifiers) rows.AddRange(Check(classifier, seed));
        return rows;
    }

    /// <summary>Checks one classifier at a seeded random point (all parameters, biases included, ~ N(0, 1)).</summary>
    public static IReadOnlyList<GradCheckRow> Check(ISentimentClassifier classifier, long seed)
    {
        ArgumentNullException.ThrowIfNull(classifier);
        using var scope = torch.NewDisposeScope();
        using var generator = new Generator((ulong)seed);
        var x = randn(Rows, Inputs, ScalarType.Float64, generator: generator);
        var labels = randint(0, Classes, new long[] { Rows }, ScalarType.Int64, generator: generator);
        var shapes = classifier.Initialize(Inputs, Classes, generator, ScalarType.Float64, CPU).Select(p => p.shape).ToList();
        var point = shapes.Select(s => randn(s, ScalarType.Float64, generator: generator)).ToList();
        return GradientChecker.Check($"sentiment {classifier.Name}", classifier.ParameterNames, point,
            ps => classifier.LossAndGradients(ps, x, labels, Lambda));
    }
}
