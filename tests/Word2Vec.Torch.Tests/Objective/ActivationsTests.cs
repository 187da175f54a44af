using TorchSharp;
using Word2Vec.Torch.Backend;
using Word2Vec.Torch.Objective;
using static TorchSharp.torch;
using static Word2Vec.Torch.Tests.Objective.ObjectiveTestData;

namespace Word2Vec.Torch.Tests.Objective;

public class ActivationsTests
{
    [Theory]
    [InlineData(ScalarType.Float32)]
    [InlineData(ScalarType.Float64)]
    public void SigmoidOfHugeScoresIsFiniteAndSaturated(ScalarType dtype)
    {
        using var scope = torch.NewDisposeScope();
        var x = torch.tensor(new[] { 1e4, -1e4, 1e3, -1e3, 0.0, 50, -50 }, dtype: dtype, device: TestDevice);
        var s = Activations.Sigmoid(x);
        Assert.Equal(dtype, s.dtype);
        Assert.Equal(x.device_type, s.device_type);
        AssertAllFinite(s);
        var v = Values(s);
        Assert.Equal(1.0, v[0]);
        Assert.Equal(0.0, v[1]);
        Assert.Equal(0.5, v[4]);
        Assert.True(v[6] > 0 && v[6] < 1e-20); // e^-50, not flushed to 0 by 1 − σ(50)
    }

    [Fact]
    public void SigmoidMatchesTheDefinition()
    {
        using var scope = torch.NewDisposeScope();
        var x = Uniform(new Random(1), new long[] { 50 }, scale: 20);
        var expected = x.neg().exp().add(Held.One, Held.One).pow(Held.MinusOne);   // 1 / (1 + e^(−x))
        AssertClose(expected, Activations.Sigmoid(x), 1e-15, "sigmoid");
        AssertClose(x.sigmoid(), Activations.Sigmoid(x), 1e-15, "libtorch sigmoid");
    }

    [Theory]
    [InlineData(ScalarType.Float32, 1e-6)]
    [InlineData(ScalarType.Float64, 1e-14)]
    public void SoftmaxIsRowWiseAndMatchesLibtorch(ScalarType dtype, double rtol)
    {
        using var scope = torch.NewDisposeScope();
        var x = Uniform(new Random(2), new long[] { 4, 7 }, dtype, TestDevice, scale: 5);
        var p = Activations.Softmax(x);
        AssertClose(x.softmax(1), p, rtol, "softmax");
        AssertClose(torch.ones(4, dtype: dtype), p.sum(dim: 1), rtol, "row sums");
        AssertClose(x.log_softmax(1), Activations.LogSoftmax(x), rtol, "log softmax");
    }

    [Fact]
    public void SoftmaxOfAVectorIsOverTheWholeVector()
    {
        using var scope = torch.NewDisposeScope();
        var x = torch.tensor(new[] { 1.0, 2.0, 3.0 });
        AssertClose(x.softmax(0), Activations.Softmax(x), 1e-15, "vector softmax");
    }

    [Theory]
    [InlineData(1000.0)]
    [InlineData(-500.0)]
    [InlineData(1e4)]
    public void SoftmaxIsShiftInvariant(double c)
    {
        using var scope = torch.NewDisposeScope();
        var x = Uniform(new Random(3), new long[] { 3, 5 });
        using var shift = c.ToScalar();
        AssertClose(Activations.Softmax(x), Activations.Softmax(x.add(shift, Held.One)), 1e-10, $"softmax(x + {c})");
    }

    [Theory]
    [InlineData(ScalarType.Float32)]
    [InlineData(ScalarType.Float64)]
    public void SoftmaxOfHugeScoresIsFinite(ScalarType dtype)
    {
        using var scope = torch.NewDisposeScope();
        var x = torch.tensor(new[] { 1e4, -1e4, 0, -1e4, -1e4, -1e4 }, new long[] { 2, 3 }, dtype: dtype, device: TestDevice);
        var p = Activations.Softmax(x);
        AssertAllFinite(p);
        var expected = torch.tensor(new[] { 1.0, 0, 0, 1.0 / 3, 1.0 / 3, 1.0 / 3 }, new long[] { 2, 3 });
        AssertClose(expected, p, 1e-6, "softmax of ±1e4");
        AssertAllFinite(Activations.LogSoftmax(x));
    }
}
