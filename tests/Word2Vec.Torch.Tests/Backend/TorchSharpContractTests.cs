using TorchSharp;
using Word2Vec.Torch.Backend;
using static TorchSharp.torch;

namespace Word2Vec.Torch.Tests.Backend;

/// <summary>
/// The TorchSharp behaviour the math and the trainer rely on, pinned: an upgrade of TorchSharp or
/// libtorch that changes one of these fails here, not somewhere deep in a training run.
/// </summary>
public class TorchSharpContractTests
{
    [Fact]
    public void TheLoadedLibtorchIs2_10_0()
    {
        Assert.StartsWith("2.10.0", torch.__version__);
        using var t = torch.ones(2);   // forces the native load
        Assert.Equal(2.0, t.sum().item<float>());
    }

    [Fact]
    public void IndexAddAccumulatesRepeatedIndices()
    {
        // The sparse SGD update θ.index_add_(0, rows, grads, −lr): a row named twice gets both gradients.
        using var scope = torch.NewDisposeScope();
        var theta = torch.zeros(3, 2, ScalarType.Float64);
        var rows = torch.tensor(new long[] { 1, 1, 2, 1 });
        var grads = torch.tensor(new double[] { 1, 10, 2, 20, 3, 30, 4, 40 }, new long[] { 4, 2 });
        using var minusHalf = (-0.5).ToScalar();
        theta.index_add_(0, rows, grads, minusHalf);
        Assert.Equal(new double[] { 0, 0, -3.5, -35, -1.5, -15 }, theta.data<double>().ToArray());
    }

    [Fact]
    public void LogSigmoidOfALargeNegativeScoreIsFinite()
    {
        // −log σ(s) = softplus(−s): the negative-sampling loss at a saturated score.
        using var scope = torch.NewDisposeScope();
        var values = torch.tensor(new double[] { -1000, 1000, 0 }).log_sigmoid().data<double>().ToArray();
        Assert.Equal(-1000.0, values[0], 9);
        Assert.Equal(0.0, values[1], 12);
        Assert.Equal(-Math.Log(2), values[2], 12);
        using var f32 = torch.tensor(new float[] { -1000f }).log_sigmoid();
        Assert.True(float.IsFinite(f32.item<float>()));
    }

    [Fact]
    public void ManualSeed42ThenRandnIsPyTorchsStream()
    {
        // torch.manual_seed(42); torch.randn(3, 4)[0] in PyTorch: 0.3367, 0.1288, 0.2345, 0.2303.
        using var scope = torch.NewDisposeScope();
        torch.manual_seed(42);
        var first = torch.randn(3, 4).data<float>().ToArray().Take(4).ToArray();
        var expected = new[] { 0.3367f, 0.1288f, 0.2345f, 0.2303f };
        for (var i = 0; i < 4; i++) Assert.Equal(expected[i], first[i], 4);
    }

    [Fact]
    public void AutogradGradWithAllowUnusedGivesNoGradientForAnUnusedInput()
    {
        using var scope = torch.NewDisposeScope();
        var used = torch.tensor(new double[] { 1, 2 }).requires_grad_(true);
        var unused = torch.tensor(new double[] { 3 }).requires_grad_(true);
        var loss = used.mul(used).sum();
        var grads = torch.autograd.grad(new[] { loss }, new[] { used, unused }, allow_unused: true);
        Assert.Equal(2, grads.Count);
        Assert.Equal(new double[] { 2, 4 }, grads[0].data<double>().ToArray());
        // SgdStep and GradientChecker treat "null or invalid" as a zero gradient.
        Assert.True(grads[1] is null || grads[1].IsInvalid, "the unused input's gradient should be null or an invalid tensor");
        // Without allow_unused, 0.107.0 does not turn libtorch's error into an exception: the process
        // aborts. So every call in the project passes allow_unused: true.
    }

    [Fact]
    public void IntegerSumsAreInt64()
    {
        // Counting with sums (non-finite entries, kept tokens): the result is int64, read with item<long>().
        using var scope = torch.NewDisposeScope();
        var bools = torch.tensor(new[] { true, false, true });
        Assert.Equal(ScalarType.Int64, bools.sum().dtype);
        Assert.Equal(2L, bools.sum().item<long>());
        var ints = torch.tensor(new[] { 1, 2, 3 });
        Assert.Equal(ScalarType.Int32, ints.dtype);
        Assert.Equal(ScalarType.Int64, ints.sum().dtype);
        Assert.Equal(ScalarType.Int64, ints.cumsum(0).dtype);
    }
}
