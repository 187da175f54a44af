using TorchSharp;
using static TorchSharp.torch;

namespace Word2Vec.Torch.Evaluation;

/// <summary>
/// Trains an <see cref="ISentimentClassifier"/> with its hand-derived gradients from seeded
/// parameters: full-batch L-BFGS until it converges (the default), or a fixed number of epochs of
/// full-batch or minibatch gradient descent or Adam (seeded order). The same seed and data give
/// the same parameters.
/// </summary>
public static class SentimentTrainer
{
    /// <param name="classifier">The classifier.</param>
    /// <param name="features">X [N, d]; its dtype and device are the parameters'.</param>
    /// <param name="classes">y, N classes in 0 … <paramref name="classCount"/>−1.</param>
    /// <param name="classCount">C.</param>
    /// <param name="lambda">L2 strength λ.</param>
    /// <param name="options">The optimiser and its stopping rule or epochs, the seed.</param>
    public static TrainedSentimentClassifier Train(ISentimentClassifier classifier, Tensor features, IReadOnlyList<long> classes, int classCount, double lambda, SentimentTrainingOptions options)
    {
        ArgumentNullException.ThrowIfNull(classifier);
        ArgumentNullException.ThrowIfNull(features);
        ArgumentNullException.ThrowIfNull(options);
        var n = (int)features.shape[0];
        if (classes.Count != n) throw new ArgumentException($"{classes.Count} classes for {n} rows.", nameof(classes));
        if (n == 0) throw new ArgumentException("No training rows.", nameof(features));
        if (classes.Any(c => c < 0 || c >= classCount))
            throw new ArgumentOutOfRangeException(nameof(classes), $"classes must be in 0 … {classCount - 1}.");

        using var scope = torch.NewDisposeScope();
        using var noGrad = torch.no_grad();
        var device = features.device;
        var labels = tensor(classes.ToArray(), device: device);
        using var generator = new Generator((ulong)options.Seed);
        var parameters = classifier.Initialize(features.shape[1], classCount, generator, features.dtype, device)
            .Select(p => p.contiguous().DetachFromDisposeScope()).ToList();
        try
        {
            if (options.Optimizer == SentimentOptimizer.Lbfgs)
            {
                var result = Minimize(classifier, parameters, features, labels, lambda, options);
                return new TrainedSentimentClassifier(classifier, parameters, lambda, result.Objective, result);
            }
            using var optimizer = options.Optimizer == SentimentOptimizer.Adam
                ? (IParameterOptimizer)new AdamOptimizer(parameters, options.LearningRate)
                : new GradientDescentOptimizer(parameters, options.LearningRate);
            var batch = options.BatchSize <= 0 || options.BatchSize >= n ? n : options.BatchSize;
            var random = new Random(unchecked((int)options.Seed));
            var order = Enumerable.Range(0, n).Select(i => (long)i).ToArray();

            for (var epoch = 0; epoch < options.Epochs; epoch++)
            {
                if (batch == n)
                {
                    using var stepScope = torch.NewDisposeScope();
                    optimizer.Step(classifier.LossAndGradients(parameters, features, labels, lambda).Gradients);
                    continue;
                }
                random.Shuffle(order);
                for (var start = 0; start < n; start += batch)
                {
                    using var stepScope = torch.NewDisposeScope();
                    var rows = tensor(order.AsSpan(start, Math.Min(batch, n - start)).ToArray(), device: device);
                    var (_, gradients) = classifier.LossAndGradients(parameters, features.index_select(0, rows), labels.index_select(0, rows), lambda);
                    optimizer.Step(gradients);
                }
            }

            var finalLoss = classifier.LossAndGradients(parameters, features, labels, lambda).Loss.to(ScalarType.Float64).cpu().item<double>();
            return new TrainedSentimentClassifier(classifier, parameters, lambda, finalLoss, null);
        }
        catch
        {
            foreach (var p in parameters) p.Dispose();
            throw;
        }
    }

    /// <summary>L-BFGS over all parameters as one vector θ (float64 on the host, the parameters' own
    /// dtype and device for J and ∇J); the parameters are left at the end point.</summary>
    private static MinimizationResult Minimize(ISentimentClassifier classifier, List<Tensor> parameters, Tensor features, Tensor labels, double lambda,
        SentimentTrainingOptions options)
    {
        var shapes = parameters.Select(p => p.shape).ToArray();
        var sizes = parameters.Select(p => (int)p.numel()).ToArray();
        void Load(double[] theta)
        {
            var at = 0;
            for (var i = 0; i < parameters.Count; i++)
            {
                using var values = tensor(theta.AsSpan(at, sizes[i]).ToArray(), shapes[i], ScalarType.Float64);
                parameters[i].copy_(values);
                at += sizes[i];
            }
        }
        double[] Flatten(IEnumerable<Tensor> tensors) =>
            tensors.SelectMany(t => t.to(ScalarType.Float64).cpu().contiguous().data<double>().ToArray()).ToArray();

        (double, double[]) Objective(double[] theta)
        {
            using var scope = torch.NewDisposeScope();
            Load(theta);
            var (loss, gradients) = classifier.LossAndGradients(parameters, features, labels, lambda);
            return (loss.to(ScalarType.Float64).cpu().item<double>(), Flatten(gradients));
        }

        var start = Flatten(parameters);
        var (end, result) = LbfgsMinimizer.Minimize(Objective, start, options.MaxIterations, options.GradientTolerance, options.ObjectiveTolerance);
        Load(end);
        return result;
    }
}
