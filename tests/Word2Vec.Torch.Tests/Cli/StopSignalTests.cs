using System.Diagnostics;
using Word2Vec.Torch.Training.Checkpoints;
using static Word2Vec.Torch.Tests.Cli.CliRunner;

namespace Word2Vec.Torch.Tests.Cli;

/// <summary>SIGTERM and SIGHUP stop a run as Ctrl-C does: a checkpoint, a message, the shell's exit code; while the
/// corpus is read, a message and the code, and nothing kept.</summary>
public sealed class StopSignalTests : IDisposable
{
    private readonly TempFolder _tmp = new();

    public void Dispose() => _tmp.Dispose();

    [LinuxTheory("kill(1), POSIX signals")]
    [InlineData("TERM", 143)]
    [InlineData("HUP", 129)]
    [InlineData("INT", 130)]
    public async Task ASignalWritesACheckpointAndExitsWithItsCode(string signal, int exitCode)
    {
        var outDir = _tmp.File("out");
        var config = Config(_tmp, $$"""
            { "corpus": { "format": "sst", "path": "{{Json(TestData.SstFolder)}}" },
              "training": { "steps": 10000000 }, "progress": { "printEvery": 10 }, "checkpoints": { "every": 0 },
              "device": "cpu", "output": { "dir": "{{Json(outDir)}}" } }
            """);
        using var child = Start("train", "--config", config);
        var run = child.Process;
        var stderr = run.StandardError.ReadToEndAsync();
        child.WaitForLine("step ");   // training has begun
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

    [LinuxFact("kill(1), POSIX signals")]
    public async Task ASignalWhileTheCorpusIsReadStopsItAndKeepsNothing()
    {
        var outDir = _tmp.File("out");
        var cache = _tmp.File("cache");
        // Four links to the 10^8-byte corpus: encoding them (pass 2) takes several seconds on any machine, long enough for the
        // signal to come while it runs.
        var corpus = Directory.CreateDirectory(_tmp.File("corpus")).FullName;
        for (var i = 1; i <= 4; i++)
            File.CreateSymbolicLink(Path.Combine(corpus, $"part{i}.zip"), TestData.Path("corpus", "wiki2015-text8style.zip"));
        var config = Config(_tmp, $$"""
            { "corpus": { "format": "text", "path": "{{Json(corpus)}}", "cacheDir": "{{Json(cache)}}" },
              "training": { "epochs": 1 }, "device": "cpu", "output": { "dir": "{{Json(outDir)}}" } }
            """);
        using var child = Start("train", "--config", config);
        var run = child.Process;
        var stderr = run.StandardError.ReadToEndAsync();
        child.WaitForLine("counting words:");   // pass 1 has ended, pass 2 has begun
        var stdout = run.StandardOutput.ReadToEndAsync();
        Process.Start("kill", new[] { "-INT", run.Id.ToString() })!.WaitForExit();
        Assert.True(run.WaitForExit(60_000), "the run did not stop");
        var (err, output) = (await stderr, await stdout);

        Assert.Equal(130, run.ExitCode);
        Assert.Contains("stopped by SIGINT: reading the corpus was stopped in pass 2 (encoding ids)", err);
        Assert.DoesNotContain("encoding ids:", output);
        Assert.Empty(Directory.Exists(cache) ? Directory.GetFiles(cache) : []);   // no partial id file
        Assert.Empty(Directory.Exists(outDir) ? Directory.GetFileSystemEntries(outDir) : []);
    }

    [LinuxFact("kill(1), POSIX signals")]
    public async Task ASignalDuringTheEvaluationEndsTheProcessAtOnceWithTheOutputsWritten()
    {
        // It used to be held until the evaluation (a minute of sentiment classifiers) had run to its end.
        var outDir = _tmp.File("out");
        var config = Config(_tmp, $$"""
            { "corpus": { "format": "sst", "path": "{{Json(TestData.SstFolder)}}", "dataDir": "{{Json(TestData.Root)}}" },
              "training": { "steps": 20 }, "progress": { "printEvery": 10 }, "device": "cpu", "evaluate": true,
              "output": { "dir": "{{Json(outDir)}}", "plots": false } }
            """);
        using var child = Start("train", "--config", config);
        var run = child.Process;
        var stderr = run.StandardError.ReadToEndAsync();
        child.WaitForLine("evaluating ");   // the outputs are in, the evaluation has begun
        var stdout = run.StandardOutput.ReadToEndAsync();
        var clock = Stopwatch.StartNew();
        Process.Start("kill", new[] { "-INT", run.Id.ToString() })!.WaitForExit();
        Assert.True(run.WaitForExit(60_000), "the run did not stop");
        await stderr;
        await stdout;

        Assert.Equal(130, run.ExitCode);
        // A minute when the signal waited for the evaluation; well under that with the CI machine's other tests running.
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(30), $"the run went on for {clock.Elapsed.TotalSeconds:F0} s after the signal");
        Assert.True(File.Exists(Path.Combine(outDir, "vectors.txt")));
        Assert.False(File.Exists(Path.Combine(outDir, "evaluation.md")));
    }
}
