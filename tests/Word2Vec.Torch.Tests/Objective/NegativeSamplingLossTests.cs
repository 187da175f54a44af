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
        // Rows = [targets; negatives.flatten()]: B(K+1) of them, not V.
        Assert.Equal(targets.Concat(negatives.reshape(-1).data<long>().ToArray()), batch.OutsideRows.data<long>().ToArray());
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
}
