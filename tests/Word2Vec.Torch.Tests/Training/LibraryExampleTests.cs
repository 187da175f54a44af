using System.Reflection;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Word2Vec.Torch.Cli.Configuration;
using Word2Vec.Torch.Training;
using Word2Vec.Torch.Training.Checkpoints;

namespace Word2Vec.Torch.Tests.Training;

/// <summary>The library on its own: the README's example compiles and runs, and the entry point's contract.</summary>
public sealed class LibraryExampleTests : IDisposable
{
    private readonly TempFolder _tmp = new();

    public void Dispose() => _tmp.Dispose();

    /// <summary>The README's C# block under "The library on its own".</summary>
    private static string ReadmeExample()
    {
        var readme = File.ReadAllText(Path.Combine(TestData.RepoRoot, "README.md"));
        var section = readme[readme.IndexOf("## The library on its own", StringComparison.Ordinal)..];
        var match = Regex.Match(section, "```csharp\n(.*?)```", RegexOptions.Singleline);
        Assert.True(match.Success, "the README's library section has no ```csharp block");
        return match.Groups[1].Value;
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
        var code = ReadmeExample();
        Assert.True(code.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length <= 12, "the example should stay about ten lines");
        // The example's two file names, made absolute so the run does not depend on the working folder.
        var corpus = WriteCorpus();
        var output = _tmp.File("vectors.txt");
        Assert.Contains("\"corpus.txt\"", code);
        Assert.Contains("\"vectors.txt\"", code);
        code = code.Replace("\"corpus.txt\"", $"@\"{corpus}\"").Replace("\"vectors.txt\"", $"@\"{output}\"");

        var references = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator)
            .Concat(new[] { typeof(Word2VecTrainer).Assembly.Location, typeof(TorchSharp.torch).Assembly.Location })
            .Distinct()
            .Select(p => MetadataReference.CreateFromFile(p));
        // As `dotnet new console` compiles it: its implicit usings, then the example.
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

        var printed = console.ToString();
        Assert.Contains("loss", printed);             // the progress callback ran
        Assert.Contains("queen", printed);            // a neighbour of king
        Assert.True(File.Exists(output), "the example saves its vectors");
        using var saved = Word2Vec.Torch.Vectors.WordVectors.Load(output);
        Assert.Contains("king", saved.Words);
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
}
