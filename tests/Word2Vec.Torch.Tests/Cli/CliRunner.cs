using System.Diagnostics;
using Word2Vec.Torch.Cli;

namespace Word2Vec.Torch.Tests.Cli;

/// <summary>Runs w2v: in-process (its writers captured), or as a child process (for signals).</summary>
internal static class CliRunner
{
    public static (int Code, string Out, string Err) Run(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var code = Program.Run(args, stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }

    /// <summary>The built CLI of this test run's configuration (run.sh builds it beside the tests).</summary>
    public static string CliDll
    {
        get
        {
            var configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Debug{Path.DirectorySeparatorChar}") ? "Debug" : "Release";
            var dll = Path.Combine(TestData.RepoRoot, "src", "Word2Vec.Torch.Cli", "bin", configuration, "net10.0", "w2v.dll");
            Assert.True(File.Exists(dll), $"the CLI is not built at {dll}");
            return dll;
        }
    }

    /// <summary>Starts w2v as a child process with its output redirected.</summary>
    public static CliChild Start(params string[] args)
    {
        var dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet";
        var psi = new ProcessStartInfo(dotnet) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        psi.ArgumentList.Add(CliDll);
        foreach (var a in args) psi.ArgumentList.Add(a);
        return new CliChild(Process.Start(psi)!);
    }

    /// <summary>A config file in <paramref name="folder"/> from <paramref name="json"/>.</summary>
    public static string Config(TempFolder folder, string json)
    {
        var path = folder.File($"config-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, json);
        return path;
    }

    /// <summary>A path as a JSON string's content.</summary>
    public static string Json(string path) => path.Replace("\\", "/");
}

/// <summary>A w2v child process that a failed test does not leave running: disposing it kills what is left of it.</summary>
internal sealed class CliChild(Process process) : IDisposable
{
    public Process Process { get; } = process;

    /// <summary>Reads standard output up to the first line that starts with <paramref name="prefix"/> and returns
    /// it; fails when the output ends first or no such line comes within <paramref name="seconds"/>.</summary>
    public string WaitForLine(string prefix, int seconds = 300)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(seconds));
        try
        {
            while (Process.StandardOutput.ReadLineAsync(timeout.Token).AsTask().GetAwaiter().GetResult() is { } line)
                if (line.StartsWith(prefix, StringComparison.Ordinal)) return line;
        }
        catch (OperationCanceledException)
        {
            Assert.Fail($"no line '{prefix}…' from w2v within {seconds} s");
        }
        Assert.Fail($"w2v's output ended without a line '{prefix}…'");
        return "";
    }

    public void Dispose()
    {
        try
        {
            if (!Process.HasExited) Process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException) { }   // it exited meanwhile
        Process.Dispose();
    }
}
