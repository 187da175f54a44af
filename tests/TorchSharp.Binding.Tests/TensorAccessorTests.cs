using TorchSharp;
using TorchSharp.Utils;
using static TorchSharp.torch;
using static TorchSharp.Binding.Tests.TestUtil;

namespace TorchSharp.Binding.Tests;

public class TensorAccessorTests
{
    [Fact]
    public void ToArrayCountAndEnumeration()
    {
        using var t = tensor(new float[] { 1, 2, 3, 4, 5, 6 }, new long[] { 2, 3 });
        using TensorAccessor<float> acc = t.data<float>();
        Assert.Equal(6, acc.Count);
        Assert.Equal(new float[] { 1, 2, 3, 4, 5, 6 }, acc.ToArray());
        Assert.Equal(21f, acc.Sum());                         // IEnumerable<T>
        Assert.Equal(6, ((System.Collections.IEnumerable)acc).Cast<float>().Count());
        using var e = acc.GetEnumerator();
        Assert.True(e.MoveNext());
        Assert.Equal(1f, e.Current);
    }

    [Fact]
    public void ToArrayReturnsAFreshArray()
    {
        using var t = tensor(new long[] { 1, 2 });
        var acc = t.data<long>();
        var a = acc.ToArray();
        a[0] = 100;
        Assert.Equal(1L, acc.ToArray()[0]);
        Assert.Equal(1L, t[0].item<long>());
    }

    [Fact]
    public void IndexerTakesALinearIndexOrOnePerDimension()
    {
        using var t = tensor(new double[] { 1, 2, 3, 4, 5, 6 }, new long[] { 2, 3 });
        var acc = t.data<double>();
        Assert.Equal(4.0, acc[3]);
        Assert.Equal(6.0, acc[1, 2]);
        Assert.Equal(2.0, acc[0, 1]);
        Assert.Throws<IndexOutOfRangeException>(() => acc[6]);
        Assert.Throws<IndexOutOfRangeException>(() => acc[-1]);
        Assert.Throws<IndexOutOfRangeException>(() => acc[2, 0]);
        Assert.Throws<IndexOutOfRangeException>(() => acc[0, 3]);
        Assert.Throws<ArgumentException>(() => acc[0, 0, 0]);
    }

    [Fact]
    public void AViewIsReadInItsLogicalOrder()
    {
        using var m = tensor(new int[] { 1, 2, 3, 4, 5, 6 }, new long[] { 2, 3 });
        using var t = m.t();
        var acc = t.data<int>();
        Assert.Equal(new[] { 1, 4, 2, 5, 3, 6 }, acc.ToArray());
        Assert.Equal(5, acc[1, 1]);
        Assert.Equal(2, acc[2]);
        using var col = m.select(1, 2);
        Assert.Equal(new[] { 3, 6 }, col.data<int>().ToArray());
        using var e = tensor(new float[] { 7 }, new long[] { 1, 1 }).expand(2, 2);
        Assert.Equal(new float[] { 7, 7, 7, 7 }, e.data<float>().ToArray());
    }

    [Fact]
    public void CopyToArraysAndSpans()
    {
        using var t = tensor(new float[] { 1, 2, 3, 4 });
        var acc = t.data<float>();
        var dst = new float[6];
        acc.CopyTo(dst);
        Assert.Equal(new float[] { 1, 2, 3, 4, 0, 0 }, dst);
        var dst2 = new float[6];
        acc.CopyTo(dst2, arrayIndex: 2, tensorIndex: 1);
        Assert.Equal(new float[] { 0, 0, 2, 3, 4, 0 }, dst2);
        var small = new float[2];
        acc.CopyTo(small);
        Assert.Equal(new float[] { 1, 2 }, small); // as much as fits
        Span<float> span = stackalloc float[5];
        acc.CopyTo(span, 1);
        Assert.Equal(new float[] { 0, 1, 2, 3, 4 }, span.ToArray());
        Span<float> span2 = stackalloc float[2];
        acc.CopyTo(span2, 0, 2);
        Assert.Equal(new float[] { 3, 4 }, span2.ToArray());
    }

    [Fact]
    public void AccessorsForEachElementType()
    {
        using var b = tensor(new[] { true, false });
        Assert.Equal(new[] { true, false }, b.data<bool>().ToArray());
        using var by = tensor(new byte[] { 1, 250 });
        Assert.Equal(new byte[] { 1, 250 }, by.data<byte>().ToArray());
        using var i8 = tensor(new long[] { -5 }).to(ScalarType.Int8);
        Assert.Equal(new sbyte[] { -5 }, i8.data<sbyte>().ToArray());
        using var i16 = tensor(new long[] { -300 }).to(ScalarType.Int16);
        Assert.Equal(new short[] { -300 }, i16.data<short>().ToArray());
        Assert.Equal((short)-300, i16.item<short>());
        using var s = tensor(2.5);
        Assert.Equal(new[] { 2.5 }, s.data<double>().ToArray()); // a 0-dim tensor has one element
        Assert.Equal(2.5, s.data<double>()[0]);
        using var empty = zeros(0, 3);
        Assert.Empty(empty.data<float>().ToArray());
        Assert.Equal(0, empty.data<float>().Count);
    }

    [Fact]
    public void TheAccessorIsALiveViewOfTheTensor()
    {
        using var t = tensor(new float[] { 1, 2, 3, 4 }, new long[] { 2, 2 });
        var acc = t.data<float>();
        t.mul_(10);                       // in-place changes show through
        Assert.Equal(20f, acc[1]);
        using var row = t[1];
        var racc = row.data<float>();     // a view's accessor reads the base's memory
        t.zero_();
        Assert.Equal(new float[] { 0, 0 }, racc.ToArray());
        acc.Dispose();                    // owns nothing: the tensor stays usable
        acc.Dispose();
        Assert.False(t.IsInvalid);
    }

    [Fact]
    public void AnAccessorOfADisposedTensorThrowsInsteadOfReadingFreedMemory()
    {
        var t = tensor(new double[] { 1, 2 });
        var acc = t.data<double>();
        t.Dispose();
        Assert.Throws<ObjectDisposedException>(() => acc[0]);
        Assert.Throws<ObjectDisposedException>(() => acc.ToArray());
        Assert.Throws<ObjectDisposedException>(() => acc.First());
    }

    [Fact]
    public void CopyToRejectsBadOffsets()
    {
        using var t = tensor(new float[] { 1, 2 });
        var acc = t.data<float>();
        Assert.Throws<ArgumentOutOfRangeException>(() => acc.CopyTo(new float[2], -1));
        Assert.Throws<ArgumentOutOfRangeException>(() => acc.CopyTo(new float[2], 3));
        Assert.Throws<ArgumentOutOfRangeException>(() => acc.CopyTo(new float[2], 0, 3));
        var dst = new float[2];
        acc.CopyTo(dst, 2); // nothing fits: nothing copied
        acc.CopyTo(dst, 0, 2);
        Assert.Equal(new float[] { 0, 0 }, dst);
    }

    [Fact]
    public void ReadingOneElementDoesNotCopyTheTensor()
    {
        using var big = zeros(2000, 1000);
        big[1999, 999].fill_(5);
        var sw = System.Diagnostics.Stopwatch.StartNew();
        float sum = 0;
        for (var i = 0; i < 2000; i++) sum += big.data<float>()[i, 999]; // 2000 accessors of 2M floats
        Assert.Equal(5f, sum);
        Assert.True(sw.ElapsedMilliseconds < 2000, $"took {sw.ElapsedMilliseconds} ms");
    }
}
