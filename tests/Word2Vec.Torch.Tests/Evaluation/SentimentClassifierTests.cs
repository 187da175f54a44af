using TorchSharp;
using Word2Vec.Torch.Backend;
using Word2Vec.Torch.Evaluation;
using Word2Vec.Torch.Objective.GradientChecking;
using static TorchSharp.torch;

namespace Word2Vec.Torch.Tests.Evaluation;

public class SentimentClassifierTests
{
    [Fact]
    public void AllSentimentGradientChecksPass()
    {
        var rows = SentimentGradientChecks.RunAll(seed: 42);
        Assert.Equal(10, rows.Count); // W, b; and W1, b1, W2, b2 for sigmoid and for ReLU
        Assert.Equal(3, rows.Select(r => r.Case).Distinct().Count());
        Assert.All(rows, r =>
        {
            Assert.True(r.Passed, r.ToString());
            Assert.True(r.MaxRelDiffAutograd <= GradientChecker.AutogradTolerance, r.ToString());
            Assert.True(r.FiniteDifferenceRelError <= GradientChecker.FiniteDifferenceTolerance, r.ToString());
            Assert.True(r.FiniteDifferenceEntries > 0);
        });
    }

    [Theory]
    [InlineData(1L)]
    [InlineData(7L)]
    public void ManualGradientsEqualAutogradForOtherSeeds(long seed)
    {
        Assert.All(SentimentGradientChecks.RunAll(seed), r => Assert.True(r.Passed, r.ToString()));
    }

    [Fact]
    public void AWrongGradientIsCaught()
    {
        // The checker must be able to fail: drop the regularisation term from ∂J/∂W.
        var rows = SentimentGradientChecks.Check(new BrokenRegression(), seed: 3);
        Assert.Contains(rows, r => r.Parameter == "W" && !r.Passed);
    }

    private sealed class BrokenRegression : ISentimentClassifier
    {
        private readonly SoftmaxRegression _inner = new();
        public string Name => "broken";
        public IReadOnlyList<string> ParameterNames => _inner.ParameterNames;
        public IReadOnlyList<Tensor> Initialize(long inputs, long classes, Generator generator, ScalarType dtype, Device device) =>
            _inner.Initialize(inputs, classes, generator, dtype, device);
        public Tensor Scores(IReadOnlyList<Tensor> parameters, Tensor x) => _inner.Scores(parameters, x);
        public (Tensor Loss, IReadOnlyList<Tensor> Gradients) LossAndGradients(IReadOnlyList<Tensor> parameters, Tensor x, Tensor labels, double lambda)
        {
            var (loss, g) = _inner.LossAndGradients(parameters, x, labels, lambda);
            using var l = lambda.ToScalar();
            return (loss, new[] { g[0].sub(parameters[0].mul(l)), g[1] });
        }
    }

    [Fact]
    public void CrossEntropyMatchesItsDefinition()
    {
        using var scope = NewDisposeScope();
        var scores = tensor(new[] { 1.0, 2.0, 0.5, 0.0, 0.0, 3.0 }, new long[] { 2, 3 });
        var labels = tensor(new long[] { 1, 2 });
        var (loss, delta) = SoftmaxCrossEntropy.Compute(scores, labels);
        double Lse(double[] s) => Math.Log(s.Sum(Math.Exp));
        var expected = ((Lse(new[] { 1.0, 2.0, 0.5 }) - 2.0) + (Lse(new[] { 0.0, 0.0, 3.0 }) - 3.0)) / 2;
        Assert.Equal(expected, loss.item<double>(), 12);
        var d = delta.data<double>().ToArray();
        Assert.Equal(0.0, d[0] + d[1] + d[2], 12); // rows of Ŷ − Y sum to zero
        Assert.True(d[1] < 0 && d[5] < 0);
    }

    /// <summary>Two Gaussian blobs per class, far apart: linearly separable.</summary>
    private static (Tensor X, long[] Y) Separable(int perClass, int classes, int dims, int seed)
    {
        var random = new Random(seed);
        var x = new List<double>();
        var y = new List<long>();
        for (var c = 0; c < classes; c++)
            for (var i = 0; i < perClass; i++)
            {
                for (var j = 0; j < dims; j++) x.Add((j == c ? 4.0 : 0.0) + (random.NextDouble() - 0.5));
                y.Add(c);
            }
        return (tensor(x.ToArray(), new long[] { perClass * classes, dims }, ScalarType.Float32), y.ToArray());
    }

    public static IEnumerable<object[]> Models() => new[]
    {
        new object[] { new SoftmaxRegression(), SentimentOptimizer.GradientDescent, 0 },
        new object[] { new SoftmaxRegression(), SentimentOptimizer.Adam, 16 },
        new object[] { new OneHiddenLayerNetwork(8, HiddenActivation.Sigmoid), SentimentOptimizer.Adam, 0 },
        new object[] { new OneHiddenLayerNetwork(8, HiddenActivation.Relu), SentimentOptimizer.Adam, 16 },
    };

    [Theory]
    [MemberData(nameof(Models))]
    public void ClassifiersReachHundredPercentOnSeparableData(ISentimentClassifier model, SentimentOptimizer optimizer, int batch)
    {
        var (x, y) = Separable(perClass: 30, classes: 3, dims: 4, seed: 5);
        using (x)
        {
            var options = new SentimentTrainingOptions(Epochs: 100, LearningRate: optimizer == SentimentOptimizer.Adam ? 0.05 : 0.5, BatchSize: batch, Optimizer: optimizer);
            using var trained = SentimentTrainer.Train(model, x, y, 3, lambda: 1e-4, options);
            Assert.Equal(1.0, trained.Accuracy(x, y));
            Assert.True(trained.FinalLoss < 0.5, $"loss {trained.FinalLoss}");
        }
    }

    [Fact]
    public void TrainingIsDeterministic()
    {
        var (x, y) = Separable(perClass: 10, classes: 2, dims: 3, seed: 1);
        using (x)
        {
            var options = new SentimentTrainingOptions(Epochs: 5, BatchSize: 4, Seed: 9);
            var model = new OneHiddenLayerNetwork(5, HiddenActivation.Relu);
            using var a = SentimentTrainer.Train(model, x, y, 2, 1e-3, options);
            using var b = SentimentTrainer.Train(model, x, y, 2, 1e-3, options);
            for (var i = 0; i < a.Parameters.Count; i++)
                Assert.Equal(a.Parameters[i].data<float>().ToArray(), b.Parameters[i].data<float>().ToArray());
            using var c = SentimentTrainer.Train(model, x, y, 2, 1e-3, options with { Seed = 10 });
            Assert.NotEqual(a.Parameters[0].data<float>().ToArray(), c.Parameters[0].data<float>().ToArray());
        }
    }
}
