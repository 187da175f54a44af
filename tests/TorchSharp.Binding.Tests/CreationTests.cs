using System.Reflection;
using TorchSharp;
using static TorchSharp.torch;
using static TorchSharp.Binding.Tests.TestUtil;

namespace TorchSharp.Binding.Tests;

public class CreationTests
{
    // ------------------------------------------------------------------ tensor(array[, dims])

    [Fact]
    public void TensorFromFloatArray()
    {
        using var v = tensor(new float[] { 1, 2, 3 });
        Assert.Equal(new long[] { 3 }, v.shape);
        Assert.Equal(ScalarType.Float32, v.dtype);
        Assert.Equal(new float[] { 1, 2, 3 }, F(v));

        using var m = tensor(new float[] { 1, 2, 3, 4, 5, 6 }, new long[] { 2, 3 });
        Assert.Equal(new long[] { 2, 3 }, m.shape);
        Assert.Equal(6f, m[1, 2].item<float>());
    }

    [Fact]
    public void TensorFromDoubleArray()
    {
        using var v = tensor(new double[] { 0.1, 0.2 });
        Assert.Equal(ScalarType.Float64, v.dtype);
        Assert.Equal(new[] { 0.1, 0.2 }, D(v)); // no rounding through float
        using var m = tensor(new double[] { 1, 2, 3, 4 }, new long[] { 2, 2 });
        Assert.Equal(new long[] { 2, 2 }, m.shape);
        Assert.Equal(3.0, m[1, 0].item<double>());
    }

    [Fact]
    public void TensorFromLongArray()
    {
        using var v = tensor(new long[] { long.MaxValue, -1 });
        Assert.Equal(ScalarType.Int64, v.dtype);
        Assert.Equal(new[] { long.MaxValue, -1L }, L(v));
        using var m = tensor(new long[] { 1, 2, 3, 4, 5, 6 }, new long[] { 3, 2 });
        Assert.Equal(new long[] { 3, 2 }, m.shape);
    }

    [Fact]
    public void TensorFromIntArray()
    {
        using var v = tensor(new int[] { 7, -8 });
        Assert.Equal(ScalarType.Int32, v.dtype);
        Assert.Equal(new[] { 7, -8 }, I(v));
        using var m = tensor(new int[] { 1, 2, 3, 4 }, new long[] { 1, 4 });
        Assert.Equal(new long[] { 1, 4 }, m.shape);
    }

    [Fact]
    public void TensorFromBoolArray()
    {
        using var v = tensor(new[] { true, false, true });
        Assert.Equal(ScalarType.Bool, v.dtype);
        Assert.Equal(new[] { true, false, true }, B(v));
        using var m = tensor(new[] { true, false, false, true }, new long[] { 2, 2 });
        Assert.True(m[1, 1].item<bool>());
        Assert.False(m[0, 1].item<bool>());
    }

    [Fact]
    public void TensorFromByteArray()
    {
        using var v = tensor(new byte[] { 0, 255 });
        Assert.Equal(ScalarType.Byte, v.dtype);
        Assert.Equal(new byte[] { 0, 255 }, v.data<byte>().ToArray());
        using var m = tensor(new byte[] { 1, 2, 3, 4 }, new long[] { 2, 2 });
        Assert.Equal((byte)4, m[1, 1].item<byte>());
    }

    [Fact]
    public void TensorFromArrayConvertsToTheRequestedDtype()
    {
        using var a = tensor(new long[] { 1, 2 }, dtype: ScalarType.Float32);
        Assert.Equal(ScalarType.Float32, a.dtype);
        Assert.Equal(new float[] { 1, 2 }, F(a));
        using var b = tensor(new float[] { 1.5f, 2.5f }, new long[] { 2, 1 }, float64);
        Assert.Equal(ScalarType.Float64, b.dtype);
        Assert.Equal(new[] { 1.5, 2.5 }, D(b));
        using var c = tensor(new int[] { 3 }, dtype: ScalarType.Int64);
        Assert.Equal(ScalarType.Int64, c.dtype);
        using var d = tensor(new double[] { 1 }, dtype: ScalarType.Float32, device: CPU, requires_grad: true, names: null);
        Assert.True(d.requires_grad);
        using var e = tensor(new bool[] { true }, dtype: ScalarType.Float32);
        Assert.Equal(1f, e.item<float>());
        using var f = tensor(new byte[] { 9 }, dtype: ScalarType.Int64);
        Assert.Equal(9L, f.item<long>());
    }

    [Fact]
    public void TensorFromAnEmptyArray()
    {
        using var e = tensor(Array.Empty<float>());
        Assert.Equal(new long[] { 0 }, e.shape);
        using var e2 = tensor(Array.Empty<long>(), new long[] { 0, 3 });
        Assert.Equal(new long[] { 0, 3 }, e2.shape);
        Assert.Equal(0, e2.numel());
    }

    [Fact]
    public void TensorCopiesTheArray()
    {
        var data = new float[] { 1, 2 };
        using var t = tensor(data);
        data[0] = 100;
        Assert.Equal(1f, t[0].item<float>());
    }

    [Fact]
    public void TensorRejectsDimensionsThatDoNotMatchTheData()
    {
        Assert.Throws<ArgumentException>(() => tensor(new float[] { 1, 2, 3 }, new long[] { 2, 2 }));
        Assert.Throws<ArgumentNullException>(() => tensor((float[])null!));
    }

    [Fact]
    public void RequiresGradOnAnIntegerTensorIsANativeError()
    {
        var e = Assert.Throws<System.Runtime.InteropServices.ExternalException>(() => tensor(new long[] { 1 }, requires_grad: true));
        Assert.Contains("floating point", e.Message);
    }

    // ------------------------------------------------------------------ tensor(scalar)

    [Fact]
    public void ScalarTensorsHaveZeroDimensionsAndTorchSharpsDtypes()
    {
        using var f = tensor(1.5f);
        Assert.Equal(0, f.ndim);
        Assert.Equal(ScalarType.Float32, f.dtype);
        Assert.Equal(1.5f, f.item<float>());

        using var d = tensor(1.5);
        Assert.Equal(ScalarType.Float64, d.dtype);
        using var d32 = tensor(1.5, ScalarType.Float32);
        Assert.Equal(ScalarType.Float32, d32.dtype);

        using var l = tensor(7L);
        Assert.Equal(ScalarType.Int64, l.dtype);
        Assert.Equal(7L, l.item<long>());
        using var l64 = tensor(7L, ScalarType.Float64);
        Assert.Equal(7.0, l64.item<double>());

        using var i = tensor(7);
        Assert.Equal(ScalarType.Int32, i.dtype);
        Assert.Equal(7, i.item<int>());

        using var b = tensor(true);
        Assert.Equal(ScalarType.Bool, b.dtype);
        Assert.True(b.item<bool>());
        using var bf = tensor(true, ScalarType.Float32);
        Assert.Equal(1f, bf.item<float>());
    }

    [Fact]
    public void ScalarTensorCanRequireGrad()
    {
        using var f = tensor(2f, CPU, requires_grad: true);
        Assert.True(f.requires_grad);
        using var d = tensor(2.0, requires_grad: true);
        Assert.True(d.requires_grad);
        using var i = tensor(3, device: CPU);
        Assert.False(i.requires_grad);
    }

    // ------------------------------------------------------------------ filled factories

    [Fact]
    public void ZerosOverloads()
    {
        using var a = zeros(3);
        using var b = zeros(2, 3);
        using var c = zeros(2, 3, 4);
        using var d = zeros(new long[] { 4, 1 });
        using var e = zeros(new ReadOnlySpan<long>(new long[] { 1, 5 }));
        Assert.Equal(new long[] { 3 }, a.shape);
        Assert.Equal(new long[] { 2, 3 }, b.shape);
        Assert.Equal(new long[] { 2, 3, 4 }, c.shape);
        Assert.Equal(new long[] { 4, 1 }, d.shape);
        Assert.Equal(new long[] { 1, 5 }, e.shape);
        Assert.Equal(ScalarType.Float32, a.dtype);
        Assert.All(F(c), v => Assert.Equal(0f, v));
        using var l = zeros(2, dtype: ScalarType.Int64);
        Assert.Equal(new long[] { 0, 0 }, L(l));
        using var g = zeros(2, 2, float64, CPU, requires_grad: true);
        Assert.Equal(ScalarType.Float64, g.dtype);
        Assert.True(g.requires_grad);
    }

    [Fact]
    public void OnesOverloads()
    {
        using var a = ones(3);
        using var b = ones(2, 3);
        using var c = ones(2, 3, 4);
        using var d = ones(new long[] { 4, 1 });
        using var e = ones(new ReadOnlySpan<long>(new long[] { 1, 5 }));
        Assert.Equal(new long[] { 3 }, a.shape);
        Assert.Equal(new long[] { 2, 3 }, b.shape);
        Assert.Equal(new long[] { 2, 3, 4 }, c.shape);
        Assert.Equal(new long[] { 4, 1 }, d.shape);
        Assert.Equal(new long[] { 1, 5 }, e.shape);
        Assert.Equal(24f, c.sum().item<float>());
        using var i = ones(3, dtype: ScalarType.Int32);
        Assert.Equal(new[] { 1, 1, 1 }, I(i));
        using var bo = ones(2, dtype: ScalarType.Bool);
        Assert.Equal(new[] { true, true }, B(bo));
    }

    [Fact]
    public void EmptyOverloadsHaveTheShapeAndDtype()
    {
        using var a = empty(3);
        using var b = empty(2, 3);
        using var c = empty(2, 3, 4);
        using var d = empty(new long[] { 4, 1 }, ScalarType.Float64);
        using var e = empty(new ReadOnlySpan<long>(new long[] { 1, 5 }), ScalarType.Int64);
        Assert.Equal(new long[] { 3 }, a.shape);
        Assert.Equal(new long[] { 2, 3 }, b.shape);
        Assert.Equal(new long[] { 2, 3, 4 }, c.shape);
        Assert.Equal(ScalarType.Float64, d.dtype);
        Assert.Equal(ScalarType.Int64, e.dtype);
        Assert.Equal(5, e.numel());
    }

    [Fact]
    public void RandnOverloadsAreNormalWithTheRightShape()
    {
        using var g = new Generator(123);
        using var a = randn(3, generator: g);
        using var b = randn(2, 3, generator: g);
        using var c = randn(2, 3, 4, generator: g);
        using var d = randn(new long[] { 4, 1 }, generator: g);
        using var e = randn(new ReadOnlySpan<long>(new long[] { 1, 5 }), ScalarType.Float64, generator: g);
        Assert.Equal(new long[] { 3 }, a.shape);
        Assert.Equal(new long[] { 2, 3 }, b.shape);
        Assert.Equal(new long[] { 2, 3, 4 }, c.shape);
        Assert.Equal(new long[] { 4, 1 }, d.shape);
        Assert.Equal(ScalarType.Float64, e.dtype);

        using var big = randn(new long[] { 20000 }, ScalarType.Float64, generator: g);
        var v = D(big);
        var mean = v.Average();
        var variance = v.Select(x => (x - mean) * (x - mean)).Average();
        Assert.InRange(mean, -0.05, 0.05);
        Assert.InRange(variance, 0.95, 1.05);
    }

    [Fact]
    public void RandOverloadsAreUniformInTheUnitInterval()
    {
        using var g = new Generator(7);
        using var a = rand(3, generator: g);
        using var b = rand(2, 3, generator: g);
        using var c = rand(2, 3, 4, generator: g);
        using var d = rand(new long[] { 10000 }, generator: g);
        using var e = rand(new ReadOnlySpan<long>(new long[] { 1, 5 }), ScalarType.Float64, generator: g);
        Assert.Equal(new long[] { 3 }, a.shape);
        Assert.Equal(new long[] { 2, 3 }, b.shape);
        Assert.Equal(new long[] { 2, 3, 4 }, c.shape);
        Assert.Equal(ScalarType.Float64, e.dtype);
        var v = F(d);
        Assert.All(v, x => Assert.InRange(x, 0f, 0.99999994f));
        Assert.InRange(v.Average(), 0.48, 0.52);
        using var r = rand(2, requires_grad: true, generator: g);
        Assert.True(r.requires_grad);
    }

    [Fact]
    public void FullInfersTheDtypeFromTheValueAsPyTorchDoes()
    {
        using var f = full(new long[] { 2, 2 }, 1.5);
        Assert.Equal(ScalarType.Float32, f.dtype); // the default dtype, not Float64
        Assert.Equal(new[] { 1.5f, 1.5f, 1.5f, 1.5f }, F(f));
        using var i = full(new long[] { 3 }, 4);
        Assert.Equal(ScalarType.Int64, i.dtype);
        Assert.Equal(new long[] { 4, 4, 4 }, L(i));
        using var b = full(new long[] { 1 }, true);
        Assert.Equal(ScalarType.Bool, b.dtype);
        using var d = full(new long[] { 2 }, 0.1, ScalarType.Float64, CPU, requires_grad: true);
        Assert.Equal(new[] { 0.1, 0.1 }, D(d));
        Assert.True(d.requires_grad);
    }

    [Fact]
    public void ZerosLikeAndOnesLikeKeepShapeAndDtype()
    {
        using var src = tensor(new double[] { 1, 2, 3, 4, 5, 6 }, new long[] { 3, 2 });
        using var z = zeros_like(src);
        Assert.Equal(src.shape, z.shape);
        Assert.Equal(ScalarType.Float64, z.dtype);
        Assert.All(D(z), v => Assert.Equal(0.0, v));
        using var o = ones_like(src, ScalarType.Int64);
        Assert.Equal(ScalarType.Int64, o.dtype);
        Assert.Equal(6L, o.sum().item<long>());
        using var og = ones_like(src, device: CPU, requires_grad: true);
        Assert.True(og.requires_grad);
        using var zg = zeros_like(src, ScalarType.Float32, CPU, true);
        Assert.True(zg.requires_grad);
        Assert.Equal(ScalarType.Float32, zg.dtype);
    }

    [Fact]
    public void ArangeOverloads()
    {
        using var a = arange(5);
        Assert.Equal(ScalarType.Int64, a.dtype);
        Assert.Equal(new long[] { 0, 1, 2, 3, 4 }, L(a));
        using var b = arange(2, 8, 2);
        Assert.Equal(new long[] { 2, 4, 6 }, L(b));
        using var c = arange(1.0, 2.0, 0.25);
        Assert.Equal(ScalarType.Float32, c.dtype);
        Assert.Equal(new[] { 1f, 1.25f, 1.5f, 1.75f }, F(c));
        using var d = arange(0, 3, ScalarType.Float64);
        Assert.Equal(new[] { 0.0, 1, 2 }, D(d));
        using var e = arange(3, ScalarType.Float32, CPU, requires_grad: true);
        Assert.True(e.requires_grad);
        using var f = arange(10, 0, -3);
        Assert.Equal(new long[] { 10, 7, 4, 1 }, L(f));
    }

    // ------------------------------------------------------------------ implicit conversions

    [Fact]
    public void PrimitivesConvertImplicitlyToScalarTensors()
    {
        Tensor b = (byte)200, sb = (sbyte)-3, s = (short)-300, i = 5, l = 6L, f = 1.5f, d = 2.5, bo = true;
        try
        {
            Assert.Equal(ScalarType.Byte, b.dtype);
            Assert.Equal((byte)200, b.item<byte>());
            Assert.Equal(ScalarType.Int8, sb.dtype);
            Assert.Equal((sbyte)-3, sb.item<sbyte>());
            Assert.Equal(ScalarType.Int16, s.dtype);
            Assert.Equal((short)-300, s.item<short>());
            Assert.Equal(ScalarType.Int32, i.dtype);
            Assert.Equal(ScalarType.Int64, l.dtype);
            Assert.Equal(ScalarType.Float32, f.dtype);
            Assert.Equal(ScalarType.Float64, d.dtype);
            Assert.Equal(ScalarType.Bool, bo.dtype);
            Assert.All(new[] { b, sb, s, i, l, f, d, bo }, t => Assert.Equal(0, t.ndim));
        }
        finally
        {
            foreach (var t in new[] { b, sb, s, i, l, f, d, bo }) t.Dispose();
        }
    }

    [Fact]
    public void ScalarsAndArraysConvertImplicitlyToTensors()
    {
        Tensor fromScalar = (Scalar)2.5;
        Tensor fromIntScalar = (Scalar)3;
        Tensor fa = new float[] { 1, 2 }, da = new double[] { 1, 2 }, la = new long[] { 1, 2 }, ia = new int[] { 1, 2 }, ba = new[] { true, false };
        try
        {
            Assert.Equal(ScalarType.Float64, fromScalar.dtype);
            Assert.Equal(2.5, fromScalar.item<double>());
            Assert.Equal(ScalarType.Int64, fromIntScalar.dtype);
            Assert.Equal(ScalarType.Float32, fa.dtype);
            Assert.Equal(ScalarType.Float64, da.dtype);
            Assert.Equal(ScalarType.Int64, la.dtype);
            Assert.Equal(ScalarType.Int32, ia.dtype);
            Assert.Equal(ScalarType.Bool, ba.dtype);
            Assert.Equal(new long[] { 2 }, ia.shape);
        }
        finally
        {
            foreach (var t in new[] { fromScalar, fromIntScalar, fa, da, la, ia, ba }) t.Dispose();
        }
    }

    // ------------------------------------------------------------------ Scalar

    [Fact]
    public void ScalarKeepsTheKindOfItsValue()
    {
        Scalar b = (byte)3, sb = (sbyte)-3, sh = (short)-4, i = 5, l = 1L << 40, f = 0.5f, d = 0.1, t = true, no = false;
        Assert.Equal(3L, b.ToInt64());
        Assert.Equal(-3L, sb.ToInt64());
        Assert.Equal(-4L, sh.ToInt64());
        Assert.Equal(5L, i.ToInt64());
        Assert.Equal(1L << 40, l.ToInt64());
        Assert.Equal(0.5, f.ToDouble());
        Assert.Equal(0.1, d.ToDouble());
        Assert.Equal(2L, ((Scalar)2.7).ToInt64());
        Assert.True(t.ToBoolean());
        Assert.False(no.ToBoolean());
        Assert.True(ScalarExtensionMethods.ToBoolean(i));
        Assert.Equal("5", i.ToString());
        Assert.Equal("0.1", d.ToString());
        Assert.Equal("True", t.ToString());
        d.Dispose();
        d.Dispose(); // nothing native: disposing is harmless and repeatable
        Assert.Equal(0.1, d.ToDouble());
    }

    [Fact]
    public void IntegralScalarsKeepIntegerTensorsIntegral()
    {
        using var t = tensor(new long[] { 5, 6 });
        using var a = t.add(2);
        Assert.Equal(ScalarType.Int64, a.dtype);
        using var b = t.add(2.5);
        Assert.Equal(ScalarType.Float32, b.dtype);
        Assert.Equal(new[] { 7.5f, 8.5f }, F(b));
    }

    // ------------------------------------------------------------------ enums and dtype aliases

    [Fact]
    public void ScalarTypeNumberingIsC10s()
    {
        Assert.Equal(typeof(sbyte), Enum.GetUnderlyingType(typeof(ScalarType)));
        Assert.Equal(0, (int)ScalarType.Byte);
        Assert.Equal(1, (int)ScalarType.Int8);
        Assert.Equal(2, (int)ScalarType.Int16);
        Assert.Equal(3, (int)ScalarType.Int32);
        Assert.Equal(4, (int)ScalarType.Int64);
        Assert.Equal(5, (int)ScalarType.Float16);
        Assert.Equal(6, (int)ScalarType.Float32);
        Assert.Equal(7, (int)ScalarType.Float64);
        Assert.Equal(9, (int)ScalarType.ComplexFloat32);
        Assert.Equal(10, (int)ScalarType.ComplexFloat64);
        Assert.Equal(11, (int)ScalarType.Bool);
        Assert.Equal(15, (int)ScalarType.BFloat16);
        using var h = zeros(2, ScalarType.Float16);
        Assert.Equal(ScalarType.Float16, h.dtype);
        using var bf = zeros(2, ScalarType.BFloat16);
        Assert.Equal(ScalarType.BFloat16, bf.dtype);
    }

    [Fact]
    public void DtypeAliasesAreMutableStaticFields()
    {
        Assert.Equal(ScalarType.Byte, uint8);
        Assert.Equal(ScalarType.Int8, int8);
        Assert.Equal(ScalarType.Int16, int16);
        Assert.Equal(ScalarType.Int32, int32);
        Assert.Equal(ScalarType.Int64, int64);
        Assert.Equal(ScalarType.Float16, float16);
        Assert.Equal(ScalarType.Float32, float32);
        Assert.Equal(ScalarType.Float64, float64);
        Assert.Equal(ScalarType.BFloat16, bfloat16);
        Assert.Equal(ScalarType.Bool, @bool);
        Assert.Equal(ScalarType.Int16, @short);
        Assert.Equal(ScalarType.Int32, @int);
        Assert.Equal(ScalarType.Int64, @long);
        Assert.Equal(ScalarType.Float16, half);
        Assert.Equal(ScalarType.Float32, @float);
        Assert.Equal(ScalarType.Float64, @double);
        foreach (var name in new[] { "uint8", "int8", "int16", "int32", "int64", "float16", "float32", "float64", "bfloat16",
                     "bool", "short", "int", "long", "half", "float", "double" })
        {
            var field = typeof(torch).GetField(name, BindingFlags.Public | BindingFlags.Static);
            Assert.NotNull(field);
            Assert.False(field!.IsLiteral, name);
            Assert.False(field.IsInitOnly, name);
        }
    }

    [Fact]
    public void DeviceTypeNumberingIsC10s()
    {
        Assert.Equal("TorchSharp", typeof(DeviceType).Namespace);
        Assert.False(typeof(DeviceType).IsNested);
        Assert.Equal(0, (int)DeviceType.CPU);
        Assert.Equal(1, (int)DeviceType.CUDA);
        Assert.Equal(2, (int)DeviceType.MKLDNN);
        Assert.Equal(3, (int)DeviceType.OPENGL);
        Assert.Equal(4, (int)DeviceType.OPENCL);
        Assert.Equal(5, (int)DeviceType.IDEEP);
        Assert.Equal(6, (int)DeviceType.HIP);
        Assert.Equal(7, (int)DeviceType.FPGA);
        Assert.Equal(8, (int)DeviceType.MSNPU);
        Assert.Equal(9, (int)DeviceType.XLA);
        Assert.Equal(14, (int)DeviceType.META);
    }

    [Fact]
    public void VersionIsTheLibtorchVersion()
    {
        // Debian's libtorch here is 1.13.x; any other build must still report major.minor.patch.
        Assert.Matches(@"^\d+\.\d+\.\d+", __version__);
    }

    [Fact]
    public void TypesAreNestedAsInTorchSharp()
    {
        Assert.True(typeof(torch).IsAbstract && typeof(torch).IsSealed); // static class
        Assert.Equal(typeof(torch), typeof(Tensor).DeclaringType);
        Assert.False(typeof(Tensor).IsSealed);
        Assert.Equal(typeof(torch), typeof(ScalarType).DeclaringType);
        Assert.Equal(typeof(torch), typeof(Device).DeclaringType);
        Assert.Equal(typeof(torch), typeof(Generator).DeclaringType);
        Assert.Equal(typeof(torch), typeof(torch.cuda).DeclaringType);
        Assert.Equal(typeof(torch), typeof(torch.random).DeclaringType);
        Assert.Equal(typeof(torch), typeof(torch.autograd).DeclaringType);
        Assert.Equal("TorchSharp", typeof(Scalar).Namespace);
        Assert.Equal("TorchSharp", typeof(DisposeScope).Namespace);
        Assert.Equal("TorchSharp.Utils", typeof(TorchSharp.Utils.TensorAccessor<float>).Namespace);
    }
}
