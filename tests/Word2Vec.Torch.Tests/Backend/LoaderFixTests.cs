using System.Diagnostics;
using System.Reflection;
using System.Text;
using TorchSharp;

namespace Word2Vec.Torch.Tests.Backend;

/// <summary>
/// src/TorchSharpLoaderFix.targets: the GLIBCXX_3.4.32 requirement of libLibTorchSharp.so marked weak
/// on a copy (one byte, once), and the copy TorchSharp actually loaded is the build's own.
/// </summary>
public class LoaderFixTests
{
    private const string Version = "GLIBCXX_3.4.32";

    private static string TargetsFile => Path.Combine(TestData.RepoRoot, "src", "TorchSharpLoaderFix.targets");

    /// <summary>The package's original libLibTorchSharp.so, in the NuGet cache.</summary>
    private static string Original()
    {
        var packages = Environment.GetEnvironmentVariable("NUGET_PACKAGES");
        if (string.IsNullOrEmpty(packages))
            packages = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        var version = typeof(torch).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()!.InformationalVersion.Split('+')[0];
        var path = Path.Combine(packages, "torchsharp", version, "runtimes", "linux-x64", "native", "libLibTorchSharp.so");
        Assert.True(File.Exists(path), $"the restored package's library is not at {path}");
        return path;
    }

    private static (int ExitCode, string Output) RunFix(string file)
    {
        var dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet";
        var psi = new ProcessStartInfo(dotnet)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in new[] { "msbuild", TargetsFile, "-nologo", "-v:minimal", "-t:FixLibTorchSharpLoader",
                     $"-p:LibTorchSharpFiles={file}", "-p:LibTorchSharpFixAlways=true" })
            psi.ArgumentList.Add(a);
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEnd();
        p.WaitForExit();
        return (p.ExitCode, stdout.Result + stderr);
    }

    [LinuxFact("the fix is for Linux's loader; elsewhere the target does not run")]
    public void TheFixFlipsOneFlagOnACopyAndASecondRunChangesNothing()
    {
        using var tmp = new TempFolder();
        var copy = tmp.File("libLibTorchSharp.so");
        File.Copy(Original(), copy);
        var before = File.ReadAllBytes(copy);
        var mtime = File.GetLastWriteTimeUtc(copy);

        var (code, output) = RunFix(copy);
        Assert.True(code == 0, output);
        Assert.Contains($"marked {Version} weak", output);
        var after = File.ReadAllBytes(copy);
        Assert.Equal(before.Length, after.Length);
        var changed = Assert.Single(Enumerable.Range(0, before.Length), i => before[i] != after[i]);
        Assert.Equal(before[changed] | 0x2, after[changed]);          // VER_FLG_WEAK added to vna_flags
        Assert.Equal(mtime, File.GetLastWriteTimeUtc(copy));           // the timestamp is kept
        Assert.Empty(Directory.GetFiles(tmp.Path, "*.tmp*", SearchOption.AllDirectories).Concat(
            Directory.GetFiles(tmp.Path, ".*")));                      // no temp file left

        var (code2, output2) = RunFix(copy);
        Assert.True(code2 == 0, output2);
        Assert.DoesNotContain("marked", output2);
        Assert.Equal(after, File.ReadAllBytes(copy));
    }

    [LinuxFact("/proc/self/maps")]
    public void TorchSharpLoadedTheBuildsOwnCopy()
    {
        using (var t = torch.zeros(1)) { }   // the native library is loaded by now
        var loaded = File.ReadLines("/proc/self/maps")
            .Select(l => l.IndexOf('/') is var i and >= 0 ? l[i..] : "")
            .Where(p => Path.GetFileName(p) == "libLibTorchSharp.so")
            .Distinct()
            .ToList();
        var path = Assert.Single(loaded);
        // The build's copy (deps.json's runtimes/linux-x64/native), not one that TorchSharp's fallback
        // copied from the NuGet cache into cpu/ after a failed first load.
        Assert.Equal(Path.Combine(Path.GetFullPath(AppContext.BaseDirectory), "runtimes", "linux-x64", "native", "libLibTorchSharp.so"), path);
        Assert.False(Directory.Exists(Path.Combine(AppContext.BaseDirectory, "cpu")), "TorchSharp fell back to its cpu/ copies");

        // On a system whose libstdc++ lacks the version (Debian 12), the loaded copy is the patched one;
        // on a newer one the build left it as the package ships it.
        var systemHasIt = File.ReadLines("/proc/self/maps")
            .Select(l => l.IndexOf('/') is var i and >= 0 ? l[i..] : "")
            .Where(p => Path.GetFileName(p).StartsWith("libstdc++.so", StringComparison.Ordinal))
            .Distinct()
            .Any(p => Encoding.ASCII.GetString(File.ReadAllBytes(p)).Contains(Version + "\0"));
        var original = File.ReadAllBytes(Original());
        var ours = File.ReadAllBytes(path);
        if (systemHasIt) Assert.Equal(original, ours);
        else Assert.Single(Enumerable.Range(0, original.Length), i => original[i] != ours[i]);
    }
}
