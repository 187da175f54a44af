using System.Runtime.InteropServices;
using TorchSharp;
using static TorchSharp.torch;
using static TorchSharp.Binding.Tests.TestUtil;

namespace TorchSharp.Binding.Tests;

/// <summary>Bad input gives a managed exception carrying libtorch's message, and the process goes on.</summary>
public class ErrorTests
{
    [Fact]
    public void MismatchedShapesInMm()
    {
        using var a = ones(2, 3);
        using var b = ones(2, 3);
        var e = Assert.Throws<ExternalException>(() => a.mm(b));
        Assert.Contains("mat1 and mat2 shapes cannot be multiplied (2x3 and 2x3)", e.Message);
        Assert.DoesNotContain("Exception raised from", e.Message); // no C++ backtrace
        using var ok = a.mm(b.t()); // and the next call works
        Assert.Equal(new long[] { 2, 2 }, ok.shape);
        Assert.Equal(3f, ok[0, 0].item<float>());
    }

    [Fact]
    public void OutOfRangeIndexInIndexSelect()
    {
        using var a = ones(3, 2);
        using var idx = tensor(new long[] { 0, 3 });
        var e = Assert.Throws<ExternalException>(() => a.index_select(0, idx));
        Assert.Contains("out of range", e.Message);
        using var neg = tensor(new long[] { -1 });
        Assert.Throws<ExternalException>(() => a.index_select(0, neg));
        using var fidx = tensor(new float[] { 0 });
        Assert.Throws<ExternalException>(() => a.index_select(0, fidx)); // indices must be integers
        Assert.Equal(new long[] { 3, 2 }, a.shape);
    }

    [Fact]
    public void OtherIndexingErrors()
    {
        using var z = zeros(3);
        using var far = tensor(new long[] { 7 });
        using var one = ones(1);
        Assert.Throws<ExternalException>(() => z.index_add_(0, far, one, 1));
        Assert.Throws<ExternalException>(() => z.scatter_add_(0, far, one));
        Assert.Throws<ExternalException>(() => z.gather(0, far));
        Assert.Throws<ExternalException>(() => z.index_select(1, far));
        Assert.All(F(z), v => Assert.Equal(0f, v)); // nothing was written
    }

    [Fact]
    public void ItemWithTheWrongTypeIsAnArgumentException()
    {
        using var d = tensor(1.5);
        var e = Assert.Throws<ArgumentException>(() => d.item<float>());
        Assert.Contains("Float64", e.Message);
        Assert.Throws<ArgumentException>(() => d.item<long>());
        using var f = tensor(1.5f);
        Assert.Throws<ArgumentException>(() => f.item<double>());
        using var l = tensor(3L);
        Assert.Throws<ArgumentException>(() => l.item<int>());
        Assert.Equal(1.5, d.item<double>());
    }

    [Fact]
    public void ItemOfSeveralElementsIsAnArgumentException()
    {
        using var v = tensor(new float[] { 1, 2 });
        Assert.Throws<ArgumentException>(() => v.item<float>());
        using var empty = zeros(0);
        Assert.Throws<ArgumentException>(() => empty.item<float>());
    }

    [Fact]
    public void DataWithTheWrongTypeIsAnArgumentException()
    {
        using var f = tensor(new float[] { 1, 2 });
        var e = Assert.Throws<ArgumentException>(() => f.data<double>());
        Assert.Contains("Float32", e.Message);
        Assert.Throws<ArgumentException>(() => f.data<int>());
        Assert.Throws<ArgumentException>(() => f.data<ushort>()); // a type no tensor has
        using var b = tensor(new[] { true });
        Assert.Throws<ArgumentException>(() => b.data<byte>());
        Assert.Equal(new float[] { 1, 2 }, F(f));
    }

    [Fact]
    public void ShapeErrors()
    {
        using var a = ones(2, 3);
        using var b = ones(4);
        Assert.Throws<ExternalException>(() => a + b);
        Assert.Throws<ExternalException>(() => a.view(4));
        Assert.Throws<ExternalException>(() => a.transpose(0, 2));
        Assert.Throws<ExternalException>(() => a.unsqueeze(4));
        Assert.Throws<ExternalException>(() => a.sum(dim: 2));
        Assert.Throws<ExternalException>(() => a.softmax(2));
        Assert.Throws<ExternalException>(() => cat(new[] { a, b }));
        Assert.Throws<ExternalException>(() => a.dot(a));
        Assert.Throws<ExternalException>(() => a.bmm(a));
    }

    [Fact]
    public void DtypeErrors()
    {
        using var f = ones(2, 2);
        using var d = ones(2, 2, ScalarType.Float64);
        var e = Assert.Throws<ExternalException>(() => f.mm(d));
        Assert.Contains("double", e.Message, StringComparison.OrdinalIgnoreCase);
        using var i = ones(2, ScalarType.Int64);
        Assert.Throws<ExternalException>(() => i.sqrt_()); // an integer tensor cannot hold the result
        Assert.Throws<ExternalException>(() => i.log_softmax(0));
    }

    [Fact]
    public void UsingADisposedTensorIsAManagedError()
    {
        var t = ones(2);
        t.Dispose();
        Assert.True(t.IsInvalid);
        Assert.Throws<InvalidOperationException>(() => t.sum());
        Assert.Throws<InvalidOperationException>(() => t.data<float>());
        using var ok = ones(2);
        Assert.Throws<InvalidOperationException>(() => ok + t);
    }

    [Fact]
    public void AnErrorDoesNotStickToTheNextCall()
    {
        using var a = ones(2, 3);
        Assert.Throws<ExternalException>(() => a.mm(a));
        // calls that return a value but were fine must not re-raise the stale message
        Assert.Equal(2, a.ndim);
        Assert.Equal(-1, a.device_index);
        using var g = a.grad;
        Assert.Null(g);
        using var s = a.sum();
        Assert.Equal(6f, s.item<float>());
    }

    [Fact]
    public void ManyErrorsInARow()
    {
        using var a = ones(2, 3);
        for (var i = 0; i < 200; i++)
            Assert.Throws<ExternalException>(() => a.mm(a));
        Assert.Equal(6f, a.sum().item<float>());
    }
}
