using System.Runtime.InteropServices;
using TorchSharp;
using static TorchSharp.torch;
using static TorchSharp.Binding.Tests.TestUtil;

namespace TorchSharp.Binding.Tests;

public class IndexingTests
{
    private static Tensor M32() => M(new float[] { 1, 2 }, new float[] { 3, 4 }, new float[] { 5, 6 });

    [Fact]
    public void IndexSelectAlongEitherDimension()
    {
        using var m = M32();
        using var idx = tensor(new long[] { 2, 0, 2 });
        using var rows = m.index_select(0, idx);
        Assert.Equal(new long[] { 3, 2 }, rows.shape);
        Assert.Equal(new float[] { 5, 6, 1, 2, 5, 6 }, F(rows));
        using var c = tensor(new long[] { 1 });
        using var cols = m.index_select(1, c);
        Assert.Equal(new float[] { 2, 4, 6 }, F(cols));
        Assert.Equal(F(rows), F(index_select(m, 0, idx)));
        using var i32 = tensor(new int[] { 1 });
        Assert.Equal(new float[] { 3, 4 }, F(m.index_select(0, i32))); // Int32 indices work too
    }

    [Fact]
    public void IndexAddAccumulatesDuplicateIndicesScaledByAlpha()
    {
        using var z = zeros(3, 2);
        using var idx = tensor(new long[] { 0, 2, 0 });
        using var src = M(new float[] { 1, 1 }, new float[] { 2, 2 }, new float[] { 3, 3 });
        Assert.Same(z, z.index_add_(0, idx, src, 2));
        // row 0 += 2*(1 + 3), row 2 += 2*2
        Assert.Equal(new float[] { 8, 8, 0, 0, 4, 4 }, F(z));
        z.index_add_(0, idx, src, 1);
        Assert.Equal(new float[] { 12, 12, 0, 0, 6, 6 }, F(z));
    }

    [Fact]
    public void IndexAddOutOfPlaceLeavesTheInputAlone()
    {
        using var z = zeros(2, 3, ScalarType.Float64);
        using var idx = tensor(new long[] { 1, 1 });
        using var src = MD(new[] { 1.0, 2 }, new[] { 10.0, 20 });
        using var r = z.index_add(1, idx, src, -0.5);
        Assert.Equal(new[] { 0, -1.5, 0, 0, -15, 0 }, D(r));
        Assert.All(D(z), v => Assert.Equal(0.0, v));
    }

    [Fact]
    public void Gather()
    {
        using var m = M(new float[] { 1, 2 }, new float[] { 3, 4 });
        using var idx = tensor(new long[] { 0, 0, 1, 0 }, new long[] { 2, 2 });
        Assert.Equal(new float[] { 1, 1, 4, 3 }, F(m.gather(1, idx)));
        Assert.Equal(new float[] { 1, 2, 3, 2 }, F(gather(m, 0, idx)));
    }

    [Fact]
    public void ScatterAdd()
    {
        using var z = zeros(3);
        using var idx = tensor(new long[] { 0, 1, 0, 2 });
        using var src = tensor(new float[] { 1, 2, 3, 4 });
        Assert.Same(z, z.scatter_add_(0, idx, src));
        Assert.Equal(new float[] { 4, 2, 4 }, F(z));
        using var z2 = zeros(2, 2);
        using var i2 = tensor(new long[] { 1, 1, 0, 0 }, new long[] { 2, 2 });
        using var s2 = M(new float[] { 1, 2 }, new float[] { 3, 4 });
        using var r = z2.scatter_add(1, i2, s2);
        Assert.Equal(new float[] { 0, 3, 7, 0 }, F(r));
        Assert.All(F(z2), v => Assert.Equal(0f, v));
    }

    [Fact]
    public void IntegerIndexersAreViews()
    {
        using var m = M32();
        using var row = m[1];
        Assert.Equal(new long[] { 2 }, row.shape);
        Assert.Equal(new float[] { 3, 4 }, F(row));
        using var e = m[2, 1];
        Assert.Equal(0, e.ndim);
        Assert.Equal(6f, e.item<float>());
        using var last = m[-1];
        Assert.Equal(new float[] { 5, 6 }, F(last));
        row.fill_(0); // a view: writes through
        Assert.Equal(new float[] { 1, 2, 0, 0, 5, 6 }, F(m));
        Assert.Throws<ExternalException>(() => m[3]);
        Assert.Throws<ExternalException>(() => m[0, 2]);
    }

    [Fact]
    public void SelectNarrowSlice()
    {
        using var m = M32();
        Assert.Equal(new float[] { 2, 4, 6 }, F(m.select(1, 1)));
        using var n = m.narrow(0, 1, 2);
        Assert.Equal(new long[] { 2, 2 }, n.shape);
        Assert.Equal(new float[] { 3, 4, 5, 6 }, F(n));
        using var neg = m.narrow(0, -2, 2); // negative start counts from the end
        Assert.Equal(new float[] { 3, 4, 5, 6 }, F(neg));
        Assert.Throws<ExternalException>(() => m.narrow(0, 1, 5)); // narrow checks, slice clamps
        using var s = m.slice(0, 0, 3, 2);
        Assert.Equal(new float[] { 1, 2, 5, 6 }, F(s));
        using var clamped = m.slice(0, 1, 100, 1);
        Assert.Equal(new long[] { 2, 2 }, clamped.shape);
        n.fill_(-1); // a view
        Assert.Equal(new float[] { 1, 2, -1, -1, -1, -1 }, F(m));
    }

    [Fact]
    public void CatAndStack()
    {
        using var a = M(new float[] { 1, 2 });
        using var b = M(new float[] { 3, 4 }, new float[] { 5, 6 });
        using var c0 = cat(new[] { a, b });
        Assert.Equal(new long[] { 3, 2 }, c0.shape);
        Assert.Equal(new float[] { 1, 2, 3, 4, 5, 6 }, F(c0));
        using var c1 = cat(new List<Tensor> { b, b }, 1);
        Assert.Equal(new long[] { 2, 4 }, c1.shape);
        using var s0 = stack(new[] { a, a });
        Assert.Equal(new long[] { 2, 1, 2 }, s0.shape);
        using var s2 = stack(new[] { a, a }.AsEnumerable(), 2);
        Assert.Equal(new long[] { 1, 2, 2 }, s2.shape);
        Assert.Equal(new float[] { 1, 1, 2, 2 }, F(s2));
        Assert.Throws<ExternalException>(() => stack(new[] { a, b }));
        Assert.Throws<ArgumentException>(() => cat(Array.Empty<Tensor>()));
    }
}
