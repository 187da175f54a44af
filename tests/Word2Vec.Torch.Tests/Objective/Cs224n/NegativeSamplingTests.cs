using TorchSharp;
using Word2Vec.Torch.Objective.Cs224n;
using static TorchSharp.torch;
using static Word2Vec.Torch.Tests.Objective.ObjectiveTestData;

namespace Word2Vec.Torch.Tests.Objective.Cs224n;

public class NegativeSamplingTests
{
    public static TheoryData<string, int, int, long, long[]> Cases => new()
    {
        { "distinct negatives", 10, 4, 3, new long[] { 0, 5, 7, 9 } },
        { "repeated negatives", 10, 4, 3, new long[] { 5, 5, 1, 5 } },
        { "a negative equal to the outside word", 10, 3, 3, new long[] { 3, 8, 2 } },
        { "K larger than the vocabulary", 3, 2, 0, new long[] { 1, 2, 0, 1, 2, 2, 1 } },
        { "a vocabulary of 2", 2, 3, 1, new long[] { 0, 0 } },
        { "K = 1", 6, 5, 4, new long[] { 2 } },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void GradientsMatchAutogradAndFiniteDifferences(string name, int V, int d, long o, long[] negatives)
    {
        using var scope = torch.NewDisposeScope();
        var rng = new Random(name.Length);
        var samples = torch.tensor(negatives);
        AssertGradientsCorrect($"negative sampling, {name}", new[] { "centerWordVec", "outsideVectors" },
            new[] { Uniform(rng, new long[] { d }), Uniform(rng, new long[] { V, d }) },
            ps =>
            {
                var r = NegativeSampling.LossAndGradient(ps[0], o, ps[1], samples);
                return (r.Loss, new[] { r.GradCenterVec, r.GradOutsideVecs });
            });
    }

    [Theory]
    [InlineData(1)]
    [InlineData(10)]
    public void ZeroOutsideVectorsGiveKPlusOneLn2(int K)
    {
        using var scope = torch.NewDisposeScope();
        var negatives = torch.tensor(RandomIndices(new Random(K), K, 7));
        using var r = NegativeSampling.LossAndGradient(Uniform(new Random(6), new long[] { 3 }), 2, torch.zeros(7, 3, dtype: ScalarType.Float64), negatives);
        AssertScalar((K + 1) * Math.Log(2), r.Loss, 1e-13);
        Assert.All(Values(r.GradCenterVec), g => Assert.Equal(0.0, g)); // every u is 0
    }

    [Fact]
    public void Float32AgreesWithFloat64()
    {
        using var scope = torch.NewDisposeScope();
        var rng = new Random(7);
        var v = Uniform(rng, new long[] { 4 });
        var U = Uniform(rng, new long[] { 6, 4 });
        var negatives = new long[] { 1, 1, 5, 2 };
        using var r64 = NegativeSampling.LossAndGradient(v, 3, U, torch.tensor(negatives));
        using var r32 = NegativeSampling.LossAndGradient(v.to(ScalarType.Float32).to(TestDevice), 3,
            U.to(ScalarType.Float32).to(TestDevice), torch.tensor(negatives, device: TestDevice));
        Assert.Equal(ScalarType.Float32, r32.GradOutsideVecs.dtype);
        AssertClose(r64.Loss, r32.Loss, 1e-5, "loss");
        AssertClose(r64.GradCenterVec, r32.GradCenterVec, 1e-5, "gradCenterVec");
        AssertClose(r64.GradOutsideVecs, r32.GradOutsideVecs, 1e-5, "gradOutsideVecs");
    }

    [Fact]
    public void SaturatedScoresStayFinite()
    {
        using var scope = torch.NewDisposeScope();
        var v = torch.tensor(new[] { 1.0, 0.0 });
        var U = torch.tensor(new[] { -1e4, 0, 1e4, 0, 0, 0 }, new long[] { 3, 2 }); // σ(u_o·v) = 0, σ(u_k·v) = 1: worst case
        using var r = NegativeSampling.LossAndGradient(v, 0, U, torch.tensor(new long[] { 1, 1 }));
        AssertScalar(3e4, r.Loss, 1e-6);
        AssertAllFinite(r.GradCenterVec);
        AssertAllFinite(r.GradOutsideVecs);
    }

    [Fact]
    public void BadArgumentsAreNamed()
    {
        using var scope = torch.NewDisposeScope();
        var v = torch.zeros(3, dtype: ScalarType.Float64);
        var U = torch.zeros(5, 3, dtype: ScalarType.Float64);
        var ok = torch.tensor(new long[] { 1, 2 });
        Assert.Equal("outsideWordIdx", Assert.ThrowsAny<ArgumentException>(() => NegativeSampling.LossAndGradient(v, 5, U, ok)).ParamName);
        Assert.Equal("negSampleWordIndices", Assert.ThrowsAny<ArgumentException>(() =>
            NegativeSampling.LossAndGradient(v, 0, U, torch.tensor(new long[] { 1, 5 }))).ParamName);
        Assert.Equal("negSampleWordIndices", Assert.ThrowsAny<ArgumentException>(() =>
            NegativeSampling.LossAndGradient(v, 0, U, torch.tensor(new long[] { 1, 2 }, new long[] { 1, 2 }))).ParamName);
        Assert.Equal("negSampleWordIndices", Assert.ThrowsAny<ArgumentException>(() =>
            NegativeSampling.LossAndGradient(v, 0, U, torch.tensor(new[] { 1, 2 }))).ParamName); // int32
        Assert.Equal("centerWordVec", Assert.ThrowsAny<ArgumentException>(() =>
            NegativeSampling.LossAndGradient(torch.zeros(2, dtype: ScalarType.Float64), 0, U, ok)).ParamName);
    }
}
