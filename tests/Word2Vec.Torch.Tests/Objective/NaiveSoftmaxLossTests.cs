using TorchSharp;
using Word2Vec.Torch.Backend;
using Word2Vec.Torch.Objective.Cs224n;
using Word2Vec.Torch.Objective;
using static TorchSharp.torch;
using static Word2Vec.Torch.Tests.Objective.ObjectiveTestData;

namespace Word2Vec.Torch.Tests.Objective;

public class NaiveSoftmaxLossTests
{
    private readonly NaiveSoftmaxLoss _loss = new();

    [Theory]
    [InlineData(1, 2, 3)]   // B = 1, a vocabulary of 2
    [InlineData(4, 7, 5)]
    [InlineData(6, 3, 2)]
    public void GradientsMatchAutogradAndFiniteDifferences(int B, int V, int d)
    {
        using var scope = torch.NewDisposeScope();
        var rng = new Random(B * 100 + V);
        var targets = torch.tensor(RandomIndices(rng, B, V));
        AssertGradientsCorrect($"batched naive softmax B={B} V={V} d={d}", new[] { "hidden", "outsideVectors" },
            new[] { Uniform(rng, new long[] { B, d }), Uniform(rng, new long[] { V, d }) },
            ps =>
            {
                var r = _loss.Forward(ps[0], targets, ps[1], null);
                return (r.Loss, new[] { r.GradHidden, RowGradients.Dense(r.OutsideRows, r.OutsideRowGrads, V) });
            });
    }

    [Fact]
    public void AgreesWithThePerPairForm()
    {
        using var scope = torch.NewDisposeScope();
        var rng = new Random(31);
        const int B = 5, V = 6, d = 4;
        var hidden = Uniform(rng, new long[] { B, d });
        var U = Uniform(rng, new long[] { V, d });
        var targets = RandomIndices(rng, B, V);
        using var batch = _loss.Forward(hidden, torch.tensor(targets), U, null);

        var denseU = torch.zeros(V, d, dtype: ScalarType.Float64);
        for (var b = 0; b < B; b++)
        {
            using var pair = NaiveSoftmax.LossAndGradient(hidden[b], targets[b], U);
            AssertClose(pair.Loss, batch.PerExampleLoss[b], 1e-12, $"J_{b}");
            AssertClose(pair.GradCenterVec, batch.GradHidden[b], 1e-12, $"∂J/∂h_{b}");
            denseU = denseU.add(pair.GradOutsideVecs, Held.One);
        }
        AssertClose(batch.PerExampleLoss.sum(), batch.Loss, 1e-14, "sum");
        AssertClose(denseU, RowGradients.Dense(batch.OutsideRows, batch.OutsideRowGrads, V), 1e-12, "∂J/∂U");
        Assert.Equal(Enumerable.Range(0, V).Select(i => (long)i), batch.OutsideRows.data<long>().ToArray());
    }

    [Fact]
    public void ZeroOutsideVectorsGiveLnVPerExample()
    {
        using var scope = torch.NewDisposeScope();
        const int B = 3, V = 11;
        using var r = _loss.Forward(Uniform(new Random(1), new long[] { B, 2 }), torch.tensor(new long[] { 0, 10, 4 }),
            torch.zeros(V, 2, dtype: ScalarType.Float64), null);
        Assert.All(Values(r.PerExampleLoss), l => Assert.Equal(Math.Log(V), l, 12));
        AssertScalar(B * Math.Log(V), r.Loss, 1e-12);
    }

    [Fact]
    public void Float32OnTheTestDeviceAgreesWithFloat64()
    {
        using var scope = torch.NewDisposeScope();
        var rng = new Random(32);
        var hidden = Uniform(rng, new long[] { 4, 8 });
        var U = Uniform(rng, new long[] { 9, 8 });
        var targets = torch.tensor(RandomIndices(rng, 4, 9));
        using var r64 = _loss.Forward(hidden, targets, U, null);
        using var r32 = _loss.Forward(hidden.to(ScalarType.Float32).to(TestDevice), targets.to(TestDevice), U.to(ScalarType.Float32).to(TestDevice), null);
        Assert.Equal(ScalarType.Float32, r32.GradHidden.dtype);
        Assert.Equal(TestDevice.type, r32.OutsideRowGrads.device_type);
        AssertClose(r64.PerExampleLoss, r32.PerExampleLoss, 1e-5, "J");
        AssertClose(r64.GradHidden, r32.GradHidden, 1e-5, "∂J/∂H");
        AssertClose(r64.OutsideRowGrads, r32.OutsideRowGrads, 1e-5, "∂J/∂U");
    }

    [Fact]
    public void BadArgumentsAreNamed()
    {
        using var scope = torch.NewDisposeScope();
        var H = torch.zeros(2, 3, dtype: ScalarType.Float64);
        var U = torch.zeros(5, 3, dtype: ScalarType.Float64);
        var t = torch.tensor(new long[] { 0, 4 });
        Assert.Equal("targets", Assert.ThrowsAny<ArgumentException>(() => _loss.Forward(H, torch.tensor(new long[] { 0, 5 }), U, null)).ParamName);
        Assert.Equal("targets", Assert.ThrowsAny<ArgumentException>(() => _loss.Forward(H, torch.tensor(new long[] { -1, 0 }), U, null)).ParamName);
        Assert.Equal("targets", Assert.ThrowsAny<ArgumentException>(() => _loss.Forward(H, torch.tensor(new long[] { 0 }), U, null)).ParamName);
        Assert.Equal("hidden", Assert.ThrowsAny<ArgumentException>(() => _loss.Forward(torch.zeros(2, 4, dtype: ScalarType.Float64), t, U, null)).ParamName);
        Assert.Equal("hidden", Assert.ThrowsAny<ArgumentException>(() =>
            _loss.Forward(torch.zeros(0, 3, dtype: ScalarType.Float64), torch.zeros(0, dtype: ScalarType.Int64), U, null)).ParamName);
        Assert.Equal("outsideVectors", Assert.ThrowsAny<ArgumentException>(() => _loss.Forward(H, t, torch.zeros(15, dtype: ScalarType.Float64), null)).ParamName);
    }

    [Fact]
    public void TheKeptBufferGivesTheNumbersOfAFreshLossForEveryBatchSizeAndBothPaths()
    {
        using var scope = torch.NewDisposeScope();
        var rng = new Random(32);
        const int V = 9, d = 3;
        var U = Uniform(rng, new long[] { V, d }, scale: 40);   // scores of hundreds: the row max keeps exp finite
        foreach (var B in new[] { 5, 2, 7, 1 })                 // shrinks and grows the buffer
        {
            var hidden = Uniform(rng, new long[] { B, d }, scale: 10);
            var targets = torch.tensor(RandomIndices(rng, B, V));
            using var kept = _loss.Forward(hidden, targets, U, null, gradientScale: -0.5);
            using var fresh = new NaiveSoftmaxLoss().Forward(hidden, targets, U, null, gradientScale: -0.5);
            // The out-of-place path (inputs that need gradients) computes the same formulas without the buffer.
            using var leaf = hidden.detach().requires_grad_(true);
            using var outOfPlace = new NaiveSoftmaxLoss().Forward(leaf, targets, U, null, gradientScale: -0.5);
            foreach (var other in new[] { fresh, outOfPlace })
            {
                AssertClose(other.PerExampleLoss, kept.PerExampleLoss, 1e-14, $"J_b, B = {B}");
                AssertClose(other.GradHidden, kept.GradHidden, 1e-14, $"∂(cJ)/∂H, B = {B}");
                AssertClose(other.OutsideRowGrads, kept.OutsideRowGrads, 1e-14, $"∂(cJ)/∂U, B = {B}");
            }
            AssertAllFinite(kept.GradHidden);
        }
    }
}
