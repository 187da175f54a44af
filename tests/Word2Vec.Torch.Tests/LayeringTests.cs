using System.Text.RegularExpressions;

namespace Word2Vec.Torch.Tests;

/// <summary>
/// The library's layers, each knowing only those beneath it: Backend → Math → Data → Training → Evaluation
/// (Evaluation may use Math's gradient checker, but nothing of training).
/// </summary>
public class LayeringTests
{
    private static readonly string[] Order = { "Backend", "Math", "Data", "Training", "Evaluation" };

    private static readonly Dictionary<string, string[]> Allowed = new()
    {
        ["Backend"] = new[] { "Backend" },
        ["Math"] = new[] { "Backend", "Math" },
        ["Data"] = new[] { "Backend", "Data" },
        ["Training"] = new[] { "Backend", "Math", "Data", "Training" },
        ["Evaluation"] = new[] { "Backend", "Math", "Evaluation" },
    };

    public static IEnumerable<object[]> Layers() => Order.Select(l => new object[] { l });

    [Theory]
    [MemberData(nameof(Layers))]
    public void ALayerReferencesOnlyTheLayersBeneathIt(string layer)
    {
        var folder = Path.Combine(TestData.RepoRoot, "src", "Word2Vec.Torch", layer);
        var files = Directory.GetFiles(folder, "*.cs", SearchOption.AllDirectories);
        Assert.NotEmpty(files);
        var reference = new Regex(@"Word2Vec\.Torch\.(Backend|Math|Data|Training|Evaluation|Cli)\b");
        var violations = files
            .SelectMany(f => reference.Matches(File.ReadAllText(f)).Select(m => (File: Path.GetFileName(f), Layer: m.Groups[1].Value)))
            .Where(v => !Allowed[layer].Contains(v.Layer))
            .Select(v => $"{v.File} uses {v.Layer}")
            .Distinct()
            .ToList();
        Assert.True(violations.Count == 0, $"{layer} reaches up: {string.Join("; ", violations)}");
    }
}
