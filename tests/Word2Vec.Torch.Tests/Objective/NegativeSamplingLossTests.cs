using TorchSharp;
using Word2Vec.Torch.Backend;
using Word2Vec.Torch.Objective.Cs224n;
using Word2Vec.Torch.Objective;
using static TorchSharp.torch;
using static Word2Vec.Torch.Tests.Objective.ObjectiveTestData;

namespace Word2Vec.Torch.Tests.Objective;

public class NegativeSamplingLossTests
{
    private readonly NegativeSamplingLoss _loss = new();

    public static TheoryData<string, int, int, int, long[], long[]> Cases => new()
    {
        { "random", 7, 3, 4, new long[] { 1, 3, 6 }, new long[] { 0, 2, 4, 5, 6, 6, 1, 0, 3, 3, 2, 5 } },
        { "repeated negatives and a negative equal to the target", 6, 2, 3,
            new long[] { 1, 4 }, new long[] { 1, 1, 1, 4, 2, 4 } },
        { "K larger than the vocabulary", 3, 2, 5, new long[] { 0, 2 }, new long[] { 1, 2, 0, 1, 1, 2, 2, 2, 0, 1 } },
        { "B = 1", 5, 1, 3, new long[] { 2 }, new long[] { 0, 4, 4 } },
        { "a vocabulary of 2", 2, 3, 2, new long[] { 0, 1, 1 }, new long[] { 1, 1, 0, 0, 1, 0 } },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void GradientsMatchAutogradAndFiniteDifferences(string name, int V, int B, int K, long[] targets, long[] negatives)
    {
        using var scope = torch.NewDisposeScope();
        var rng = new Random(name.Length);
        const int d = 3;
        var t = torch.tensor(targets);
        var n = torch.tensor(negatives, new long[] { B, K });
        AssertGradientsCorrect($"batched negative sampling, {name}", new[] { "hidden", "outsideVectors" },
            new[] { Uniform(rng, new long[] { B, d }), Uniform(rng, new long[] { V, d }) },
            ps =>
            {
                var r = _loss.Forward(ps[0], t, ps[1], n);
                return (r.Loss, new[] { r.GradHidden, RowGradients.Dense(r.OutsideRows, r.OutsideRowGrads, V) });
            });
    }

    [Fact]
    public void AgreesWithThePerPairFormAndTouchesOnlyTheSampledRows()
    {
        using var scope = torch.NewDisposeScope();
        var rng = new Random(41);
        const int B = 6, V = 50, d = 4, K = 5;
        var hidden = Uniform(rng, new long[] { B, d });
        var U = Uniform(rng, new long[] { V, d });
        var targets = RandomIndices(rng, B, V);
        var negatives = torch.tensor(RandomIndices(rng, B * K, V), new long[] { B, K });
        using var batch = _loss.Forward(hidden, torch.tensor(targets), U, negatives);

        var denseU = torch.zeros(V, d, dtype: ScalarType.Float64);
        for (var b = 0; b < B; b++)
        {
            using var pair = NegativeSampling.LossAndGradient(hidden[b], targets[b], U, negatives[b]);
            AssertClose(pair.Loss, batch.PerExampleLoss[b], 1e-12, $"J_{b}");
            AssertClose(pair.GradCenterVec, batch.GradHidden[b], 1e-12, $"∂J/∂h_{b}");
            denseU = denseU.add(pair.GradOutsideVecs, Held.One);
        }
        AssertClose(batch.PerExampleLoss.sum(), batch.Loss, 1e-14, "sum");
        AssertClose(denseU, RowGradients.Dense(batch.OutsideRows, batch.OutsideRowGrads, V), 1e-12, "∂J/∂U");
        // Rows = [t_b, k_b1..k_bK] example by example: B(K+1) of them, not V.
        var k = negatives.data<long>().ToArray();
        Assert.Equal(Enumerable.Range(0, B).SelectMany(b => k.Skip(b * K).Take(K).Prepend(targets[b])), batch.OutsideRows.data<long>().ToArray());
        Assert.Equal(new long[] { B * (K + 1), d }, batch.OutsideRowGrads.shape);
    }

    [Fact]
    public void ZeroOutsideVectorsGiveKPlusOneLn2PerExample()
    {
        using var scope = torch.NewDisposeScope();
        const int B = 3, K = 10;
        using var r = _loss.Forward(Uniform(new Random(2), new long[] { B, 2 }), torch.tensor(new long[] { 0, 3, 4 }),
            torch.zeros(5, 2, dtype: ScalarType.Float64), torch.tensor(RandomIndices(new Random(3), B * K, 5), new long[] { B, K }));
        Assert.All(Values(r.PerExampleLoss), l => Assert.Equal((K + 1) * Math.Log(2), l, 12));
        AssertScalar(B * (K + 1) * Math.Log(2), r.Loss, 1e-12);
    }

    [Fact]
    public void Float32OnTheTestDeviceAgreesWithFloat64()
    {
        using var scope = torch.NewDisposeScope();
        var rng = new Random(42);
        const int B = 8, V = 20, d = 6, K = 4;
        var hidden = Uniform(rng, new long[] { B, d });
        var U = Uniform(rng, new long[] { V, d });
        var targets = torch.tensor(RandomIndices(rng, B, V));
        var negatives = torch.tensor(RandomIndices(rng, B * K, V), new long[] { B, K });
        using var r64 = _loss.Forward(hidden, targets, U, negatives);
        using var r32 = _loss.Forward(hidden.to(ScalarType.Float32).to(TestDevice), targets.to(TestDevice),
            U.to(ScalarType.Float32).to(TestDevice), negatives.to(TestDevice));
        Assert.Equal(ScalarType.Float32, r32.OutsideRowGrads.dtype);
        Assert.Equal(TestDevice.type, r32.GradHidden.device_type);
        AssertClose(r64.PerExampleLoss, r32.PerExampleLoss, 1e-5, "J");
        AssertClose(r64.GradHidden, r32.GradHidden, 1e-5, "∂J/∂H");
        AssertClose(r64.OutsideRowGrads, r32.OutsideRowGrads, 1e-5, "∂J/∂U rows");
    }

    [Fact]
    public void BadArgumentsAreNamed()
    {
        using var scope = torch.NewDisposeScope();
        var H = torch.zeros(2, 3, dtype: ScalarType.Float64);
        var U = torch.zeros(5, 3, dtype: ScalarType.Float64);
        var t = torch.tensor(new long[] { 0, 4 });
        var n = torch.tensor(new long[] { 1, 2, 3, 4 }, new long[] { 2, 2 });
        Assert.IsType<ArgumentNullException>(Assert.ThrowsAny<ArgumentException>(() => _loss.Forward(H, t, U, null)));
        Assert.Equal("negatives", Assert.ThrowsAny<ArgumentException>(() => _loss.Forward(H, t, U, null)).ParamName);
        Assert.Equal("negatives", Assert.ThrowsAny<ArgumentException>(() =>
            _loss.Forward(H, t, U, torch.tensor(new long[] { 1, 2, 3, 4, 0, 0 }, new long[] { 3, 2 }))).ParamName);   // [B+1, K]
        Assert.Equal("negatives", Assert.ThrowsAny<ArgumentException>(() => _loss.Forward(H, t, U, torch.tensor(new long[] { 1, 2 }))).ParamName); // [B]
        Assert.Equal("negatives", Assert.ThrowsAny<ArgumentException>(() =>
            _loss.Forward(H, t, U, torch.tensor(new long[] { 1, 2, 3, 5 }, new long[] { 2, 2 }))).ParamName);       // 5 ∉ [0, 5)
        Assert.Equal("targets", Assert.ThrowsAny<ArgumentException>(() => _loss.Forward(H, torch.tensor(new long[] { 0, 7 }), U, n)).ParamName);
        Assert.Equal("targets", Assert.ThrowsAny<ArgumentException>(() => _loss.Forward(H, torch.tensor(new[] { 0, 1 }), U, n)).ParamName);   // int32
        Assert.Equal("hidden", Assert.ThrowsAny<ArgumentException>(() => _loss.Forward(torch.zeros(2, 2, dtype: ScalarType.Float64), t, U, n)).ParamName);
        Assert.Equal("hidden", Assert.ThrowsAny<ArgumentException>(() =>
            _loss.Forward(torch.zeros(0, 3, dtype: ScalarType.Float64), torch.zeros(0, dtype: ScalarType.Int64), U,
                torch.zeros(0, 2, dtype: ScalarType.Int64))).ParamName);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void WindowGradientsMatchAutogradAndFiniteDifferences(string name, int V, int B, int K, long[] targets, long[] negatives)
    {
        using var scope = torch.NewDisposeScope();
        var rng = new Random(name.Length + 100);
        const int d = 3, W = 4;
        var t = torch.tensor(targets);
        var n = torch.tensor(negatives, new long[] { B, K });
        var mask = torch.tensor(Enumerable.Range(0, B * W).Select(i => i % W < 1 + i / W % W ? 1.0 : 0.0).ToArray(), new long[] { B, W });
        AssertGradientsCorrect($"negative sampling over windows, {name}", new[] { "hidden", "outsideVectors" },
            new[] { Uniform(rng, new long[] { B, W, d }), Uniform(rng, new long[] { V, d }) },
            ps =>
            {
                var r = _loss.ForwardWindows(ps[0], mask, t, ps[1], n);
                return (r.Loss, new[] { r.GradHidden, RowGradients.Dense(r.OutsideRows, r.OutsideRowGrads, V) });
            });
    }

    [Fact]
    public void AWindowIsItsPairsWithTheWindowsNegativesAndPaddingCountsForNothing()
    {
        using var scope = torch.NewDisposeScope();
        var rng = new Random(43);
        const int B = 3, W = 4, V = 20, d = 5, K = 3;
        var hidden = Uniform(rng, new long[] { B, W, d });
        var U = Uniform(rng, new long[] { V, d });
        var targets = RandomIndices(rng, B, V);
        var negatives = torch.tensor(RandomIndices(rng, B * K, V), new long[] { B, K });
        var real = new[] { 4, 1, 2 };   // real slots of each window, the rest padding
        var mask = torch.tensor(Enumerable.Range(0, B * W).Select(i => i % W < real[i / W] ? 1.0 : 0.0).ToArray(), new long[] { B, W });
        using var r = _loss.ForwardWindows(hidden, mask, torch.tensor(targets), U, negatives);

        var denseU = torch.zeros(V, d, dtype: ScalarType.Float64);
        for (var b = 0; b < B; b++)
        {
            var windowLoss = 0.0;
            for (var w = 0; w < W; w++)
            {
                if (w >= real[b])
                {
                    Assert.All(Values(r.GradHidden[b][w]), g => Assert.Equal(0.0, g));   // padding gets no gradient
                    continue;
                }
                using var pair = NegativeSampling.LossAndGradient(hidden[b][w], targets[b], U, negatives[b]);
                windowLoss += pair.Loss.item<double>();
                AssertClose(pair.GradCenterVec, r.GradHidden[b][w], 1e-12, $"∂J/∂h_{b}{w}");
                denseU = denseU.add(pair.GradOutsideVecs, Held.One);
            }
            Assert.Equal(windowLoss, r.PerExampleLoss[b].item<double>(), 12);
        }
        AssertClose(denseU, RowGradients.Dense(r.OutsideRows, r.OutsideRowGrads, V), 1e-12, "∂J/∂U");
        Assert.Equal(new long[] { B * (K + 1), d }, r.OutsideRowGrads.shape);   // K + 1 rows a window, not W(K + 1)
    }

    [Fact]
    public void TheGradientScaleScalesTheGradientsAndNotTheLoss()
    {
        using var scope = torch.NewDisposeScope();
        var rng = new Random(44);
        var hidden = Uniform(rng, new long[] { 4, 3 });
        var U = Uniform(rng, new long[] { 9, 3 });
        var t = torch.tensor(RandomIndices(rng, 4, 9));
        var n = torch.tensor(RandomIndices(rng, 8, 9), new long[] { 4, 2 });
        using var plain = _loss.Forward(hidden, t, U, n);
        using var scaled = _loss.Forward(hidden, t, U, n, gradientScale: -0.25);
        using var c = (-0.25).ToScalar();
        Assert.Equal(plain.Loss.item<double>(), scaled.Loss.item<double>());
        AssertClose(plain.GradHidden.mul(c), scaled.GradHidden, 1e-15, "∂(cJ)/∂h");
        AssertClose(plain.OutsideRowGrads.mul(c), scaled.OutsideRowGrads, 1e-15, "∂(cJ)/∂U");
    }
}
