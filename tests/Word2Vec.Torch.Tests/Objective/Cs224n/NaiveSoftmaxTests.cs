using TorchSharp;
using Word2Vec.Torch.Objective.Cs224n;
using static TorchSharp.torch;
using static Word2Vec.Torch.Tests.Objective.ObjectiveTestData;

namespace Word2Vec.Torch.Tests.Objective.Cs224n;

public class NaiveSoftmaxTests
{
    [Theory]
    [InlineData(1, 2, 3)]   // a vocabulary of 2
    [InlineData(2, 7, 5)]
    [InlineData(3, 13, 1)]
    public void GradientsMatchAutogradAndFiniteDifferences(int seed, int V, int d)
    {
        using var scope = torch.NewDisposeScope();
        var rng = new Random(seed);
        var o = rng.Next(V);
        AssertGradientsCorrect($"naive softmax V={V} d={d}", new[] { "centerWordVec", "outsideVectors" },
            new[] { Uniform(rng, new long[] { d }), Uniform(rng, new long[] { V, d }) },
            ps =>
            {
                var r = NaiveSoftmax.LossAndGradient(ps[0], o, ps[1]);
                return (r.Loss, new[] { r.GradCenterVec, r.GradOutsideVecs });
            });
    }

    [Fact]
    public void ZeroOutsideVectorsGiveLnV()
    {
        using var scope = torch.NewDisposeScope();
        const int V = 9;
        using var r = NaiveSoftmax.LossAndGradient(Uniform(new Random(4), new long[] { 3 }), 2, torch.zeros(V, 3, dtype: ScalarType.Float64));
        AssertScalar(Math.Log(V), r.Loss, 1e-14);
    }

    [Fact]
    public void GradientIsZeroWhenThePredictionIsExact()
    {
        // v_c = e_0, u_o = 1e4 e_0, every other u = 0: the score of o is 1e4, so ŷ = y exactly.
        using var scope = torch.NewDisposeScope();
        var centerWordVec = torch.tensor(new[] { 1.0, 0.0 });
        var outsideVectors = torch.tensor(new[] { 0.0, 0, 1e4, 0, 0, 0 }, new long[] { 3, 2 });
        using var r = NaiveSoftmax.LossAndGradient(centerWordVec, 1, outsideVectors);
        Assert.Equal(0.0, Values(r.Loss).Single());
        Assert.All(Values(r.GradCenterVec), g => Assert.Equal(0.0, g));
        Assert.All(Values(r.GradOutsideVecs), g => Assert.Equal(0.0, g));
    }

    [Fact]
    public void Float32AgreesWithFloat64()
    {
        using var scope = torch.NewDisposeScope();
        var rng = new Random(5);
        var v = Uniform(rng, new long[] { 4 });
        var U = Uniform(rng, new long[] { 6, 4 });
        using var r64 = NaiveSoftmax.LossAndGradient(v, 3, U);
        using var r32 = NaiveSoftmax.LossAndGradient(v.to(ScalarType.Float32).to(TestDevice), 3, U.to(ScalarType.Float32).to(TestDevice));
        Assert.Equal(ScalarType.Float32, r32.GradOutsideVecs.dtype);
        AssertClose(r64.Loss, r32.Loss, 1e-5, "loss");
        AssertClose(r64.GradCenterVec, r32.GradCenterVec, 1e-5, "gradCenterVec");
        AssertClose(r64.GradOutsideVecs, r32.GradOutsideVecs, 1e-5, "gradOutsideVecs");
    }

    [Fact]
    public void BadArgumentsAreNamed()
    {
        using var scope = torch.NewDisposeScope();
        var v = torch.zeros(3, dtype: ScalarType.Float64);
        var U = torch.zeros(5, 3, dtype: ScalarType.Float64);
        Assert.Equal("outsideWordIdx", Assert.ThrowsAny<ArgumentException>(() => NaiveSoftmax.LossAndGradient(v, 5, U)).ParamName);
        Assert.Equal("outsideWordIdx", Assert.ThrowsAny<ArgumentException>(() => NaiveSoftmax.LossAndGradient(v, -1, U)).ParamName);
        Assert.Equal("centerWordVec", Assert.ThrowsAny<ArgumentException>(() =>
            NaiveSoftmax.LossAndGradient(torch.zeros(4, dtype: ScalarType.Float64), 0, U)).ParamName);
        Assert.Equal("centerWordVec", Assert.ThrowsAny<ArgumentException>(() =>
            NaiveSoftmax.LossAndGradient(v.to(ScalarType.Float32), 0, U)).ParamName);
    }
}
