using System.Diagnostics;
using System.Text.Json;

namespace Word2Vec.Torch.Tests.Backend;

/// <summary>src/Torch.props: TorchSharp-cpu 0.107.0 by default; one property swaps the package for a GPU
/// build (evaluated with msbuild -getItem, so nothing is restored).</summary>
public class PackageSwapTests
{
    public static IEnumerable<object[]> Projects() => new[]
    {
        "src/Word2Vec.Torch/Word2Vec.Torch.csproj",
        "src/Word2Vec.Torch.Cli/Word2Vec.Torch.Cli.csproj",
        "tests/Word2Vec.Torch.Tests/Word2Vec.Torch.Tests.csproj",
    }.Select(p => new object[] { p });

    private static Dictionary<string, string> PackageReferences(string project, params string[] properties)
    {
        var dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet";
        var psi = new ProcessStartInfo(dotnet) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in new[] { "msbuild", Path.Combine(TestData.RepoRoot, project), "-getItem:PackageReference" }
                     .Concat(properties.Select(p => "-p:" + p)))
            psi.ArgumentList.Add(a);
        using var p = Process.Start(psi)!;
        var stderr = p.StandardError.ReadToEndAsync();
        var json = p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        Assert.True(p.ExitCode == 0, json + stderr.Result);
        using var doc = JsonDocument.Parse(json);
        return doc.RootElement.GetProperty("Items").GetProperty("PackageReference").EnumerateArray()
            .ToDictionary(e => e.GetProperty("Identity").GetString()!, e => e.GetProperty("Version").GetString()!);
    }

    private static List<string> TorchPackages(Dictionary<string, string> refs) =>
        refs.Keys.Where(k => k.StartsWith("TorchSharp", StringComparison.OrdinalIgnoreCase) || k.StartsWith("libtorch", StringComparison.OrdinalIgnoreCase)).ToList();

    [Theory]
    [MemberData(nameof(Projects))]
    public void TheDefaultIsTorchSharpCpu0_107_0(string project)
    {
        var refs = PackageReferences(project);
        Assert.Equal(new[] { "TorchSharp-cpu" }, TorchPackages(refs));
        Assert.Equal("0.107.0", refs["TorchSharp-cpu"]);
    }

    [Theory]
    [MemberData(nameof(Projects))]
    public void OnePropertySwapsInTheCudaPackage(string project)
    {
        var refs = PackageReferences(project, "TorchPackage=TorchSharp-cuda-linux");
        Assert.Equal(new[] { "TorchSharp-cuda-linux" }, TorchPackages(refs));
        Assert.Equal("0.107.0", refs["TorchSharp-cuda-linux"]);
    }
}
