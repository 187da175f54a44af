using System.Reflection;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Word2Vec.Torch.Cli.Configuration;
using Word2Vec.Torch.Data;
using Word2Vec.Torch.Training;
using Word2Vec.Torch.Training.Checkpoints;

namespace Word2Vec.Torch.Tests.Training;

/// <summary>The library on its own: the README's example compiles and runs, and the entry point's contract.</summary>
[Collection(nameof(Backend.ProcessWideTorchState))]   // training sets libtorch's thread count
public sealed class LibraryExampleTests : IDisposable
{
    private readonly TempFolder _tmp = new();

    public void Dispose() => _tmp.Dispose();

    /// <summary>The README's C# blocks under "The library on its own", in order.</summary>
    private static List<string> ReadmeExamples()
    {
        var readme = File.ReadAllText(Path.Combine(TestData.RepoRoot, "README.md"));
        var section = readme[readme.IndexOf("## The library on its own", StringComparison.Ordinal)..];
        section = section[..section.IndexOf("\n## ", 3, StringComparison.Ordinal)];
        var blocks = Regex.Matches(section, "```csharp\n(.*?)```", RegexOptions.Singleline).Select(m => m.Groups[1].Value).ToList();
        Assert.True(blocks.Count == 2, $"the README's library section has {blocks.Count} ```csharp blocks, not the file example and the sentences one");
        return blocks;
    }

    /// <summary>Compiles <paramref name="code"/> as `dotnet new console` would (its implicit usings) against the
    /// library, runs it, and returns what it printed.</summary>
    private static string CompileAndRun(string code)
    {
        var references = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator)
            .Concat(new[] { typeof(Word2VecTrainer).Assembly.Location, typeof(TorchSharp.torch).Assembly.Location })
            .Distinct()
            .Select(p => MetadataReference.CreateFromFile(p));
        const string implicitUsings = "global using System; global using System.IO; global using System.Collections.Generic; " +
                                      "global using System.Linq; global using System.Threading; global using System.Threading.Tasks;";
        var parse = new CSharpParseOptions(LanguageVersion.Latest);
        var compilation = CSharpCompilation.Create("ReadmeExample",
            new[] { CSharpSyntaxTree.ParseText(implicitUsings, parse), CSharpSyntaxTree.ParseText(code, parse) },
            references, new CSharpCompilationOptions(OutputKind.ConsoleApplication, nullableContextOptions: NullableContextOptions.Enable));
        using var image = new MemoryStream();
        var emitted = compilation.Emit(image);
        Assert.True(emitted.Success, string.Join(Environment.NewLine, emitted.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error)));

        var entry = Assembly.Load(image.ToArray()).EntryPoint!;
        var console = new StringWriter();
        var before = Console.Out;
        Console.SetOut(console);
        try { entry.Invoke(null, entry.GetParameters().Length == 0 ? null : new object[] { Array.Empty<string>() }); }
        finally { Console.SetOut(before); }
        return console.ToString();
    }

    /// <summary>A small corpus where king and queen share their contexts.</summary>
    private string WriteCorpus()
    {
        var rng = new Random(5);
        var lines = Enumerable.Range(0, 1500).Select(i =>
        {
            var ruler = (i % 2 == 0) ? "king" : "queen";
            var verb = new[] { "rules", "guards", "loves", "visits" }[rng.Next(4)];
            var place = new[] { "the land", "the castle", "the people", "the realm" }[rng.Next(4)];
            return i % 5 == 4 ? $"a dog {verb} the cat in the garden" : $"the {ruler} {verb} {place}";
        });
        var path = _tmp.File("corpus.txt");
        File.WriteAllLines(path, lines);
        return path;
    }

    [Fact]
    public void TheReadmeExampleCompilesAndRuns()
    {
        var code = ReadmeExamples()[0];
        Assert.True(code.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length <= 12, "the example should stay about ten lines");
        // The example's two file names, made absolute so the run does not depend on the working folder.
        var corpus = WriteCorpus();
        var output = _tmp.File("vectors.txt");
        Assert.Contains("\"corpus.txt\"", code);
        Assert.Contains("\"vectors.txt\"", code);
        code = code.Replace("\"corpus.txt\"", $"@\"{corpus}\"").Replace("\"vectors.txt\"", $"@\"{output}\"");

        var printed = CompileAndRun(code);
        Assert.Contains("loss", printed);             // the progress callback ran
        Assert.Contains("queen", printed);            // a neighbour of king
        Assert.True(File.Exists(output), "the example saves its vectors");
        using var saved = Word2Vec.Torch.Vectors.WordVectors.Load(output);
        Assert.Contains("king", saved.Words);
    }

    [Fact]
    public void TheReadmeSentencesExampleCompilesAndRuns()
    {
        var printed = CompileAndRun(ReadmeExamples()[1]);
        Assert.Matches(@"king ~ queen: -?\d\.\d{3}", printed);
    }

    [Fact]
    public void TheTextPresetIsTheShippedText8Config()
    {
        var preset = RunFingerprint.Of(TrainingOptions.ForText("corpus/wiki2015-text8style.zip"));
        var config = RunFingerprint.Of(ConfigLoader.Load(Path.Combine(TestData.RepoRoot, "configs", "text8-sgns.json")));
        Assert.Equal(config, preset);
    }

    [Fact]
    public void CancellationStopsTheRunAndInvalidOptionsNameTheirKeys()
    {
        var options = TrainingOptions.ForText(WriteCorpus());
        options.Corpus.MinCount = 1;
        options.Device = "cpu";
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();
        Assert.Throws<OperationCanceledException>(() => Word2VecTrainer.Train(options, cancel: cancelled.Token));

        options.Model.Dimension = 0;
        var e = Assert.Throws<InvalidOptionsException>(() => Word2VecTrainer.Train(options));
        Assert.Contains(e.Problems, p => p.StartsWith("model.dimension = 0"));
    }

    /// <summary>Small options that train in a second, the same way each time (cpu engine, one thread, no cache).</summary>
    private static TrainingOptions Small(string corpusPath = "")
    {
        var options = TrainingOptions.ForText(corpusPath);
        options.Corpus.MinCount = 1;
        options.Corpus.CacheDir = "off";
        options.Corpus.Sample = 0;   // a tiny corpus: subsampling would drop most of it
        options.Model.Dimension = 8;
        options.Device = "cpu";
        options.Threads = 1;
        options.Training.Engine = EngineKind.Cpu;
        return options;
    }

    [Fact]
    public void SentencesInMemoryTrainTheVectorsOfTheSameTextInAFile()
    {
        var path = WriteCorpus();
        var sentences = File.ReadAllLines(path).Select(line => line.Split(' ')).ToList();
        using var fromFile = Word2VecTrainer.Train(Small(path));
        using var fromSentences = Word2VecTrainer.Train(sentences, Small());
        Assert.Equal(fromFile.Words, fromSentences.Words);
        foreach (var word in new[] { "king", "the", "garden" })
            Assert.Equal(fromFile.GetVector(word), fromSentences.GetVector(word));

        // corpus.minCount applies as to a file; the words are taken as they are, case and all.
        var twice = Small();
        twice.Corpus.MinCount = 2;
        using var frequent = Word2VecTrainer.Train([["The", "king", "king"], ["the", "king", "rules", "the"]], twice);
        Assert.Equal(new[] { "king", "the" }, frequent.Words);
    }

    [Fact]
    public void SentencesThatAreNoWordsAreRefusedWithTheirPlace()
    {
        var e = Assert.Throws<ArgumentException>(() => Word2VecTrainer.Train([["a", "b"], ["c", "d e"]], Small()));
        Assert.Contains("sentence 1, word 1: 'd e' is not a word", e.Message);
        e = Assert.Throws<ArgumentException>(() => Word2VecTrainer.Train([["a", ""]], Small()));
        Assert.Contains("sentence 0, word 1", e.Message);
        e = Assert.Throws<ArgumentException>(() => Word2VecTrainer.Train([["a", "b"], null!], Small()));
        Assert.Contains("sentence 1 is null", e.Message);

        // Enumerated twice: a source that gives other sentences the second time is refused, not trained on half-read.
        var passes = 0;
        IEnumerable<IEnumerable<string>> Changing()
        {
            passes++;
            yield return ["a", "b", "a", "b"];
            if (passes == 1) yield return ["c", "d"];
        }
        e = Assert.Throws<ArgumentException>(() => Word2VecTrainer.Train(Changing(), Small()));
        Assert.Contains("6 words when counted and 4 when encoded", e.Message);

        // Options are checked before a sentence is read.
        IEnumerable<IEnumerable<string>> Unreadable()
        {
            throw new InvalidOperationException("enumerated");
#pragma warning disable CS0162   // an iterator that fails when read
            yield break;
#pragma warning restore CS0162
        }
        var zero = Small();
        zero.Model.Dimension = 0;
        Assert.Throws<InvalidOptionsException>(() => Word2VecTrainer.Train(Unreadable(), zero));

        Assert.Throws<InvalidDataException>(() => Word2VecTrainer.Train([Array.Empty<string>()], Small()));
        // Cancelled: the sentences' reading stops (a token cancelled before, so at its end at the latest).
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();
        Assert.Throws<OperationCanceledException>(() => TextCorpusLoader.FromSentences([["a", "b"]], new TextCorpusOptions { MinCount = 1 }, cancelled.Token));
        var sst = Small();
        sst.Corpus.Format = CorpusFormat.Sst;
        var invalid = Assert.Throws<InvalidOptionsException>(() => Word2VecTrainer.Train([["a", "b"]], sst));
        Assert.Contains(invalid.Problems, p => p.StartsWith("corpus.format = sst"));
    }

    [Fact]
    public void TrainingGivesTheThreadCountBackAndTellsWhatItReadAndWarned()
    {
        // A corpus with a byte that is not UTF-8: a warning the CLI prints, which the library hands to the log.
        var path = _tmp.Write("corpus.txt", [.. "the king rules the land\nthe queen rules the "u8, 0xFF, .. " realm\n"u8]);
        var options = Small(path);
        options.Training.Engine = EngineKind.Tensor;
        options.Threads = 2;   // the tensor engine's parts set libtorch to one thread
        var lines = new List<string>();
        var passes = new List<CorpusReadProgress>();
        var before = TorchSharp.torch.get_num_threads();
        try
        {
            TorchSharp.torch.set_num_threads(3);
            using var vectors = Word2VecTrainer.Train(options, log: lines.Add, reading: new Recorder<CorpusReadProgress>(passes));
            Assert.Equal(3, TorchSharp.torch.get_num_threads());
        }
        finally
        {
            TorchSharp.torch.set_num_threads(before);
        }
        Assert.Contains(lines, l => l.StartsWith("warning: ") && l.Contains("not valid UTF-8"));
        Assert.Equal(new[] { 1, 2 }, passes.Select(p => p.Pass).Distinct());
        Assert.All(passes.GroupBy(p => p.Pass), pass => Assert.Equal(pass.Last().TotalBytes, pass.Last().BytesRead));
    }

    /// <summary>Keeps what is reported, on the reporting thread (<see cref="Progress{T}"/> would post it elsewhere).</summary>
    private sealed class Recorder<T>(List<T> list) : IProgress<T>
    {
        public void Report(T value) => list.Add(value);
    }
}
