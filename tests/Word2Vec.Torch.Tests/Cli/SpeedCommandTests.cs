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
            var seconds = c.GetProperty("secondsPerStep").EnumerateArray().Select(s => s.GetDouble()).Order().ToArray();
            Assert.Equal(3, seconds.Length);
            Assert.All(seconds, s => Assert.True(s > 0));
            Assert.Equal(seconds[1], c.GetProperty("medianSecondsPerStep").GetDouble());
            Assert.Equal(16 / seconds[1], c.GetProperty("medianPairsPerSecond").GetDouble(), 1e-9 * 16 / seconds[1]);
        }
        Assert.Equal(2, root.GetProperty("gradientProducts").GetArrayLength());
        double Median(string name) => root.GetProperty(name).GetProperty("medianSecondsPerStep").GetDouble();
        Assert.Equal(Median("naiveSoftmax") / Median("matrixProduct"), root.GetProperty("naiveStepOverOneMm").GetDouble(), 1e-12);
    }

    [Theory]
    [InlineData("--batch 0", "--batch 0 must be at least 1")]
    [InlineData("--json /", "--json = \"/\": a folder; name the JSON file to write")]   // refused before the timing ran
    [InlineData("--threads -1", "--threads -1 must be between 0 (libtorch's default) and 256")]
    [InlineData("--threads 9999", "--threads 9999 must be between 0 (libtorch's default) and 256")]
    [InlineData("--min-seconds Infinity", "--min-seconds Infinity must be a finite number of seconds from 0 to 3600")]
    [InlineData("--min-seconds 1e10", "--min-seconds 10000000000 must be a finite number of seconds from 0 to 3600")]
    [InlineData("--batch 50000 --negatives 50000", "--batch 50,000 × --negatives 50,000 = 2,500,000,000 negatives a step")]   // wrapped an int before
    [InlineData("--vocab 2000000000 --batch 100000", "--vocab 2,000,000,000, --dim 50, --batch 100,000 and --negatives 5 need about")]
    public void RejectsEachBadOptionByNameAndValue(string args, string problem)
    {
        var stderr = new StringWriter();
        var code = Program.BuildCommand(new StringWriter(), stderr).Parse(["speed", .. args.Split(' ')]).Invoke();
        Assert.Equal(2, code);
        Assert.Contains(problem, stderr.ToString());
    }
}
