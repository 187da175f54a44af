using TorchSharp;
using Word2Vec.Torch.Backend;
using Word2Vec.Torch.Objective.Cs224n;
using Word2Vec.Torch.Objective;
using static TorchSharp.torch;
using static Word2Vec.Torch.Tests.Objective.ObjectiveTestData;

namespace Word2Vec.Torch.Tests.Objective;

public class Word2VecArchitectureTests
{
    private static IOutputLoss Loss(bool negativeSampling) => negativeSampling ? new NegativeSamplingLoss() : new NaiveSoftmaxLoss();

    public static TheoryData<ContextCombine, bool, int, int, int> GradCheckCases => new()
    {
        // combine, negative sampling, B, V, W (W = 1: skip-gram)
        { ContextCombine.Sum, false, 3, 5, 1 },
        { ContextCombine.Sum, true, 3, 5, 1 },
        { ContextCombine.Sum, true, 1, 2, 1 },      // B = 1, a vocabulary of 2
        { ContextCombine.Sum, false, 4, 6, 3 },
        { ContextCombine.Sum, true, 4, 6, 3 },
        { ContextCombine.Mean, false, 4, 6, 3 },
        { ContextCombine.Mean, true, 4, 6, 3 },
        { ContextCombine.Mean, true, 1, 2, 4 },
    };

    [Theory]
    [MemberData(nameof(GradCheckCases))]
    public void GradientsMatchAutogradAndFiniteDifferences(ContextCombine combine, bool negativeSampling, int B, int V, int W)
    {
        using var scope = torch.NewDisposeScope();
        var rng = new Random(B * 31 + V * 7 + W);
        const int d = 3, K = 4;                                          // K > V when V = 2
        var inputs = torch.tensor(RandomIndices(rng, B * W, V), new long[] { B, W });
        var mask = torch.tensor(Enumerable.Range(0, B * W).Select(i => i % W <= (i / W) % W ? 1.0 : 0.0).ToArray(), new long[] { B, W });
        var targets = torch.tensor(RandomIndices(rng, B, V));
        var negatives = torch.tensor(RandomIndices(rng, B * K, V), new long[] { B, K });
        var architecture = new Word2VecArchitecture(combine, Loss(negativeSampling));
        AssertGradientsCorrect($"architecture {combine} W={W} ({(negativeSampling ? "NS" : "softmax")})",
            new[] { "centerVectors", "outsideVectors" },
            new[] { Uniform(rng, new long[] { V, d }), Uniform(rng, new long[] { V, d }) },
            ps =>
            {
                var step = architecture.Forward(ps[0], ps[1], inputs, mask, targets, negatives);
                return (step.Loss, new[] { step.DenseCenterGradient(V), step.DenseOutsideGradient(V) });
            });
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void BatchedSkipGramAgreesWithThePerWindowForm(bool negativeSampling)
    {
        using var scope = torch.NewDisposeScope();
        var rng = new Random(51);
        const int V = 9, d = 4, K = 3;
        var centerVectors = Uniform(rng, new long[] { V, d });
        var outsideVectors = Uniform(rng, new long[] { V, d });
        var windows = new (long Center, long[] Outside)[] { (2, new long[] { 0, 5, 5, 8 }), (7, new long[] { 1 }), (2, new long[] { 3, 4 }) };

        var expectedLoss = torch.zeros(Array.Empty<long>(), dtype: ScalarType.Float64);
        var expectedCenter = torch.zeros(V, d, dtype: ScalarType.Float64);
        var expectedOutside = torch.zeros(V, d, dtype: ScalarType.Float64);
        var inputs = new List<long>();
        var targets = new List<long>();
        var negatives = new List<long>();
        foreach (var (c, outside) in windows)
        {
            var samples = RandomIndices(rng, outside.Length * K, V);
            var pairLoss = negativeSampling
                ? PairLosses.NegativeSampling(torch.tensor(samples, new long[] { outside.Length, K }))
                : PairLosses.NaiveSoftmax;
            using var window = SkipGram.Window(c, outside, centerVectors, outsideVectors, pairLoss);
            expectedLoss = expectedLoss.add(window.Loss, Held.One);
            expectedCenter = expectedCenter.add(window.GradCenterVecs, Held.One);
            expectedOutside = expectedOutside.add(window.GradOutsideVectors, Held.One);
            foreach (var o in outside) { inputs.Add(c); targets.Add(o); }
            negatives.AddRange(samples);
        }

        var B = targets.Count;
        using var step = new Word2VecArchitecture(ContextCombine.Sum, Loss(negativeSampling)).Forward(
            centerVectors, outsideVectors, torch.tensor(inputs.ToArray(), new long[] { B, 1 }), torch.ones(B, 1, dtype: ScalarType.Float64),
            torch.tensor(targets.ToArray()), negativeSampling ? torch.tensor(negatives.ToArray(), new long[] { B, K }) : null);
        AssertClose(expectedLoss, step.Loss, 1e-12, "loss");
        AssertClose(expectedCenter, step.DenseCenterGradient(V), 1e-12, "∂J/∂centerVectors");
        AssertClose(expectedOutside, step.DenseOutsideGradient(V), 1e-12, "∂J/∂outsideVectors");
        Assert.Equal(new long[] { B }, step.PerExampleLoss.shape);
    }

    [Theory]
    [InlineData(ContextCombine.Sum, false)]
    [InlineData(ContextCombine.Sum, true)]
    [InlineData(ContextCombine.Mean, false)]
    [InlineData(ContextCombine.Mean, true)]
    public void BatchedCbowAgreesWithThePerWindowForm(ContextCombine combine, bool negativeSampling)
    {
        using var scope = torch.NewDisposeScope();
        var rng = new Random(52);
        const int V = 8, d = 3, K = 4, W = 4;
        var centerVectors = Uniform(rng, new long[] { V, d });
        var outsideVectors = Uniform(rng, new long[] { V, d });
        var windows = new (long Center, long[] Context)[] { (1, new long[] { 0, 2, 2, 7 }), (4, new long[] { 6 }), (6, new long[] { 6, 3 }) };
        var B = windows.Length;

        var expectedLosses = new List<Tensor>();
        var expectedCenter = torch.zeros(V, d, dtype: ScalarType.Float64);
        var expectedOutside = torch.zeros(V, d, dtype: ScalarType.Float64);
        var inputs = new long[B * W];
        var mask = new double[B * W];
        var negatives = RandomIndices(rng, B * K, V);
        for (var b = 0; b < B; b++)
        {
            var (c, context) = windows[b];
            var pairLoss = negativeSampling
                ? PairLosses.NegativeSampling(torch.tensor(negatives.Skip(b * K).Take(K).ToArray(), new long[] { 1, K }))
                : PairLosses.NaiveSoftmax;
            using var window = Cbow.Window(c, context, combine, centerVectors, outsideVectors, pairLoss);
            expectedLosses.Add(window.Loss.clone());
            expectedCenter = expectedCenter.add(window.GradCenterVecs, Held.One);
            expectedOutside = expectedOutside.add(window.GradOutsideVectors, Held.One);
            for (var w = 0; w < W; w++)
            {
                inputs[b * W + w] = w < context.Length ? context[w] : 5;      // padding reads some valid row
                mask[b * W + w] = w < context.Length ? 1 : 0;
            }
        }

        using var step = new Word2VecArchitecture(combine, Loss(negativeSampling)).Forward(
            centerVectors, outsideVectors, torch.tensor(inputs, new long[] { B, W }), torch.tensor(mask, new long[] { B, W }),
            torch.tensor(windows.Select(x => x.Center).ToArray()), negativeSampling ? torch.tensor(negatives, new long[] { B, K }) : null);
        AssertClose(torch.stack(expectedLosses), step.PerExampleLoss, 1e-12, "per-example loss");
        AssertClose(torch.stack(expectedLosses).sum(), step.Loss, 1e-12, "loss");
        AssertClose(expectedCenter, step.DenseCenterGradient(V), 1e-12, "∂J/∂centerVectors");
        AssertClose(expectedOutside, step.DenseOutsideGradient(V), 1e-12, "∂J/∂outsideVectors");
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Float32OnTheTestDeviceAgreesWithFloat64(bool negativeSampling)
    {
        using var scope = torch.NewDisposeScope();
        var rng = new Random(53);
        const int B = 16, V = 30, d = 8, K = 5, W = 4;
        var centerVectors = Uniform(rng, new long[] { V, d });
        var outsideVectors = Uniform(rng, new long[] { V, d });
        var inputs = torch.tensor(RandomIndices(rng, B * W, V), new long[] { B, W });
        var mask = torch.ones(B, W, dtype: ScalarType.Float64);
        var targets = torch.tensor(RandomIndices(rng, B, V));
        var negatives = torch.tensor(RandomIndices(rng, B * K, V), new long[] { B, K });
        var architecture = new Word2VecArchitecture(ContextCombine.Mean, Loss(negativeSampling));
        using var s64 = architecture.Forward(centerVectors, outsideVectors, inputs, mask, targets, negatives);
        var dev = TestDevice;
        using var s32 = architecture.Forward(centerVectors.to(ScalarType.Float32).to(dev), outsideVectors.to(ScalarType.Float32).to(dev),
            inputs.to(dev), mask.to(ScalarType.Float32).to(dev), targets.to(dev), negatives.to(dev));
        Assert.Equal(ScalarType.Float32, s32.CenterRowGrads.dtype);
        Assert.Equal(dev.type, s32.CenterRowGrads.device_type);
        Assert.Equal(dev.type, s32.CenterRows.device_type);
        AssertClose(s64.Loss, s32.Loss, 1e-5, "loss");
        AssertClose(s64.DenseCenterGradient(V), s32.DenseCenterGradient(V), 1e-5, "∂J/∂centerVectors");
        AssertClose(s64.DenseOutsideGradient(V), s32.DenseOutsideGradient(V), 1e-5, "∂J/∂outsideVectors");
    }

    [Fact]
    public void AnUpdateThroughTheRowsLowersTheLoss()
    {
        using var scope = torch.NewDisposeScope();
        var rng = new Random(54);
        const int B = 8, V = 12, d = 5, K = 3;
        var centerVectors = Uniform(rng, new long[] { V, d });
        var outsideVectors = Uniform(rng, new long[] { V, d });
        var inputs = torch.tensor(RandomIndices(rng, B, V), new long[] { B, 1 });
        var mask = torch.ones(B, 1, dtype: ScalarType.Float64);
        var targets = torch.tensor(RandomIndices(rng, B, V));
        var negatives = torch.tensor(RandomIndices(rng, B * K, V), new long[] { B, K });
        var architecture = new Word2VecArchitecture(ContextCombine.Sum, new NegativeSamplingLoss());
        double before;
        using var minusLr = (-0.01).ToScalar();
        using (var step = architecture.Forward(centerVectors, outsideVectors, inputs, mask, targets, negatives))
        {
            before = step.Loss.item<double>();
            centerVectors.index_add_(0, step.CenterRows, step.CenterRowGrads, minusLr);
            outsideVectors.index_add_(0, step.OutsideRows, step.OutsideRowGrads, minusLr);
        }
        using var after = architecture.Forward(centerVectors, outsideVectors, inputs, mask, targets, negatives);
        Assert.True(after.Loss.item<double>() < before);
    }

    [Fact]
    public void AnAllPaddingExampleHasAZeroHiddenVectorWithMean()
    {
        using var scope = torch.NewDisposeScope();
        var rng = new Random(55);
        const int V = 6, d = 3;
        var centerVectors = Uniform(rng, new long[] { V, d });
        var inputs = torch.tensor(new long[] { 1, 2, 3, 4 }, new long[] { 2, 2 });
        var mask = torch.tensor(new[] { 1.0, 1.0, 0.0, 0.0 }, new long[] { 2, 2 });
        using var step = new Word2VecArchitecture(ContextCombine.Mean, new NaiveSoftmaxLoss()).Forward(
            centerVectors, Uniform(rng, new long[] { V, d }), inputs, mask, torch.tensor(new long[] { 0, 5 }), null);
        AssertAllFinite(step.CenterRowGrads);
        AssertScalar(Math.Log(V), step.PerExampleLoss[1], 1e-12);   // h = 0: every score 0
        Assert.All(Values(step.CenterRowGrads.narrow(0, 2, 2)), g => Assert.Equal(0.0, g));
    }

    [Fact]
    public void BadArgumentsAreNamed()
    {
        using var scope = torch.NewDisposeScope();
        var Vc = torch.zeros(5, 3, dtype: ScalarType.Float64);
        var U = torch.zeros(5, 3, dtype: ScalarType.Float64);
        var inputs = torch.tensor(new long[] { 0, 1, 2, 3 }, new long[] { 2, 2 });
        var mask = torch.ones(2, 2, dtype: ScalarType.Float64);
        var targets = torch.tensor(new long[] { 0, 4 });
        var negatives = torch.tensor(new long[] { 1, 2, 3, 4 }, new long[] { 2, 2 });
        var ns = new Word2VecArchitecture(ContextCombine.Mean, new NegativeSamplingLoss());

        string? Param(Action a) => Assert.ThrowsAny<ArgumentException>(a).ParamName;
        Assert.Equal("inputs", Param(() => ns.Forward(Vc, U, torch.tensor(new long[] { 0, 1, 2, 5 }, new long[] { 2, 2 }), mask, targets, negatives)));
        Assert.Equal("inputs", Param(() => ns.Forward(Vc, U, torch.zeros(0, 2, dtype: ScalarType.Int64), torch.zeros(0, 2, dtype: ScalarType.Float64),
            torch.zeros(0, dtype: ScalarType.Int64), torch.zeros(0, 2, dtype: ScalarType.Int64))));               // an empty batch
        Assert.Equal("inputs", Param(() => ns.Forward(Vc, U, torch.tensor(new long[] { 0, 1 }), mask, targets, negatives))); // rank 1
        Assert.Equal("inputMask", Param(() => ns.Forward(Vc, U, inputs, torch.ones(2, 3, dtype: ScalarType.Float64), targets, negatives)));
        Assert.Equal("inputMask", Param(() => ns.Forward(Vc, U, inputs, torch.ones(2, 2, dtype: ScalarType.Float32), targets, negatives)));
        Assert.Equal("targets", Param(() => ns.Forward(Vc, U, inputs, mask, torch.tensor(new long[] { 0, 5 }), negatives)));
        Assert.Equal("targets", Param(() => ns.Forward(Vc, U, inputs, mask, torch.tensor(new long[] { 0, 1, 2 }), negatives)));
        Assert.Equal("negatives", Param(() => ns.Forward(Vc, U, inputs, mask, targets, torch.tensor(new long[] { 1, 2, 3 }, new long[] { 3, 1 }))));
        Assert.Equal("negatives", Param(() => ns.Forward(Vc, U, inputs, mask, targets, null)));
        Assert.Equal("outsideVectors", Param(() => ns.Forward(Vc, torch.zeros(5, 4, dtype: ScalarType.Float64), inputs, mask, targets, negatives)));
        Assert.Equal("loss", Param(() => new Word2VecArchitecture(ContextCombine.Sum, null!)));
    }
}
