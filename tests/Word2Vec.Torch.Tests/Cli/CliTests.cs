using System.Text.Json;
using Word2Vec.Torch.Cli;
using Word2Vec.Torch.Evaluation;
using Word2Vec.Torch.Tests.Data;
using Word2Vec.Torch.Vectors;

namespace Word2Vec.Torch.Tests.Cli;

/// <summary>The w2v command line, run in-process.</summary>
[Collection("SST")]
public sealed class CliTests : IDisposable
{
    private readonly TempFolder _tmp = new();

    public void Dispose() => _tmp.Dispose();

    private static (int Code, string Out, string Err) Run(params string[] args) => CliRunner.Run(args);

    private string Config(string json) => CliRunner.Config(_tmp, json);

    [Fact]
    public void TrainWritesEveryOutputAndResumes()
    {
        var outDir = _tmp.File("run");
        var config = Config($$"""
            {
              "corpus": { "format": "sst", "path": "{{TestData.SstFolder.Replace("\\", "/")}}" },
              "training": { "steps": 200 },
              "checkpoints": { "every": 100 },
              "device": "cpu",
              "output": { "dir": "{{outDir.Replace("\\", "/")}}" }
            }
            """);
        var (code, stdout, stderr) = Run("train", "--config", config);
        Assert.True(code == 0, stderr + stdout);
        foreach (var f in new[] { "vectors.txt", "vectors.bin", "vocab.tsv", "loss.csv", "loss.svg", "word_vectors.svg", "run.json", "checkpoint-0000000200.w2vckpt" })
            Assert.True(File.Exists(Path.Combine(outDir, f)), $"{f} missing; stdout: {stdout}");

        using (var text = WordVectors.Load(Path.Combine(outDir, "vectors.txt")))
        using (var binary = WordVectors.Load(Path.Combine(outDir, "vectors.bin")))
        {
            Assert.Equal(19539, text.Count);
            Assert.Equal(10, text.Dimension);
            Assert.Equal(text.Words, binary.Words);
            Assert.Equal(text.ToArray(), binary.ToArray());
        }
        Assert.Equal(21, File.ReadAllLines(Path.Combine(outDir, "loss.csv")).Length); // header + 20 reports
        using (var run = JsonDocument.Parse(File.ReadAllText(Path.Combine(outDir, "run.json"))))
        {
            Assert.Equal(200, run.RootElement.GetProperty("steps").GetInt64());
            var lastReport = File.ReadAllLines(Path.Combine(outDir, "loss.csv"))[^1].Split(',');   // step,loss,smoothed_loss
            Assert.Equal("200", lastReport[0]);
            Assert.Equal(double.Parse(lastReport[2], System.Globalization.CultureInfo.InvariantCulture),
                run.RootElement.GetProperty("finalSmoothedLoss").GetDouble());
            Assert.Equal(10, run.RootElement.GetProperty("resolved").GetProperty("model").GetProperty("dimension").GetInt32());
        }

        // Running again with more steps resumes from the checkpoint at 200.
        (code, stdout, stderr) = Run("train", "--config", config, "--set", "training.steps=250");
        Assert.True(code == 0, stderr + stdout);
        Assert.Contains("resumed from", stdout);
        Assert.Contains("250 steps", stdout);
    }

    [Fact]
    public void ATextCorpusOfSeveralFilesTrainsThroughTheCacheFolder()
    {
        var parts = Directory.CreateDirectory(_tmp.File("parts")).FullName;
        var words = TextFiles.ZipfWords(6_000, types: 80);
        TextFiles.WriteText8(Path.Combine(parts, "a.txt"), words.Take(3_000));
        TextFiles.WriteText8(Path.Combine(parts, "b.txt"), words.Skip(3_000));
        var cache = _tmp.File("cache").Replace('\\', '/');
        var glob = Path.Combine(parts, "*.txt").Replace('\\', '/');
        var outDir = _tmp.File("run").Replace('\\', '/');
        var config = Config($$"""
            {
              "corpus": { "format": "text", "path": "{{glob}}", "minCount": 2, "cacheDir": "{{cache}}" },
              "model": { "dimension": 8 },
              "training": { "steps": 0, "epochs": 1, "batchSize": 256, "reduction": "sum", "engine": "cpu" },
              "schedule": { "type": "linear", "learningRate": 0.025 },
              "device": "cpu", "threads": 1,
              "output": { "dir": "{{outDir}}", "text": false, "plots": false }
            }
            """);
        var (code, stdout, stderr) = Run("train", "--config", config);
        Assert.True(code == 0, stderr + stdout);
        Assert.Contains("(2 files)", stdout);
        Assert.Contains("counting words:", stdout);
        Assert.Contains("wrote the corpus ids to the cache", stdout);
        Assert.Single(Directory.GetFiles(cache, "*.ids"));

        (code, stdout, stderr) = Run("train", "--config", config, "--no-resume");
        Assert.True(code == 0, stderr + stdout);
        Assert.Contains("reused the corpus ids of the cache", stdout);
        Assert.DoesNotContain("counting words:", stdout);
    }

    [Fact]
    public void EvalMakesOtherVectorsOfARunFromItsCheckpoint()
    {
        var outDir = _tmp.File("concat");
        var config = Config($$"""
            {
              "corpus": { "format": "sst", "path": "{{TestData.SstFolder.Replace("\\", "/")}}" },
              "training": { "steps": 30 },
              "device": "cpu",
              "output": { "dir": "{{outDir.Replace("\\", "/")}}", "text": false, "plots": false }
            }
            """);
        var (code, stdout, stderr) = Run("eval", config, "--vectors", "centerConcatOutside", "--data", TestData.Root);
        Assert.Equal(2, code);   // input not found
        Assert.Contains("no checkpoint", stderr);
        (code, stdout, stderr) = Run("train", "--config", config);
        Assert.True(code == 0, stderr + stdout);
        (code, stdout, stderr) = Run("eval", Path.Combine(outDir, "vectors.bin"), "--vectors", "centerConcatOutside");
        Assert.NotEqual(0, code);
        Assert.Contains("needs a config", stderr);

        (code, stdout, stderr) = Run("eval", config, "--vectors", "centerConcatOutside", "--data", TestData.Root);
        Assert.True(code == 0, stderr + stdout);
        Assert.Contains("x 20", stdout);   // [v; u]: 2 × 10
        var md = File.ReadAllText(Path.Combine(outDir, "evaluation-centerConcatOutside", "evaluation.md"));
        Assert.Contains("19,539 words × 20 dimensions", md);
        Assert.Contains("majority class (\"positive\")", md);
        Assert.Contains("L-BFGS converged", md);
        Assert.False(File.Exists(Path.Combine(outDir, "evaluation.md")), "the run's own report is for its saved vectors");
    }

    [Fact]
    public void PhrasesWritesTheJoinedTextInTwoPassesAndLeavesNoIntermediateFile()
    {
        var input = _tmp.File("corpus.txt");
        File.WriteAllText(input, string.Concat(Enumerable.Repeat("we read the new york times today \n", 30)) + "and one more line\n");
        var output = _tmp.File("phrased.txt");
        var (code, stdout, stderr) = Run("phrases", input, output, "--passes", "2", "--min-count", "2", "--threshold", "0.3");
        Assert.True(code == 0, stderr + stdout);
        Assert.Contains("pass 2:", stdout);
        var lines = File.ReadAllLines(output);
        Assert.Equal(31, lines.Length);
        // Pass 1 joins pairs (we_read the_new york_times today), pass 2 pairs of pairs.
        Assert.Equal("we_read_the_new york_times_today", lines[0]);
        Assert.Equal("and one more line", lines[30]);
        Assert.Equal(["corpus.txt", "phrased.txt"], Directory.GetFiles(_tmp.Path, "*.txt*").Select(f => Path.GetFileName(f)!).Order().ToArray());

        (code, _, stderr) = Run("phrases", _tmp.File("missing.txt"), output);
        Assert.Equal(2, code);
        Assert.Contains("missing.txt", stderr);
        (code, _, stderr) = Run("phrases", input, input);
        Assert.NotEqual(0, code);
        Assert.Contains("is the input", stderr);
    }

    [Fact]
    public void BadConfigsExitNonZeroWithAMessageNamingTheKey()
    {
        var typo = Config("""{ "model": { "dimensions": 10 } }""");
        var (code, _, err) = Run("train", "--config", typo);
        Assert.Equal(2, code);
        Assert.Contains("model.dimensions", err);
        Assert.Contains(typo, err);

        (code, _, err) = Run("train", "--config", Config("""{ "training": { "steps": -3 } }"""));
        Assert.Equal(2, code);
        Assert.Contains("training.steps = -3", err);

        (code, _, err) = Run("train", "--config", Config("""{ "corpus": { "format": "text", "path": "no/such/corpus.txt" }, "device": "cpu" }"""));
        Assert.Equal(2, code);
        Assert.Contains("corpus.path", err);
        Assert.Contains("no/such/corpus.txt", err);

        (code, _, err) = Run("train", "--config", _tmp.File("missing.json"));
        Assert.Equal(2, code);
        Assert.Contains("missing.json", err);
    }

    [Fact]
    public void AnEmptyCorpusIsAClearError()
    {
        var empty = _tmp.File("empty.txt");
        File.WriteAllText(empty, "");
        var (code, _, err) = Run("train", "--config",
            Config($$"""{ "corpus": { "format": "text", "path": "{{empty.Replace("\\", "/")}}" }, "device": "cpu" }"""));
        Assert.Equal(2, code);
        Assert.Contains("empty.txt", err);
    }

    [Fact]
    public void ADivergingRunPrintsItsLossInShortAndLeavesNoOutputFolder()
    {
        // The assignment's SST run at a rate of 10^30: its loss passes 10^100 before it becomes NaN.
        var outDir = _tmp.File(Path.Combine("runs", "out"));
        var (code, stdout, err) = Run("train", "--config", Path.Combine(TestData.RepoRoot, "configs", "sst-cs224n.json"),
            "--set", $"corpus.path={TestData.SstFolder}", "--set", "schedule.learningRate=1e30", "--set", "training.steps=200",
            "--set", $"output.dir={outDir}");
        Assert.True(code == 3, $"exit {code}\n{stdout}\n{err}");
        Assert.Contains("training diverged", err);
        // A loss of 10^100 is "1.000000E+100", not a hundred digits.
        Assert.DoesNotMatch(@"loss \d{8}", stdout);
        Assert.True(System.Text.RegularExpressions.Regex.IsMatch(stdout, @"loss \d\.\d{6}E\+\d{3}"), stdout);
        // Nothing was written: the folders the run's lock made are gone again.
        Assert.False(Directory.Exists(_tmp.File("runs")), $"the failed run left {_tmp.File("runs")}");
    }

    [Fact]
    public void GradcheckPrintsATableWithEveryRowPassing()
    {
        var (code, stdout, stderr) = Run("gradcheck", "--seed", "11");
        Assert.True(code == 0, stderr + stdout);
        foreach (var c in new[] { "naive softmax", "negative sampling", "skip-gram", "CBOW", "softmax regression" })
            Assert.Contains(c, stdout, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("FAIL", stdout);
        Assert.Matches(@"gradcheck: \d+ passed, 0 failed", stdout);
    }

    [Fact]
    public void NeighboursOfAnUnknownWordIsAClearError()
    {
        var path = _tmp.File("v.txt");
        File.WriteAllText(path, "3 2\nking 1 0\nqueen 0.9 0.1\nman 0 1\n");
        var (code, stdout, _) = Run("neighbours", "--vectors", path, "king");
        Assert.Equal(0, code);
        Assert.StartsWith("king: queen", stdout);
        var (code2, _, err) = Run("neighbours", "--vectors", path, "emperor");
        Assert.Equal(2, code2);
        Assert.Contains("emperor", err);
    }

    [Fact]
    public void AnalogyAnswersEachQuestionAndNamesTheUnknownWords()
    {
        var path = _tmp.File("v.txt");
        File.WriteAllText(path, "6 3\nman 1 0 0\nwoman 0 1 0\nking 1 0 1\nqueen 0 1 1\nprince 1 0 0.3\napple 0 0 -1\n");
        foreach (var method in new[] { "CosAdd", "cosmul" })
        {
            var (code, stdout, stderr) = Run("analogy", "--vectors", path, "--method", method, "--topn", "2", "man", "king", "woman", "woman", "queen", "man");
            Assert.True(code == 0, stderr);
            var lines = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
            Assert.Equal(2, lines.Length);
            Assert.StartsWith("man : king :: woman : queen ", lines[0]);
            Assert.StartsWith("woman : queen :: man : king ", lines[1]);
            Assert.Equal(2, lines[0].Split(", ").Length);
        }
        var (code2, stdout2, err) = Run("analogy", "--vectors", path, "man", "king", "woman", "man", "emperor", "woman");
        Assert.Equal(2, code2);
        Assert.StartsWith("man : king :: woman : queen", stdout2);
        Assert.Contains("'emperor'", err);
        Assert.Contains(path, err);
        var (code3, _, err3) = Run("analogy", "--vectors", path, "man", "king", "woman", "queen");
        Assert.Equal(2, code3);
        Assert.Contains("4 words are not questions of three words each", err3);
    }
}
