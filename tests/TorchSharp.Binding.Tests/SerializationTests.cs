using System.Runtime.InteropServices;
using TorchSharp;
using static TorchSharp.torch;
using static TorchSharp.Binding.Tests.TestUtil;

namespace TorchSharp.Binding.Tests;

public sealed class SerializationTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "tsb-ser-" + Guid.NewGuid().ToString("N"));

    public SerializationTests() => Directory.CreateDirectory(_dir);

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string PathOf(string name) => Path.Combine(_dir, name);

    [Fact]
    public void Float32RoundTrip()
    {
        var file = PathOf("f32.pt");
        using var t = tensor(new float[] { 1.5f, -2, float.MaxValue, float.Epsilon, 0, 7 }, new long[] { 2, 3 });
        save(t, file);
        Assert.True(new FileInfo(file).Length > 0);
        using var back = load(file);
        Assert.Equal(ScalarType.Float32, back.dtype);
        Assert.Equal(new long[] { 2, 3 }, back.shape);
        Assert.Equal(F(t), F(back));
    }

    [Fact]
    public void Float64Int64AndBoolRoundTrip()
    {
        using var d = tensor(new[] { Math.PI, -1e-300, 1e300 });
        using var l = tensor(new long[] { long.MinValue, 0, long.MaxValue, 5 }, new long[] { 2, 2 });
        using var b = tensor(new[] { true, false });
        save(d, PathOf("d.pt"));
        save(l, PathOf("l.pt"));
        save(b, PathOf("b.pt"));
        using var d2 = load(PathOf("d.pt"));
        using var l2 = load(PathOf("l.pt"));
        using var b2 = load(PathOf("b.pt"));
        Assert.Equal(D(d), D(d2));
        Assert.Equal(new long[] { 2, 2 }, l2.shape);
        Assert.Equal(L(l), L(l2));
        Assert.Equal(B(b), B(b2));
    }

    [Fact]
    public void ScalarAndEmptyTensorsRoundTrip()
    {
        using var s = tensor(3.25);
        save(s, PathOf("s.pt"));
        using var s2 = load(PathOf("s.pt"));
        Assert.Equal(0, s2.ndim);
        Assert.Equal(3.25, s2.item<double>());
        using var e = zeros(new long[] { 0, 4 });
        save(e, PathOf("e.pt"));
        using var e2 = load(PathOf("e.pt"));
        Assert.Equal(new long[] { 0, 4 }, e2.shape);
    }

    [Fact]
    public void AViewIsSavedAsItsOwnValues()
    {
        using var m = M(new float[] { 1, 2, 3 }, new float[] { 4, 5, 6 });
        using var v = m.t().narrow(0, 1, 2); // non-contiguous view of part of m
        save(v, PathOf("v.pt"));
        using var back = load(PathOf("v.pt"));
        Assert.Equal(new long[] { 2, 2 }, back.shape);
        Assert.Equal(new float[] { 2, 5, 3, 6 }, F(back));
    }

    [Fact]
    public void SavingATensorThatRequiresGradLoadsPlainValues()
    {
        using var w = tensor(new double[] { 1, 2 }, requires_grad: true);
        using var y = w * 2;
        save(y, PathOf("y.pt"));
        using var back = load(PathOf("y.pt"));
        Assert.False(back.requires_grad);
        Assert.Equal(new[] { 2.0, 4 }, D(back));
    }

    [Fact]
    public void SavingOverwrites()
    {
        var file = PathOf("o.pt");
        using var a = tensor(new float[] { 1, 2, 3, 4, 5, 6, 7, 8 });
        using var b = tensor(new float[] { 9 });
        save(a, file);
        save(b, file);
        using var back = load(file);
        Assert.Equal(new float[] { 9 }, F(back));
    }

    [Fact]
    public void LoadingAMissingFileThrowsWithThePath()
    {
        var file = PathOf("missing.pt");
        var e = Assert.Throws<ExternalException>(() => load(file));
        Assert.Contains(file, e.Message);
    }

    [Fact]
    public void LoadingSomethingElseThrows()
    {
        var file = PathOf("junk.pt");
        File.WriteAllText(file, "not a tensor archive");
        Assert.Throws<ExternalException>(() => load(file));
        File.WriteAllBytes(PathOf("empty.pt"), Array.Empty<byte>());
        Assert.Throws<ExternalException>(() => load(PathOf("empty.pt")));
    }

    [Fact]
    public void SavingIntoAMissingFolderThrows()
    {
        using var t = zeros(1);
        var file = Path.Combine(_dir, "no", "such", "dir", "t.pt");
        var e = Assert.Throws<ExternalException>(() => save(t, file));
        Assert.Contains(file, e.Message);
    }

    [Fact]
    public void PathsWithNonAsciiCharactersWork()
    {
        var file = PathOf("tensör ü.pt");
        using var t = tensor(new long[] { 42 });
        save(t, file);
        Assert.True(File.Exists(file));
        using var back = load(file);
        Assert.Equal(42L, back.item<long>());
    }
}
