using System.Text.Json;
using Word2Vec.Torch.Cli;

namespace Word2Vec.Torch.Tests.Cli;

public sealed class SpeedCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("w2v-speed-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void TimesBothLossesAndTheProductsAndWritesJson()
    {
        var json = Path.Combine(_dir, "speed.json");
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var code = Program.BuildCommand(stdout, stderr).Parse(new[]
        {
            "speed", "--vocab", "64", "--dim", "8", "--batch", "16", "--steps", "2", "--repeats", "3", "--warmup", "1",
            "--min-seconds", "0", "--json", json,
        }).Invoke();

        Assert.True(code == 0, stderr.ToString());
        Assert.Contains("naive softmax step", stdout.ToString());
        using var doc = JsonDocument.Parse(File.ReadAllText(json));
        var root = doc.RootElement;
        Assert.Equal(64, root.GetProperty("vocab").GetInt32());
        foreach (var name in new[] { "naiveSoftmax", "negativeSampling", "matrixProduct" })
        {
            var c = root.GetProperty(name);
            Assert.Equal(16, c.GetProperty("pairsPerStep").GetInt64());
            Assert.Equal(3, c.GetProperty("secondsPerStep").GetArrayLength());
            Assert.True(c.GetProperty("medianPairsPerSecond").GetDouble() > 0);
        }
        Assert.Equal(2, root.GetProperty("gradientProducts").GetArrayLength());
        Assert.True(root.GetProperty("naiveStepOverOneMm").GetDouble() > 0);
    }

    [Fact]
    public void RejectsAnEmptyBatch()
    {
        var stderr = new StringWriter();
        var code = Program.BuildCommand(new StringWriter(), stderr).Parse(new[] { "speed", "--batch", "0" }).Invoke();
        Assert.Equal(2, code);
        Assert.Contains("--batch", stderr.ToString());
    }
}
