using System.Runtime.InteropServices;
using TorchSharp;
using static TorchSharp.torch;
using static TorchSharp.Binding.Tests.TestUtil;

namespace TorchSharp.Binding.Tests;

public class AutogradTests
{
    private static readonly double[] Xv = { 0.5, -1.0, 2.0, 0.25, -0.75, 1.5 };          // 3x2
    private static readonly double[] Wv = { 0.1, -0.2, 0.3, 0.4, -0.5, 0.6, -0.7, 0.8 };  // 2x4

    /// <summary>d/dW sum(sigmoid(X W)) = Xᵀ (s ∘ (1 − s)), by hand in plain C#.</summary>
    private static double[] HandGradient()
    {
        var grad = new double[8];
        for (var i = 0; i < 3; i++)
        for (var j = 0; j < 4; j++)
        {
            var z = Xv[2 * i] * Wv[j] + Xv[2 * i + 1] * Wv[4 + j];
            var s = 1 / (1 + Math.Exp(-z));
            for (var k = 0; k < 2; k++) grad[4 * k + j] += Xv[2 * i + k] * s * (1 - s);
        }
        return grad;
    }

    [Fact]
    public void BackwardMatchesTheHandDerivativeInFloat64()
    {
        using var x = tensor(Xv, new long[] { 3, 2 });
        using var w = tensor(Wv, new long[] { 2, 4 }, requires_grad: true);
        using var s = x.mm(w).sigmoid();
        using var loss = s.sum();
        loss.backward();
        using var g = w.grad;
        Assert.NotNull(g);
        Assert.Equal(ScalarType.Float64, g!.dtype);
        Assert.Equal(new long[] { 2, 4 }, g.shape);
        Close(HandGradient(), D(g), 1e-14);

        // The same through tensor ops: Xᵀ (s ∘ (1 − s)).
        using var viaOps = x.t().mm(s.detach() * (1 - s.detach()));
        Close(D(viaOps), D(g), 1e-14);
        Assert.Null(x.grad); // x does not require grad
    }

    [Fact]
    public void AutogradGradMatchesTheHandDerivative()
    {
        using var x = tensor(Xv, new long[] { 3, 2 });
        using var w = tensor(Wv, new long[] { 2, 4 }, requires_grad: true);
        using var loss = x.mm(w).sigmoid().sum();
        var grads = autograd.grad(new[] { loss }, new[] { w });
        Assert.Single(grads);
        Close(HandGradient(), D(grads[0]), 1e-14);
        Assert.Null(w.grad); // autograd.grad does not accumulate into .grad
    }

    [Fact]
    public void GradIsNullBeforeBackwardAndAccumulatesAfter()
    {
        using var w = tensor(new double[] { 1, 2 }, requires_grad: true);
        Assert.Null(w.grad);
        (w * w).sum().backward();
        Assert.Equal(new[] { 2.0, 4 }, D(w.grad!));
        (w * w).sum().backward();
        Assert.Equal(new[] { 4.0, 8 }, D(w.grad!));
        w.grad!.zero_(); // the grad is the leaf's own buffer
        Assert.Equal(new[] { 0.0, 0 }, D(w.grad!));
    }

    [Fact]
    public void BackwardOfANonScalarIsANativeError()
    {
        using var w = tensor(new double[] { 1, 2 }, requires_grad: true);
        using var y = w * 2;
        var e = Assert.Throws<ExternalException>(() => y.backward());
        Assert.Contains("scalar", e.Message);
    }

    [Fact]
    public void AllowUnusedGivesNullForAnInputTheOutputDoesNotUse()
    {
        using var a = tensor(new double[] { 3 }, requires_grad: true);
        using var b = tensor(new double[] { 5 }, requires_grad: true);
        using var y = (a * a).sum();
        var e = Assert.Throws<ExternalException>(() => autograd.grad(new[] { y }, new[] { a, b }, retain_graph: true));
        Assert.Contains("not have been used", e.Message);
        var g = autograd.grad(new[] { y }, new[] { a, b }, allow_unused: true);
        Assert.Equal(2, g.Count);
        Assert.Equal(6.0, g[0].item<double>());
        // TorchSharp returns new Tensor(IntPtr.Zero) here, not null: an invalid tensor.
        Assert.NotNull(g[1]);
        Assert.True(g[1].IsInvalid);
        Assert.Throws<InvalidOperationException>(() => g[1].shape);
        g[1].Dispose(); // nothing to free
    }

    [Fact]
    public void RetainGraphAllowsASecondPass()
    {
        using var x = tensor(new double[] { 2 }, requires_grad: true);
        using var y = (x.exp() * x).sum();
        var g1 = autograd.grad(new[] { y }, new[] { x }, retain_graph: true);
        var g2 = autograd.grad(new[] { y }, new[] { x });            // the graph is freed now
        Assert.Equal(g1[0].item<double>(), g2[0].item<double>());
        Assert.Equal(3 * Math.Exp(2), g1[0].item<double>(), 12);   // (x + 1) e^x
        var e = Assert.Throws<ExternalException>(() => autograd.grad(new[] { y }, new[] { x }));
        Assert.Contains("second time", e.Message);
    }

    [Fact]
    public void CreateGraphGivesSecondDerivatives()
    {
        using var x = tensor(new double[] { 2, -1 }, requires_grad: true);
        using var y = (x * x * x).sum();
        // TorchSharp passes retain_graph as given (false by default), unlike PyTorch, where it
        // defaults to create_graph: a second derivative needs both.
        var d1 = autograd.grad(new[] { y }, new[] { x }, retain_graph: true, create_graph: true)[0];
        Assert.True(d1.requires_grad);
        Assert.Equal(new[] { 12.0, 3 }, D(d1));          // 3x^2
        var d2 = autograd.grad(new[] { d1.sum() }, new[] { x })[0];
        Assert.Equal(new[] { 12.0, -6 }, D(d2));         // 6x
    }

    [Fact]
    public void GradOutputsWeightTheOutputs()
    {
        using var x = tensor(new double[] { 1, 2, 3 }, requires_grad: true);
        using var y = x * 2;
        using var v = tensor(new double[] { 1, 10, 100 });
        var g = autograd.grad(new[] { y }, new[] { x }, new[] { v });
        Assert.Equal(new[] { 2.0, 20, 200 }, D(g[0]));
    }

    [Fact]
    public void SeveralOutputsAndInputs()
    {
        using var a = tensor(2.0, requires_grad: true);
        using var b = tensor(3.0, requires_grad: true);
        using var y1 = a * b;
        using var y2 = a + b;
        var g = autograd.grad(new List<Tensor> { y1, y2 }, new List<Tensor> { a, b });
        Assert.Equal(3.0 + 1, g[0].item<double>());
        Assert.Equal(2.0 + 1, g[1].item<double>());
    }

    [Fact]
    public void RequiresGradAndLeaves()
    {
        using var w = zeros(2);
        Assert.False(w.requires_grad);
        Assert.True(w.is_leaf);
        w.requires_grad = true;
        Assert.True(w.requires_grad);
        using var y = w * 2;
        Assert.True(y.requires_grad);
        Assert.False(y.is_leaf);
        Assert.Same(w, w.requires_grad_(false));
        Assert.False(w.requires_grad);
        Assert.Same(w, w.requires_grad_());
        Assert.True(w.requires_grad);
        using var i = zeros(2, ScalarType.Int64);
        Assert.Throws<ExternalException>(() => i.requires_grad = true);
    }

    [Fact]
    public void DetachCutsTheGraphButSharesStorage()
    {
        using var w = tensor(new float[] { 1, 2 }, requires_grad: true);
        using var y = w * 3;
        using var d = y.detach();
        Assert.False(d.requires_grad);
        Assert.True(d.is_leaf);
        d.fill_(0);
        Assert.Equal(new float[] { 0, 0 }, F(y));
        using var z = w * 3;
        Assert.Same(z, z.detach_());
        Assert.False(z.requires_grad);
    }

    [Fact]
    public void NoGradTurnsRecordingOffAndRestoresIt()
    {
        Assert.True(is_grad_enabled());
        using var w = tensor(new float[] { 1 }, requires_grad: true);
        using (no_grad())
        {
            Assert.False(is_grad_enabled());
            using var y = w * 2;
            Assert.False(y.requires_grad);
            using (enable_grad())
            {
                Assert.True(is_grad_enabled());
                using var z = w * 2;
                Assert.True(z.requires_grad);
            }
            Assert.False(is_grad_enabled());
        }
        Assert.True(is_grad_enabled());
    }

    [Fact]
    public void GradModeGuardsRestoreWhatWasThereBefore()
    {
        var off = set_grad_enabled(false);
        Assert.False(is_grad_enabled());
        var on = enable_grad(true);
        Assert.True(is_grad_enabled());
        var off2 = enable_grad(false);
        Assert.False(is_grad_enabled());
        off2.Dispose();
        Assert.True(is_grad_enabled());
        on.Dispose();
        Assert.False(is_grad_enabled());
        off.Dispose();
        Assert.True(is_grad_enabled());
        off.Dispose(); // a second dispose does nothing
        Assert.True(is_grad_enabled());
        using (set_grad_enabled())
            Assert.True(is_grad_enabled());
    }

    [Fact]
    public void InPlaceUpdatesUnderNoGradKeepTheLeaf()
    {
        using var w = tensor(new double[] { 1, 2 }, requires_grad: true);
        (w * w).sum().backward();
        using (no_grad())
        {
            w.sub_(w.grad!, 0.5); // an SGD step
        }
        Assert.True(w.requires_grad);
        Assert.True(w.is_leaf);
        Assert.Equal(new[] { 0.0, 0 }, D(w));
        Assert.Throws<ExternalException>(() => w.add_(1)); // outside no_grad: a leaf that requires grad
    }
}
