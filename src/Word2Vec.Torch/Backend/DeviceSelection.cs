using TorchSharp;
using static TorchSharp.torch;

namespace Word2Vec.Torch.Backend;

/// <summary>Turns the config's device and dtype strings into libtorch's, with clear errors.</summary>
public static class DeviceSelection
{
    /// <summary>cpu, cuda, cuda:N, or auto (the first GPU when CUDA is available, else the CPU).</summary>
    /// <param name="cudaAvailable">Whether CUDA is usable here (default: libtorch's answer).</param>
    public static Device Resolve(string device, Func<bool>? cudaAvailable = null)
    {
        var d = (device ?? "").Trim().ToLowerInvariant();
        var cuda = cudaAvailable ?? torch.cuda.is_available;
        if (d == "auto") return cuda() ? new Device(DeviceType.CUDA, 0) : new Device(DeviceType.CPU);
        if (d == "cpu") return new Device(DeviceType.CPU);
        if (d == "cuda" || d.StartsWith("cuda:", StringComparison.Ordinal))
        {
            if (!cuda())
                throw new ArgumentException(
                    $"device '{device}' was asked for, but CUDA is not available here (this libtorch has no CUDA, or no GPU is visible). Use \"cpu\" or \"auto\".");
            return d == "cuda" ? new Device(DeviceType.CUDA, 0) : new Device(d);
        }
        throw new ArgumentException($"device '{device}' is not one of cpu, cuda, cuda:N, auto.");
    }

    public static ScalarType ResolveDtype(string dtype) => (dtype ?? "").Trim().ToLowerInvariant() switch
    {
        "float32" or "float" => ScalarType.Float32,
        "float64" or "double" => ScalarType.Float64,
        _ => throw new ArgumentException($"dtype '{dtype}' is not one of float32, float64."),
    };

    public static string Name(ScalarType dtype) => dtype == ScalarType.Float64 ? "float64" : "float32";
}
