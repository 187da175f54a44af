using System.Runtime.InteropServices;

namespace Word2Vec.Torch.Backend;

/// <summary>
/// TorchSharp on a libtorch it did not bring: a local PyTorch's (with CUDA, say). TorchSharp's route
/// for a Python install is to load that libtorch's libraries before the first torch call; its own
/// loader then finds them by name. Build with <c>-p:TorchPackage=TorchSharp</c> (the managed
/// TorchSharp and libLibTorchSharp only, no libtorch of its own) and set <see cref="Variable"/> to
/// the folder (PyTorch's <c>torch/lib</c>). The versions must match: TorchSharp 0.107.0 is built for
/// libtorch 2.10.0.
/// </summary>
internal static class LocalLibTorch
{
    public const string Variable = "W2V_LIBTORCH";

    /// <summary>Loads the libtorch that <see cref="Variable"/> names, if it is set; returns the folder, or null.</summary>
    public static string? LoadFromEnvironment()
    {
        var dir = Environment.GetEnvironmentVariable(Variable);
        if (string.IsNullOrWhiteSpace(dir)) return null;
        Load(dir);
        return dir;
    }

    /// <summary>Loads c10, torch_cpu and torch (and their CUDA parts where the folder has them) from <paramref name="dir"/>.</summary>
    public static void Load(string dir)
    {
        if (!Directory.Exists(dir))
            throw new DirectoryNotFoundException($"{Variable} = '{dir}' is not a folder; it should name a libtorch's lib folder (PyTorch's torch/lib).");
        var own = Directory.EnumerateFiles(AppContext.BaseDirectory, FileName("torch_cpu"), SearchOption.AllDirectories).FirstOrDefault();
        if (own is not null)
            throw new InvalidOperationException(
                $"{Variable} is set, but this build brings its own libtorch ({own}); two libtorch copies in one process do not work. " +
                "Build with -p:TorchPackage=TorchSharp to run on a local libtorch, or unset " + Variable + ".");
        foreach (var name in new[] { "c10", "torch_cpu", "torch" })
        {
            var path = Path.Combine(dir, FileName(name));
            if (!File.Exists(path))
                throw new FileNotFoundException($"{Variable} = '{dir}' holds no {FileName(name)}; it should name a libtorch's lib folder (PyTorch's torch/lib).", path);
            NativeLibrary.Load(path);
        }
        foreach (var name in new[] { "c10_cuda", "torch_cuda" })
        {
            var path = Path.Combine(dir, FileName(name));
            if (File.Exists(path)) NativeLibrary.Load(path);
        }
    }

    private static string FileName(string name) =>
        OperatingSystem.IsWindows() ? name + ".dll" : OperatingSystem.IsMacOS() ? $"lib{name}.dylib" : $"lib{name}.so";
}
