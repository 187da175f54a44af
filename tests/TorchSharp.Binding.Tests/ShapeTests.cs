using System.Runtime.InteropServices;
using TorchSharp;
using static TorchSharp.torch;
using static TorchSharp.Binding.Tests.TestUtil;

namespace TorchSharp.Binding.Tests;

public class ShapeTests
{
    [Fact]
    public void MetadataOfA3DTensor()
    {
        using var t = zeros(2, 3, 4);
        Assert.Equal(new long[] { 2, 3, 4 }, t.shape);
        Assert.Equal(new long[] { 2, 3, 4 }, t.size());
        Assert.Equal(3, t.size(1));
        Assert.Equal(4, t.size(-1));
        Assert.Throws<ArgumentOutOfRangeException>(() => t.size(3));
        Assert.Throws<ArgumentOutOfRangeException>(() => t.size(-4));
        Assert.Equal(new long[] { 12, 4, 1 }, t.stride());
        Assert.Equal(3, t.ndim);
        Assert.Equal(3, t.Dimensions);
        Assert.Equal(3, t.dim());
        Assert.Equal(24, t.numel());
        Assert.Equal(24, t.NumberOfElements);
        Assert.Equal("[2x3x4], type = Float32, device = cpu", t.ToString());
        using var s = tensor(1.0);
        Assert.Empty(s.shape);
        Assert.Equal(1, s.numel());
        Assert.Equal("[], type = Float64, device = cpu", s.ToString());
    }

    [Fact]
    public void ShapeIsACopy()
    {
        using var t = zeros(2, 3);
        var shape = t.shape;
        shape[0] = 99;
        Assert.Equal(2, t.shape[0]);
    }

    [Fact]
    public void ViewAndReshape()
    {
        using var a = arange(6, ScalarType.Float32);
        using var v = a.view(2, 3);
        Assert.Equal(new long[] { 2, 3 }, v.shape);
        using var inferred = a.view(-1, 2);
        Assert.Equal(new long[] { 3, 2 }, inferred.shape);
        v.fill_(1); // a view shares storage
        Assert.All(F(a), x => Assert.Equal(1f, x));
        using var r = a.reshape(3, 2);
        Assert.Equal(new long[] { 3, 2 }, r.shape);
        using var back = a.reshape(-1);
        Assert.Equal(new long[] { 6 }, back.shape);
        Assert.Throws<ExternalException>(() => a.view(4, 2));
        Assert.Throws<ExternalException>(() => a.reshape(5));
    }

    [Fact]
    public void ViewOfANonContiguousTensorFailsWhereReshapeCopies()
    {
        using var m = M(new float[] { 1, 2, 3 }, new float[] { 4, 5, 6 });
        using var t = m.t();
        var e = Assert.Throws<ExternalException>(() => t.view(6));
        Assert.Contains("view", e.Message);
        using var r = t.reshape(6);
        Assert.Equal(new float[] { 1, 4, 2, 5, 3, 6 }, F(r));
    }

    [Fact]
    public void UnsqueezeAndSqueeze()
    {
        using var v = tensor(new float[] { 1, 2, 3 });
        using var u0 = v.unsqueeze(0);
        Assert.Equal(new long[] { 1, 3 }, u0.shape);
        using var u1 = v.unsqueeze(1);
        Assert.Equal(new long[] { 3, 1 }, u1.shape);
        using var ul = v.unsqueeze(-1);
        Assert.Equal(new long[] { 3, 1 }, ul.shape);
        using var z = zeros(new long[] { 1, 3, 1, 2 });
        using var all = z.squeeze();
        Assert.Equal(new long[] { 3, 2 }, all.shape);
        using var one = z.squeeze(2);
        Assert.Equal(new long[] { 1, 3, 2 }, one.shape);
        using var none = z.squeeze(1); // size 3: unchanged
        Assert.Equal(new long[] { 1, 3, 1, 2 }, none.shape);
        using var nul = z.squeeze(null);
        Assert.Equal(new long[] { 3, 2 }, nul.shape);
    }

    [Fact]
    public void TransposeAndT()
    {
        using var t = arange(24, ScalarType.Float32).view(2, 3, 4);
        using var tr = t.transpose(0, 2);
        Assert.Equal(new long[] { 4, 3, 2 }, tr.shape);
        Assert.Equal(t[1, 2].data<float>()[3], tr[3, 2].data<float>()[1]);
        using var neg = t.transpose(-1, -2);
        Assert.Equal(new long[] { 2, 4, 3 }, neg.shape);
        using var m = M(new float[] { 1, 2, 3 }, new float[] { 4, 5, 6 });
        using var mt = m.t();
        Assert.Equal(new long[] { 3, 2 }, mt.shape);
        Assert.Equal(new float[] { 1, 4, 2, 5, 3, 6 }, F(mt));
        Assert.Throws<ExternalException>(() => t.t()); // t() is for <= 2-D tensors
    }

    [Fact]
    public void ExpandBroadcastsWithoutCopying()
    {
        using var col = tensor(new float[] { 1, 2 }, new long[] { 2, 1 });
        using var e = col.expand(2, 3);
        Assert.Equal(new long[] { 2, 3 }, e.shape);
        Assert.Equal(new long[] { 1, 0 }, e.stride());
        Assert.Equal(new float[] { 1, 1, 1, 2, 2, 2 }, F(e));
        using var keep = col.expand(-1, 4);
        Assert.Equal(new long[] { 2, 4 }, keep.shape);
        using var more = col.expand(3, 2, 2);
        Assert.Equal(new long[] { 3, 2, 2 }, more.shape);
        Assert.Throws<ExternalException>(() => col.expand(3, 3));
    }
}
