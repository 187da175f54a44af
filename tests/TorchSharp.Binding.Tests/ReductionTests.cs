using TorchSharp;
using static TorchSharp.torch;
using static TorchSharp.Binding.Tests.TestUtil;

namespace TorchSharp.Binding.Tests;

public class ReductionTests
{
    private static Tensor M22() => M(new float[] { 1, 2 }, new float[] { 3, 4 });

    // ------------------------------------------------------------------ sum and the sum(0) trap

    [Fact]
    public void SumOfEverything()
    {
        using var m = M22();
        using var s = m.sum();
        Assert.Equal(0, s.ndim);
        Assert.Equal(ScalarType.Float32, s.dtype);
        Assert.Equal(10f, s.item<float>());
        using var d = m.sum(type: ScalarType.Float64);
        Assert.Equal(ScalarType.Float64, d.dtype);
        Assert.Equal(10.0, d.item<double>());
    }

    [Fact]
    public void SumOfLiteralZeroBindsToTheDtypeOverloadAsInTorchSharp()
    {
        // A literal 0 converts to any enum, and sum(ScalarType?) needs no default arguments, so
        // C# picks it: t.sum(0) is the TOTAL, computed as ScalarType 0 = Byte (uint8).
        using var m = M22();
        using var s = m.sum(0);
        Assert.Equal(ScalarType.Byte, s.dtype);
        Assert.Equal(0, s.ndim);
        Assert.Equal((byte)10, s.item<byte>());

        // uint8 arithmetic wraps: 100 + 100 + 100 = 300 = 44 (mod 256).
        using var big = tensor(new float[] { 100, 100, 100 });
        Assert.Equal((byte)44, big.sum(0).item<byte>());
    }

    [Fact]
    public void SumOverADimension()
    {
        using var m = M22();
        using var s0 = m.sum(dim: 0);
        Assert.Equal(new long[] { 2 }, s0.shape);
        Assert.Equal(new float[] { 4, 6 }, F(s0));
        long dim = 0; // a non-literal long also picks the dim overload
        Assert.Equal(new float[] { 4, 6 }, F(m.sum(dim)));
        using var s1 = m.sum(1, keepdim: true);
        Assert.Equal(new long[] { 2, 1 }, s1.shape);
        Assert.Equal(new float[] { 3, 7 }, F(s1));
        using var s2 = m.sum(-1, false, ScalarType.Float64);
        Assert.Equal(ScalarType.Float64, s2.dtype);
        Assert.Equal(new[] { 3.0, 7 }, D(s2));
    }

    [Fact]
    public void SumOverSeveralDimensions()
    {
        using var t = arange(24, ScalarType.Float32).view(2, 3, 4);
        using var a = t.sum(new long[] { 0, 2 });
        Assert.Equal(new long[] { 3 }, a.shape);
        // element (i,j,k) = 12i + 4j + k; sum over i,k = sum_i sum_k = 2*4*4j + 4*12 + 2*6 = 32j + 60
        Assert.Equal(new float[] { 60, 92, 124 }, F(a));
        using var b = t.sum(new long[] { 1 }, keepdim: true, type: ScalarType.Float64);
        Assert.Equal(new long[] { 2, 1, 4 }, b.shape);
        Assert.Equal(ScalarType.Float64, b.dtype);
        using var c = t.sum(new ReadOnlySpan<long>(new long[] { 0, 1, 2 }));
        Assert.Equal(276f, c.item<float>());
        using var d = t.sum(new ReadOnlySpan<long>(new long[] { 2 }), true, ScalarType.Float64);
        Assert.Equal(new long[] { 2, 3, 1 }, d.shape);
    }

    [Fact]
    public void IntegerSumsPromoteToInt64()
    {
        using var i = tensor(new int[] { 1, 2, 3 });
        using var s = i.sum();
        Assert.Equal(ScalarType.Int64, s.dtype);
        Assert.Equal(6L, s.item<long>());
        using var b = tensor(new[] { true, true, false });
        Assert.Equal(2L, b.sum().item<long>());
    }

    // ------------------------------------------------------------------ mean

    [Fact]
    public void MeanOverEverythingAndOverDimensions()
    {
        using var m = M22();
        Assert.Equal(2.5f, m.mean().item<float>());
        using var m0 = m.mean(new long[] { 0 });
        Assert.Equal(new float[] { 2, 3 }, F(m0));
        using var m1 = m.mean(new long[] { 1 }, keepdim: true);
        Assert.Equal(new long[] { 2, 1 }, m1.shape);
        Assert.Equal(new float[] { 1.5f, 3.5f }, F(m1));
        using var all = m.mean(new long[] { 0, 1 }, false, ScalarType.Float64);
        Assert.Equal(ScalarType.Float64, all.dtype);
        Assert.Equal(2.5, all.item<double>());
    }

    [Fact]
    public void MeanOfAnIntegerTensorIsANativeError()
    {
        using var i = tensor(new long[] { 1, 2 });
        var e = Assert.Throws<System.Runtime.InteropServices.ExternalException>(() => i.mean());
        Assert.Contains("dtype", e.Message);
        using var m = i.mean(new long[] { 0 }, type: ScalarType.Float64); // with a dtype it works
        Assert.Equal(1.5, m.item<double>());
    }

    // ------------------------------------------------------------------ logsumexp, norm

    [Fact]
    public void LogSumExp()
    {
        using var x = tensor(new double[] { 0, Math.Log(2), Math.Log(3), 1000, 1000, 1000 }, new long[] { 2, 3 });
        using var l = x.logsumexp(1);
        Assert.Equal(new long[] { 2 }, l.shape);
        Close(new[] { Math.Log(6), 1000 + Math.Log(3) }, D(l));  // finite for large inputs
        using var k = logsumexp(x, 1, keepdim: true);
        Assert.Equal(new long[] { 2, 1 }, k.shape);
        Close(D(l), D(k));
        using var c = x.logsumexp(0);
        Assert.Equal(new long[] { 3 }, c.shape);
        Close(new[] { 1000.0, 1000.0, 1000.0 }, D(c), 1e-12);
    }

    [Fact]
    public void Norms()
    {
        using var v = tensor(new float[] { 3, -4 });
        Assert.Equal(5f, v.norm().item<float>());
        Assert.Equal(7f, v.norm(1f).item<float>()); // a float picks p; an int literal would pick norm(int dim)
        Assert.Equal(4f, v.norm(float.PositiveInfinity).item<float>());
        using var m = M(new float[] { 3, 4 }, new float[] { 6, 8 });
        using var rows = m.norm(1);
        Assert.Equal(new float[] { 5, 10 }, F(rows));
        using var cols = m.norm(0, keepdim: true, p: 1);
        Assert.Equal(new long[] { 1, 2 }, cols.shape);
        Assert.Equal(new float[] { 9, 12 }, F(cols));
    }

    // ------------------------------------------------------------------ arg/max/min, topk

    [Fact]
    public void ArgmaxAndArgmin()
    {
        using var m = M(new float[] { 1, 9, 3 }, new float[] { 7, 2, 8 });
        using var am = m.argmax();
        Assert.Equal(ScalarType.Int64, am.dtype);
        Assert.Equal(1L, am.item<long>()); // flat index
        Assert.Equal(0L, m.argmin().item<long>());
        Assert.Equal(new long[] { 1, 2 }, L(m.argmax(1)));
        Assert.Equal(new long[] { 1, 0, 1 }, L(m.argmax(0)));
        using var k = m.argmax(1, keepdim: true);
        Assert.Equal(new long[] { 2, 1 }, k.shape);
        Assert.Equal(new long[] { 0, 1 }, L(m.argmin(1)));
        Assert.Equal(new long[] { 0, 1, 0 }, L(m.argmin(0)));
        Assert.Equal(new long[] { 2, 1 }, m.argmin(-1, true).shape);
    }

    [Fact]
    public void MaxAndMin()
    {
        using var m = M(new float[] { 1, 9, 3 }, new float[] { 7, 2, 8 });
        Assert.Equal(9f, m.max().item<float>());
        Assert.Equal(1f, m.min().item<float>());

        var (values, indexes) = m.max(1);
        Assert.Equal(new float[] { 9, 8 }, F(values));
        Assert.Equal(new long[] { 1, 2 }, L(indexes));
        Assert.Equal(ScalarType.Int64, indexes.dtype);
        values.Dispose(); indexes.Dispose();

        var mx = m.max(0, keepdim: true);
        Assert.Equal(new long[] { 1, 3 }, mx.values.shape);
        Assert.Equal(new float[] { 7, 9, 8 }, F(mx.values));
        Assert.Equal(new long[] { 1, 0, 1 }, L(mx.indexes));

        var mn = m.min(1);
        Assert.Equal(new float[] { 1, 2 }, F(mn.values));
        Assert.Equal(new long[] { 0, 1 }, L(mn.indexes));
        var mn0 = m.min(0, true);
        Assert.Equal(new long[] { 1, 3 }, mn0.indexes.shape);
    }

    [Fact]
    public void TopK()
    {
        using var v = tensor(new float[] { 5, 1, 9, 3, 7 });
        var (values, indexes) = v.topk(3);
        Assert.Equal(new float[] { 9, 7, 5 }, F(values));
        Assert.Equal(new long[] { 2, 4, 0 }, L(indexes));
        var low = v.topk(2, largest: false);
        Assert.Equal(new float[] { 1, 3 }, F(low.values));
        Assert.Equal(new long[] { 1, 3 }, L(low.indexes));

        using var m = M(new float[] { 1, 9, 3 }, new float[] { 7, 2, 8 });
        var cols = m.topk(1, dim: 0);
        Assert.Equal(new long[] { 1, 3 }, cols.values.shape);
        Assert.Equal(new float[] { 7, 9, 8 }, F(cols.values));
        var st = topk(v, 2, 0, true, true);
        Assert.Equal(new float[] { 9, 7 }, F(st.values));
        var unsorted = v.topk(5, sorted: false);
        Assert.Equal(new float[] { 1, 3, 5, 7, 9 }, F(unsorted.values).OrderBy(x => x).ToArray());
        Assert.Throws<System.Runtime.InteropServices.ExternalException>(() => v.topk(6));
    }

    [Fact]
    public void CumSum()
    {
        using var m = M22();
        Assert.Equal(new float[] { 1, 2, 4, 6 }, F(m.cumsum(0)));
        Assert.Equal(new float[] { 1, 3, 3, 7 }, F(m.cumsum(1)));
        using var d = m.cumsum(-1, ScalarType.Float64);
        Assert.Equal(ScalarType.Float64, d.dtype);
    }

    // ------------------------------------------------------------------ softmax family

    [Fact]
    public void SoftmaxRowsSumToOneAndMatchHandValues()
    {
        using var x = MD(new[] { 0, Math.Log(3) }, new[] { 1.0, 1.0 });
        using var s = x.softmax(1);
        Close(new[] { 0.25, 0.75, 0.5, 0.5 }, D(s));
        Close(new[] { 1.0, 1.0 }, D(s.sum(dim: 1)));
        using var big = tensor(new float[] { 1, 2, 3, 4, 5, 6, -7, 0, 7, 100, 200, 300 }, new long[] { 3, 4 });
        Close(new[] { 1f, 1f, 1f }, F(big.softmax(-1).sum(dim: 1)));
        Close(new[] { 1f, 1f, 1f, 1f }, F(big.softmax(0).sum(dim: 0)));
    }

    [Fact]
    public void SoftmaxIsShiftInvariant()
    {
        using var x = tensor(new double[] { 0.5, -1, 2, 3 }, new long[] { 2, 2 });
        using var shifted = x + 1000;
        Close(D(x.softmax(1)), D(shifted.softmax(1)), 1e-12);
        Assert.All(D(shifted.softmax(1)), v => Assert.True(double.IsFinite(v)));
    }

    [Fact]
    public void SoftmaxWithADtypeComputesInThatDtype()
    {
        using var x = tensor(new float[] { 0, 1 });
        using var s = x.softmax(0, ScalarType.Float64);
        Assert.Equal(ScalarType.Float64, s.dtype);
        Close(new[] { 1 / (1 + Math.E), Math.E / (1 + Math.E) }, D(s), 1e-12);
        using var ls = x.log_softmax(0, ScalarType.Float64);
        Assert.Equal(ScalarType.Float64, ls.dtype);
    }

    [Fact]
    public void LogSoftmaxIsTheLogOfSoftmax()
    {
        using var x = MD(new[] { 1.0, 2, 3 }, new[] { 1000.0, 0, -1000 });
        using var ls = x.log_softmax(1);
        using var s = x.softmax(1);
        var lsv = D(ls);
        Assert.All(lsv, v => Assert.False(double.IsNaN(v)));
        Close(D(s.log()).Take(3).ToArray(), lsv.Take(3).ToArray(), 1e-12);
        Assert.Equal(0.0, lsv[3], 12);
        Assert.Equal(-2000.0, lsv[5], 9); // finite, where log(softmax) would be -inf
    }

    [Fact]
    public void StaticSoftmaxForms()
    {
        using var x = tensor(new float[] { 1, 2, 3, 4 }, new long[] { 2, 2 });
        int dim = 1;
        Close(F(x.softmax(1)), F(softmax(x, dim)));
        Close(F(x.softmax(0, ScalarType.Float64).to(ScalarType.Float32)), F(softmax(x, 0, ScalarType.Float64).to(ScalarType.Float32)));
        Close(F(x.log_softmax(1)), F(log_softmax(x, 1)));
        Close(F(x.log_softmax(0)), F(log_softmax(x, 0, null)));
    }
}
