using System.Text.RegularExpressions;

namespace Word2Vec.Torch.Tests;

/// <summary>
/// The library's layers (docs/architecture.md), each using only the layers beneath it:
/// <code>
///   Backend     the platform beneath: TorchSharp, glibc and .NET specifics
///   Objective   the math: losses, architecture, hand-derived gradients, gradient checks
///   Data        corpora, vocabulary, file formats
///   Vectors     the trained vectors (gensim's KeyedVectors): lookups, similarity, word2vec files
///   Sampling    randomness over corpora: noise tables, subsampling, windows, batch sources
///   Engines     where a step runs: the parameters, the tensor, cpu and device engines
///   Training    options, the factory, the one loop, schedule, progress, checkpoints
///   Evaluation  analogies, similarity, sentiment, reports (on any vectors, not on training)
/// </code>
/// and none of them uses the CLI.
/// </summary>
public class LayeringTests
{
    private static readonly Dictionary<string, string[]> Allowed = new()
    {
        ["Backend"] = new[] { "Backend" },
        ["Objective"] = new[] { "Backend", "Objective" },
        ["Data"] = new[] { "Backend", "Data" },
        ["Vectors"] = new[] { "Backend", "Data", "Vectors" },
        ["Sampling"] = new[] { "Backend", "Data", "Sampling" },
        ["Engines"] = new[] { "Backend", "Objective", "Data", "Sampling", "Engines" },
        ["Training"] = new[] { "Backend", "Objective", "Data", "Vectors", "Sampling", "Engines", "Training" },
        ["Evaluation"] = new[] { "Backend", "Objective", "Data", "Vectors", "Evaluation" },
    };

    public static IEnumerable<object[]> Layers() => Allowed.Keys.Select(l => new object[] { l });

    [Theory]
    [MemberData(nameof(Layers))]
    public void ALayerReferencesOnlyTheLayersBeneathIt(string layer)
    {
        var folder = Path.Combine(TestData.RepoRoot, "src", "Word2Vec.Torch", layer);
        var files = Directory.GetFiles(folder, "*.cs", SearchOption.AllDirectories);
        Assert.NotEmpty(files);
        // Word2Vec.Torch.X anywhere, and a layer's short name before a type (Sampling.Cs224nSampler in a cref,
        // say), which the namespace makes resolve as well.
        var qualified = new Regex(@"Word2Vec\.Torch\.(\w+)");
        var shortName = new Regex(@"(?<![\w.])(" + string.Join("|", Allowed.Keys) + @"|Cli)\.[A-Z]");
        var violations = files
            .SelectMany(f =>
            {
                var text = File.ReadAllText(f);
                return qualified.Matches(text).Concat(shortName.Matches(text))
                    .Select(m => (File: Path.GetRelativePath(folder, f), Layer: m.Groups[1].Value));
            })
            .Where(v => !Allowed[layer].Contains(v.Layer))
            .Select(v => $"{v.File} uses {v.Layer}")
            .Distinct()
            .ToList();
        Assert.True(violations.Count == 0, $"{layer} reaches up: {string.Join("; ", violations)}");
    }

    [Fact]
    public void EveryFolderOfTheLibraryIsALayer()
    {
        var root = Path.Combine(TestData.RepoRoot, "src", "Word2Vec.Torch");
        var folders = Directory.GetDirectories(root).Select(Path.GetFileName).Where(n => n is not ("bin" or "obj")).ToList();
        Assert.Equal(Allowed.Keys.OrderBy(k => k), folders.OrderBy(f => f));
    }
}
