using System.Diagnostics;
using Word2Vec.Torch.Training.Checkpoints;
using static Word2Vec.Torch.Tests.Cli.CliRunner;

namespace Word2Vec.Torch.Tests.Cli;

/// <summary>SIGTERM and SIGHUP stop a run as Ctrl-C does: a checkpoint, a message, the shell's exit code.</summary>
public sealed class StopSignalTests : IDisposable
{
    private readonly TempFolder _tmp = new();

    public void Dispose() => _tmp.Dispose();

    [Theory]
    [InlineData("TERM", 143)]
    [InlineData("HUP", 129)]
    [InlineData("INT", 130)]
    public async Task ASignalWritesACheckpointAndExitsWithItsCode(string signal, int exitCode)
    {
        if (!OperatingSystem.IsLinux()) return;   // kill(1), POSIX signals
        var outDir = _tmp.File("out");
        var config = Config(_tmp, $$"""
            { "corpus": { "format": "sst", "path": "{{Json(TestData.SstFolder)}}" },
              "training": { "steps": 10000000 }, "progress": { "printEvery": 10 }, "checkpoints": { "every": 0 },
              "device": "cpu", "output": { "dir": "{{Json(outDir)}}" } }
            """);
        using var run = Start("train", "--config", config);
        var stderr = run.StandardError.ReadToEndAsync();
        string? line;
        while ((line = run.StandardOutput.ReadLine()) is not null && !line.StartsWith("step ", StringComparison.Ordinal)) { }
        Assert.NotNull(line);   // training has begun
        var stdout = run.StandardOutput.ReadToEndAsync();
        Process.Start("kill", new[] { "-" + signal, run.Id.ToString() })!.WaitForExit();
        Assert.True(run.WaitForExit(60_000), "the run did not stop");
        var (err, output) = (await stderr, await stdout);

        Assert.Equal(exitCode, run.ExitCode);
        Assert.Contains($"stopped by SIG{signal}", err);
        Assert.Contains("a checkpoint was written", err);
        var checkpoint = Assert.Single(CheckpointFile.List(outDir));
        var (embeddings, state) = CheckpointFile.Load(checkpoint, TorchSharp.torch.CPU);
        embeddings.Dispose();
        Assert.True(state.Step > 0);
        Assert.DoesNotContain("done:", output);
    }
}
