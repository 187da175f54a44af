using TorchSharp;
using static TorchSharp.torch;
using static TorchSharp.Binding.Tests.TestUtil;

namespace TorchSharp.Binding.Tests;

/// <summary>Devices and conversions. The machine's libtorch is Debian's CPU-only build.</summary>
public class DeviceAndDtypeTests
{
    // ------------------------------------------------------------------ Device

    [Theory]
    [InlineData("cpu", DeviceType.CPU, -1, "cpu")]
    [InlineData("CPU", DeviceType.CPU, -1, "cpu")]
    [InlineData("cuda", DeviceType.CUDA, -1, "cuda")]
    [InlineData("cuda:1", DeviceType.CUDA, 1, "cuda:1")]
    [InlineData(" CUDA:0 ", DeviceType.CUDA, 0, "cuda:0")]
    [InlineData("meta", DeviceType.META, -1, "meta")]
    public void DeviceParsesDescriptions(string description, DeviceType type, int index, string text)
    {
        var d = new Device(description);
        Assert.Equal(type, d.type);
        Assert.Equal(index, d.index);
        Assert.Equal(text, d.ToString());
        Device implicitly = description; // implicit conversion from string
        Assert.Equal(type, implicitly.type);
        Assert.Equal(index, implicitly.index);
    }

    [Theory]
    [InlineData("tpu")]
    [InlineData("cuda:x")]
    [InlineData("cuda:-1")]
    [InlineData("cuda:0:1")]
    [InlineData("")]
    public void DeviceRejectsBadDescriptions(string description)
    {
        Assert.Throws<ArgumentException>(() => new Device(description));
    }

    [Fact]
    public void DeviceConstructors()
    {
        Assert.Throws<ArgumentNullException>(() => new Device(null!));
        var a = new Device("cuda", 2);
        Assert.Equal(DeviceType.CUDA, a.type);
        Assert.Equal(2, a.index);
        Assert.Equal("cuda:2", a.ToString());
        var b = new Device(DeviceType.CUDA, 3);
        Assert.Equal("cuda:3", b.ToString());
        var c = new Device(5);
        Assert.Equal(DeviceType.CUDA, c.type);
        Assert.Equal(5, c.index);
        var d = new Device(deviceType: DeviceType.CPU);
        Assert.Equal(-1, d.index);
        Assert.Equal("cpu", d.ToString());
        var e = new Device(DeviceType.CPU, 0);
        Assert.Equal("cpu", e.ToString()); // the cpu has no index in its name
        var f = new Device(deviceType: "cpu", index: -1);
        Assert.Equal(DeviceType.CPU, f.type);
    }

    [Fact]
    public void DevicesHaveReferenceEqualityOnly()
    {
        var a = new Device("cpu");
        var b = new Device("cpu");
        Assert.False(a.Equals(b));
        Assert.False(a == b);
        Assert.True(a.Equals(a));
    }

    [Fact]
    public void DeviceFactories()
    {
        Assert.Equal(DeviceType.CPU, device("cpu").type);
        Assert.Equal(DeviceType.CPU, device("cpu", -1).type);
        Assert.Equal(DeviceType.CPU, device(DeviceType.CPU).type);
        var c = device(1); // device(int) does not check, as in TorchSharp
        Assert.Equal("cuda:1", c.ToString());
        Assert.Equal(DeviceType.CPU, CPU.type);
        Assert.Equal(-1, CPU.index);
    }

    // ------------------------------------------------------------------ CUDA absent

    /// <summary>
    /// The project's libtorch (Debian's) has no CUDA. Set TORCHSHARP_EXPECT_CUDA=1 when the shim is
    /// built against a CUDA libtorch (run.sh with Torch_DIR) on a machine with a GPU.
    /// </summary>
    private static readonly bool ExpectCuda = Environment.GetEnvironmentVariable("TORCHSHARP_EXPECT_CUDA") == "1";

    [Fact]
    public void CudaIsAvailableExactlyWhereExpected()
    {
        Assert.Equal(ExpectCuda, cuda.is_available());
        Assert.Equal(ExpectCuda, cuda_is_available());
        Assert.Equal(ExpectCuda, cuda.device_count() > 0);
        cuda.synchronize();          // no-ops without CUDA
        cuda.synchronize(CPU);
        cuda.manual_seed(1);
        cuda.manual_seed_all(1);
    }

    [Fact]
    public void CudaTensorsWhereCudaIsThere()
    {
        if (!cuda.is_available()) return; // AskingForCudaThrowsWhereItIsAbsent covers the other case
        using var t = ones(2).cuda();
        Assert.True(t.is_cuda);
        Assert.Equal("cuda:0", t.device.ToString());
        Assert.Throws<InvalidOperationException>(() => t.data<float>());
        Assert.Equal(new float[] { 2, 2 }, F((t * 2).cpu()));
        Assert.Equal(DeviceType.CUDA, CUDA.type);
    }

    [Fact]
    public void AskingForCudaThrowsWhereItIsAbsent()
    {
        if (cuda.is_available()) return; // CudaTensorsWhereCudaIsThere covers the other case
        Assert.Throws<InvalidOperationException>(() => CUDA);
        Assert.Throws<InvalidOperationException>(() => device("cuda"));
        Assert.Throws<InvalidOperationException>(() => device("cuda", 0));
        Assert.Throws<InvalidOperationException>(() => device(DeviceType.CUDA));
        using var t = zeros(2);
        Assert.Throws<InvalidOperationException>(() => t.cuda());
        Assert.Throws<InvalidOperationException>(() => t.cuda(new Device(0)));
        Assert.Throws<InvalidOperationException>(() => t.to("cuda"));
        Assert.Throws<InvalidOperationException>(() => t.to(new Device("cuda:0")));
        Assert.Throws<InvalidOperationException>(() => t.to(DeviceType.CUDA));
        Assert.Throws<InvalidOperationException>(() => t.to(ScalarType.Float64, new Device("cuda")));
        Assert.Throws<InvalidOperationException>(() => zeros(2, device: new Device("cuda")));
        Assert.Throws<InvalidOperationException>(() => tensor(new float[] { 1 }, device: new Device("cuda")));
        Assert.Throws<InvalidOperationException>(() => tensor(1.0, device: new Device("cuda")));
        Assert.Throws<InvalidOperationException>(() => full(new long[] { 1 }, 1, device: new Device("cuda")));
        Assert.Throws<InvalidOperationException>(() => randint(3, new long[] { 1 }, device: new Device("cuda")));
        Assert.Throws<InvalidOperationException>(() => arange(3, device: new Device("cuda")));
    }

    // ------------------------------------------------------------------ tensor device members

    [Fact]
    public void TensorDeviceMembers()
    {
        using var t = zeros(2);
        Assert.Equal(DeviceType.CPU, t.device_type);
        Assert.Equal(-1, t.device_index);
        Assert.False(t.is_cuda);
        Assert.Equal(DeviceType.CPU, t.device.type);
        Assert.Equal("cpu", t.device.ToString());
        Assert.NotSame(t.device, t.device); // a new object on each get, as in TorchSharp
    }

    [Fact]
    public void ToDeviceOnTheSameDeviceAliasesUnlessCopyIsAsked()
    {
        using var t = tensor(new float[] { 1, 2 });
        using var a = t.to(CPU);
        using var b = t.to("cpu");
        using var c = t.to(DeviceType.CPU);
        using var copy = t.to(DeviceType.CPU, copy: true);
        using var cpu = t.cpu();
        t.fill_(5);
        Assert.Equal(new float[] { 5, 5 }, F(a));
        Assert.Equal(new float[] { 5, 5 }, F(b));
        Assert.Equal(new float[] { 5, 5 }, F(c));
        Assert.Equal(new float[] { 5, 5 }, F(cpu));
        Assert.Equal(new float[] { 1, 2 }, F(copy));
    }

    [Fact]
    public void ToConvertsTheDtype()
    {
        using var t = tensor(new float[] { 1.5f, -2.5f });
        using var d = t.to(ScalarType.Float64);
        Assert.Equal(ScalarType.Float64, d.dtype);
        Assert.Equal(new[] { 1.5, -2.5 }, D(d));
        using var l = t.to(ScalarType.Int64);
        Assert.Equal(new long[] { 1, -2 }, L(l)); // truncates toward zero
        using var i = t.to(int32);
        Assert.Equal(ScalarType.Int32, i.dtype);
        using var b = t.to(ScalarType.Bool);
        Assert.Equal(new[] { true, true }, B(b));
        using var both = t.to(ScalarType.Float64, CPU);
        Assert.Equal(ScalarType.Float64, both.dtype);
        using var same = t.to(ScalarType.Float32, CPU, copy: true);
        t.fill_(0);
        Assert.Equal(new[] { 1.5f, -2.5f }, F(same));
        using var like = tensor(new long[] { 1 });
        using var asLong = t.to(like);
        Assert.Equal(ScalarType.Int64, asLong.dtype);
    }

    [Fact]
    public void ConversionKeepsAutogradHistory()
    {
        using var x = tensor(new float[] { 1, 2 }, requires_grad: true);
        using var y = x.to(ScalarType.Float64);
        Assert.True(y.requires_grad);
        Assert.False(y.is_leaf);
        using var g = autograd.grad(new[] { (y * y).sum() }, new[] { x })[0];
        Assert.Equal(ScalarType.Float32, g.dtype);
        Assert.Equal(new float[] { 2, 4 }, F(g));
    }
}
