using System.Text.RegularExpressions;

namespace Word2Vec.Torch.Tests;

/// <summary>
/// The library's layers, each knowing only those beneath it: Math → Data → Training → Evaluation
/// (Evaluation may use Math's gradient checker, but nothing of training); and the library uses
/// only TorchSharp's API, never the in-repo binding's extras, so it builds against the real packages.
/// </summary>
public class LayeringTests
{
    private static readonly string[] Order = { "Math", "Data", "Training", "Evaluation" };

    private static readonly Dictionary<string, string[]> Allowed = new()
    {
        ["Math"] = new[] { "Math" },
        ["Data"] = new[] { "Data" },
        ["Training"] = new[] { "Math", "Data", "Training" },
        ["Evaluation"] = new[] { "Math", "Evaluation" },
    };

    public static IEnumerable<object[]> Layers() => Order.Select(l => new object[] { l });

    [Theory]
    [MemberData(nameof(Layers))]
    public void ALayerReferencesOnlyTheLayersBeneathIt(string layer)
    {
        var folder = Path.Combine(TestData.RepoRoot, "src", "Word2Vec.Torch", layer);
        var files = Directory.GetFiles(folder, "*.cs", SearchOption.AllDirectories);
        Assert.NotEmpty(files);
        var reference = new Regex(@"Word2Vec\.Torch\.(Math|Data|Training|Evaluation|Cli)\b");
        var violations = files
            .SelectMany(f => reference.Matches(File.ReadAllText(f)).Select(m => (File: Path.GetFileName(f), Layer: m.Groups[1].Value)))
            .Where(v => !Allowed[layer].Contains(v.Layer))
            .Select(v => $"{v.File} uses {v.Layer}")
            .Distinct()
            .ToList();
        Assert.True(violations.Count == 0, $"{layer} reaches up: {string.Join("; ", violations)}");
    }

    [Fact]
    public void TheLibraryAndCliUseNothingBindingSpecific()
    {
        var sources = new[] { "Word2Vec.Torch", "Word2Vec.Torch.Cli" }
            .SelectMany(p => Directory.GetFiles(Path.Combine(TestData.RepoRoot, "src", p), "*.cs", SearchOption.AllDirectories))
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}"));
        var forbidden = new Regex(@"TorchSharp\.Binding|TORCH_BINDING|NativeTensors|(?<!autograd)\.grad\b");
        var hits = sources.SelectMany(f => File.ReadAllLines(f).Select((line, i) => (f, i, line)))
            .Where(x => forbidden.IsMatch(x.line))
            .Select(x => $"{Path.GetFileName(x.f)}:{x.i + 1}: {x.line.Trim()}")
            .ToList();
        Assert.True(hits.Count == 0, string.Join(Environment.NewLine, hits));
    }
}
