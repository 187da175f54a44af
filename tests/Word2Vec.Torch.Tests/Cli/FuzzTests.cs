using System.IO.Compression;
using System.Text;
using System.Text.RegularExpressions;
using static Word2Vec.Torch.Tests.Cli.CliRunner;

namespace Word2Vec.Torch.Tests.Cli;

/// <summary>
/// Seeded fuzzing of what users hand the CLI: configs, --set values, corpora and vector files, made
/// by mutating valid ones. Whatever the input: never an unhandled exception; a failure exits 2 (3 for
/// a diverged run) with a "w2v:" message that names the file or the key; a failed start leaves
/// no output folder. Each case says its seed, so a failure can be replayed.
/// </summary>
public sealed class FuzzTests : IDisposable
{
    private readonly TempFolder _tmp = new();

    public void Dispose() => _tmp.Dispose();

    private static readonly string[] Keys =
    {
        "corpus.format", "corpus.path", "corpus.minCount", "corpus.maxVocab", "corpus.sample",
        "model.architecture", "model.dimension", "model.window", "model.cbowCombine",
        "loss.type", "loss.negatives",
        "training.steps", "training.epochs", "training.windowsPerStep", "training.batchSize", "training.reduction",
        "training.engine", "training.chunkWords", "training.rowUpdateCap", "training.hotRows",
        "schedule.learningRate", "schedule.type", "schedule.annealEvery", "schedule.annealFactor", "schedule.minLearningRate",
        "progress.printEvery", "progress.smoothing", "progress.divergenceFactor",
        "checkpoints.every", "checkpoints.keep", "checkpoints.resume",
        "output.text", "output.binary", "output.vectors", "output.plots",
        "device", "dtype", "threads", "seed",
    };

    private static readonly string[] Values =
    {
        "-1", "0", "1", "2", "3", "7", "0.5", "1.5", "-0", "2147483648", "9999999999999", "1e308", "1e-308", "0x10", "1,000", "NaN",
        "Infinity", "-Infinity", "abc", "", " ", "true", "false", "null", "cpu", "cuda", "cuda:7", "auto", "float16", "float64",
        "skipGram", "cbow", "sst", "text", "negativeSampling", "naiveSoftmax", "device", "cpuBatched", "tensorAutograd", "sum",
        "linear", "step", "mean", "center", "centerPlusOutside", "\u00e9\u00e8", "\\\\", "\"",
    };

    /// <summary>A value the key takes (so that a good share of the cases trains and reaches later checks).</summary>
    private static string Plausible(string key, Random rng)
    {
        string[] Pick(params string[] options) => options;
        var options = key switch
        {
            "model.architecture" => Pick("skipGram", "cbow"),
            "model.cbowCombine" => Pick("sum", "mean"),
            "loss.type" => Pick("negativeSampling", "naiveSoftmax"),
            "training.engine" => Pick("tensor", "tensorAutograd", "cpu", "cpuBatched", "device"),
            "training.reduction" => Pick("sum", "meanOverWindows"),
            "schedule.type" => Pick("step", "linear"),
            "output.vectors" => Pick("center", "centerPlusOutside"),
            "corpus.format" => Pick("text"),
            "corpus.path" => Pick("corpus.txt"),
            "device" => Pick("cpu", "auto"),
            "dtype" => Pick("float32", "float64"),
            "checkpoints.resume" or "output.text" or "output.binary" or "output.plots" => Pick("true", "false"),
            "corpus.sample" or "schedule.learningRate" or "schedule.annealFactor" or "schedule.minLearningRate" or "progress.smoothing" => Pick("0.5", "0.01", "1e-3"),
            "progress.divergenceFactor" => Pick("0", "5", "100"),
            _ => Pick("1", "2", "3"),
        };
        return options[rng.Next(options.Length)];
    }

    private string Corpus => _tmp.File("corpus.txt");
    private string OutDir => _tmp.File("out");

    private string BaseConfig(string corpus) => $$"""
        { "corpus": { "format": "text", "path": "{{Json(corpus)}}", "minCount": 1 },
          "model": { "dimension": 4, "window": 2 }, "loss": { "negatives": 2 },
          "training": { "steps": 3, "epochs": 1, "batchSize": 32, "chunkWords": 64 },
          "schedule": { "learningRate": 0.025, "type": "linear" }, "checkpoints": { "every": 0 },
          "device": "cpu", "output": { "dir": "{{Json(OutDir)}}", "plots": false } }
        """;

    private void WriteCorpus() => File.WriteAllText(Corpus, string.Join(' ', Data.TextFiles.ZipfWords(400, types: 40)));

    /// <summary>Runs w2v and checks the contract; <paramref name="names"/> are the things a message may name.</summary>
    private int Check(string what, string[] args, params string[] names)
    {
        if (Directory.Exists(OutDir)) Directory.Delete(OutDir, recursive: true);
        var (code, stdout, err) = Run(args);
        var all = stdout + err;
        Assert.False(Regex.IsMatch(all, @"^\s+at \S+\(", RegexOptions.Multiline), $"{what}: a stack trace\n{all}");
        Assert.False(all.Contains("Unhandled exception", StringComparison.OrdinalIgnoreCase), $"{what}: unhandled\n{all}");
        Assert.True(code is 0 or 2 or 3, $"{what}: exit {code}\n{all}");
        if (code == 0) return code;
        Assert.StartsWith("w2v:", err.TrimStart());
        var named = names.Any(n => err.Contains(n)) || Regex.IsMatch(err, @"\b(corpus|model|loss|training|schedule|progress|checkpoints|output)\.\w+|\b(device|dtype|threads|seed)\b|command line");
        Assert.True(named, $"{what}: the message names no file or key\n{err}");
        if (code == 2)
            Assert.False(Directory.Exists(OutDir), $"{what}: a failed start left {OutDir} (the lock's folder goes when nothing was written)");
        return code;
    }

    /// <summary>A fuzz run is worth something only if both kinds of outcome happened.</summary>
    private static void AssertBothOutcomes(List<int> codes, string what)
    {
        Assert.True(codes.Count(c => c == 0) >= 2, $"{what}: only {codes.Count(c => c == 0)} of {codes.Count} cases trained");
        Assert.True(codes.Count(c => c != 0) >= 2, $"{what}: only {codes.Count(c => c != 0)} of {codes.Count} cases failed");
    }

    [Fact]
    public void ConfigsMadeFromAValidOneNeverCrash()
    {
        var codes = new List<int>();
        WriteCorpus();
        for (var seed = 0; seed < 150; seed++)
        {
            var rng = new Random(seed);
            var json = BaseConfig(Corpus);
            var mutations = 1 + rng.Next(3);
            for (var m = 0; m < mutations; m++)
                json = rng.Next(10) switch
                {
                    0 => json[..rng.Next(json.Length)],                                                        // cut short
                    1 => json.Insert(rng.Next(json.Length), new string((char)rng.Next(32, 127), 1)),           // a stray character
                    2 => json.Replace("\"model\": {", $"\"model\": {{ \"x{rng.Next(99)}\": 1,"),                // an unknown key
                    3 or 4 or 5 => SetKey(json, Keys[rng.Next(Keys.Length)], Values[rng.Next(Values.Length)], rng),
                    _ => SetKey(json, Keys[rng.Next(Keys.Length)], null, rng),
                };
            var config = _tmp.File($"fuzz-{seed}.json");
            File.WriteAllText(config, json);
            codes.Add(Check($"config seed {seed}: {json}", new[] { "train", "--config", config }, config, Corpus));
        }
        AssertBothOutcomes(codes, "configs");
    }

    /// <summary>Sets a key in the JSON text: as a section entry, its value raw, quoted, or as an object
    /// (<paramref name="value"/> null: a plausible value, quoted).</summary>
    private static string SetKey(string json, string key, string? value, Random rng)
    {
        var literal = value is null ? "\"" + Plausible(key, rng) + "\"" : rng.Next(3) switch
        {
            0 => value,
            1 => "\"" + value.Replace("\"", "\\\"") + "\"",
            _ => "{ \"v\": 1 }",
        };
        var dot = key.IndexOf('.');
        if (dot < 0) return json.TrimEnd().TrimEnd('}') + $", \"{key}\": {literal} }}";
        var section = key[..dot];
        var marker = $"\"{section}\": {{";
        var at = json.IndexOf(marker, StringComparison.Ordinal);
        return at < 0
            ? json.TrimEnd().TrimEnd('}') + $", \"{section}\": {{ \"{key[(dot + 1)..]}\": {literal} }} }}"
            : json.Insert(at + marker.Length, $" \"{key[(dot + 1)..]}\": {literal},");
    }

    [Fact]
    public void SetValuesNeverCrash()
    {
        var codes = new List<int>();
        WriteCorpus();
        var config = _tmp.File("base.json");
        File.WriteAllText(config, BaseConfig(Corpus));
        for (var seed = 0; seed < 80; seed++)
        {
            var rng = new Random(1000 + seed);
            var set = rng.Next(8) switch
            {
                0 => Values[rng.Next(Values.Length)],                                   // no '='
                1 => "=" + Values[rng.Next(Values.Length)],
                2 => $"{Keys[rng.Next(Keys.Length)]}.deeper={Values[rng.Next(Values.Length)]}",
                3 => $"x{rng.Next(9)}.{Keys[rng.Next(Keys.Length)]}=1",
                _ => rng.Next(Keys.Length) is var k ? $"{Keys[k]}={Plausible(Keys[k], rng)}" : "",
            };
            codes.Add(Check($"--set seed {seed}: {set}", new[] { "train", "--config", config, "--set", set }, config, Corpus));
        }
        AssertBothOutcomes(codes, "--set");
    }

    [Fact]
    public void CorporaNeverCrash()
    {
        var codes = new List<int>();
        var config = _tmp.File("corpus-config.json");
        for (var seed = 0; seed < 40; seed++)
        {
            var rng = new Random(2000 + seed);
            var path = _tmp.File(seed % 4 == 3 ? $"corpus-{seed}.zip" : $"corpus-{seed}.txt");
            var text = Encoding.UTF8.GetBytes(string.Join(' ', Data.TextFiles.ZipfWords(300, types: 30, seed: (ulong)seed)));
            byte[] bytes = (seed % 8) switch
            {
                0 => Array.Empty<byte>(),
                1 => Enumerable.Range(0, 2000).Select(_ => (byte)rng.Next(256)).ToArray(),                 // binary
                2 => text.Select(b => rng.Next(20) == 0 ? (byte)(0x80 + rng.Next(0x40)) : b).ToArray(),   // stray bytes
                4 => Encoding.UTF8.GetBytes(new string(' ', 500) + "\n\n\t\n"),
                5 => Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat("same ", 200))),
                6 => Encoding.UTF8.GetBytes(new string('x', 200_000)),
                _ => text,
            };
            if (path.EndsWith(".zip"))
            {
                if (rng.Next(2) == 0) bytes = bytes.Take(bytes.Length / 2).ToArray();                     // not a zip
                else
                {
                    using var zip = new MemoryStream();
                    using (var archive = new ZipArchive(zip, ZipArchiveMode.Create, leaveOpen: true))
                    {
                        using (var entry = archive.CreateEntry("a.txt").Open()) entry.Write(bytes);
                        if (rng.Next(2) == 0) using (var second = archive.CreateEntry("b.txt").Open()) second.Write(bytes);
                    }
                    bytes = zip.ToArray();
                    if (rng.Next(2) == 0) bytes = bytes.Take(bytes.Length * 2 / 3).ToArray();            // cut short
                }
            }
            File.WriteAllBytes(path, bytes);
            File.WriteAllText(config, BaseConfig(path));
            codes.Add(Check($"corpus seed {seed}", new[] { "train", "--config", config }, path, config));
        }
        AssertBothOutcomes(codes, "corpora");
    }

    [Fact]
    public void VectorFilesNeverCrash()
    {
        var codes = new List<int>();
        for (var seed = 0; seed < 40; seed++)
        {
            var rng = new Random(3000 + seed);
            var n = rng.Next(1, 5);
            var d = rng.Next(1, 4);
            var rows = Enumerable.Range(0, n).Select(i => $"w{i} " + string.Join(' ', Enumerable.Range(0, d).Select(_ => (rng.NextDouble() - 0.5).ToString("R", System.Globalization.CultureInfo.InvariantCulture))));
            var text = $"{n} {d}\n" + string.Join('\n', rows) + "\n";
            byte[] bytes = (seed % 6) switch
            {
                0 => Encoding.UTF8.GetBytes(text.Replace($"{n} {d}", $"{Values[rng.Next(Values.Length)]} {Values[rng.Next(Values.Length)]}")),
                1 => Encoding.UTF8.GetBytes(text[..rng.Next(text.Length)]),
                2 => Encoding.UTF8.GetBytes(text.Replace(" ", " " + Values[rng.Next(Values.Length)] + " ")),
                3 => Encoding.UTF8.GetBytes($"{n} {d}\n").Concat(Enumerable.Range(0, rng.Next(100)).Select(_ => (byte)rng.Next(256))).ToArray(),
                4 => Encoding.UTF8.GetBytes(text.Replace("w1", "w0")),
                _ => Encoding.UTF8.GetBytes(text),
            };
            var path = _tmp.File($"vectors-{seed}.txt");
            File.WriteAllBytes(path, bytes);
            codes.Add(Check($"vectors seed {seed}: {Encoding.UTF8.GetString(bytes)}", new[] { "neighbours", "--vectors", path, "w0" }, path));
        }
        AssertBothOutcomes(codes, "vector files");
    }
}
