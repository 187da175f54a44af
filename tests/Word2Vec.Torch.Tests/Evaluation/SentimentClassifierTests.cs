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

/// <summary>Training to convergence: the objective's known optimum, the standardised features, the majority baseline.</summary>
public class SentimentConvergenceTests
{
    [Fact]
    public void LbfgsReachesTheOptimumOfAProblemWhoseOptimumIsKnown()
    {
        // One-hot features of 3 groups, each with its own class distribution p_g over 3 classes (all
        // classes present): unregularised, softmax(W_g + b) = p_g is optimal and J* = Σ_g (n_g/N) H(p_g).
        int[][] countsPerGroup = [[6, 3, 1], [1, 1, 8], [2, 5, 3]];
        var rows = new List<double[]>();
        var classes = new List<long>();
        for (var g = 0; g < 3; g++)
            for (var c = 0; c < 3; c++)
                for (var k = 0; k < countsPerGroup[g][c]; k++)
                {
                    rows.Add(Enumerable.Range(0, 3).Select(j => j == g ? 1.0 : 0.0).ToArray());
                    classes.Add(c);
                }
        var n = rows.Count;
        var optimum = countsPerGroup.Sum(group => group.Sum(k => -k * Math.Log((double)k / group.Sum()))) / n;
        using var x = torch.tensor(rows.SelectMany(r => r).ToArray(), new long[] { n, 3 });
        using var trained = SentimentTrainer.Train(new SoftmaxRegression(), x, classes, 3, 0, new SentimentTrainingOptions(GradientTolerance: 1e-9));
        Assert.NotNull(trained.Minimization);
        Assert.True(trained.Minimization!.Converged, trained.Minimization.ToString());
        Assert.Equal(optimum, trained.FinalLoss, 8);
        // Adam's fixed 20 epochs from the same start stop well short of it: the stopping rule is what gets there.
        using var adam = SentimentTrainer.Train(new SoftmaxRegression(), x, classes, 3, 0, new SentimentTrainingOptions(SentimentOptimizer.Adam, Epochs: 20, LearningRate: 0.01));
        Assert.True(adam.FinalLoss > optimum + 1e-3, $"Adam {adam.FinalLoss} vs the optimum {optimum}");
        Assert.Null(adam.Minimization);
    }

    [Fact]
    public void StandardisedTrainingFeaturesHaveMeanZeroAndDeviationOne()
    {
        using var scope = torch.NewDisposeScope();
        // Averaged word vectors' shape: a large mean and a small spread; the last column constant.
        var rng = new Random(2);
        var values = Enumerable.Range(0, 200).SelectMany(_ => new[] { 0.49 + 0.027 * (rng.NextDouble() - 0.5), -0.3 + 0.01 * rng.NextDouble(), 0.7 }).ToArray();
        var train = torch.tensor(values, new long[] { 200, 3 });
        using var standardizer = FeatureStandardizer.Fit(train);
        var z = standardizer.Apply(train);
        var mean = z.mean(new long[] { 0 }).data<double>().ToArray();
        var std = z.std(0, unbiased: false).data<double>().ToArray();
        Assert.Equal(0, mean[0], 10);
        Assert.Equal(1, std[0], 10);
        Assert.Equal(1, std[1], 10);
        Assert.Equal(0, mean[2], 10);   // constant: centred, not scaled
        Assert.Equal(0, std[2], 10);
        // Dev and test rows are scaled with train's statistics, not their own.
        var other = standardizer.Apply(torch.tensor(new[] { 0.49, -0.3, 0.7 }, new long[] { 1, 3 })).data<double>().ToArray();
        Assert.InRange(other[0], -0.3, 0.3);
        Assert.True(other[1] < -1);
    }

    [Fact]
    public void TheMajorityBaselineAnswersTrainsMostFrequentClass()
    {
        var m = MajorityBaseline.Of(SentimentTask.FiveClass, [3, 3, 1, 3, 0], [3, 1], [2, 2, 3, 4]);
        Assert.Equal("positive", m.ClassName);
        Assert.Equal(0.6, m.TrainAccuracy, 12);
        Assert.Equal(0.5, m.DevAccuracy, 12);
        Assert.Equal(0.25, m.TestAccuracy, 12);
        Assert.Equal("negative", MajorityBaseline.Of(SentimentTask.Binary, [1, 0, 0, 1], [0], [1]).ClassName);   // a tie: the lower class
    }
}
