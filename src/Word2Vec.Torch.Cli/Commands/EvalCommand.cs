using System.CommandLine;
using Word2Vec.Torch.Cli.Configuration;
using Word2Vec.Torch.Cli.Data;
using Word2Vec.Torch.Cli.Output;
using Word2Vec.Torch.Cli.Plots;
using Word2Vec.Torch.Data;
using Word2Vec.Torch.Evaluation;
using Word2Vec.Torch.Vectors;

namespace Word2Vec.Torch.Cli.Commands;

/// <summary>
/// w2v eval CONFIG|VECTORS: analogies, word similarity and SST sentiment on a vectors file (any
/// tool's word2vec text or binary format, or the vectors a config trained); writes the report
/// (Markdown + JSON, confusion matrices as CSV and SVG) beside the vectors.
/// </summary>
public static class EvalCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var target = new Argument<string>("target") { Description = "A config (its output.dir holds the vectors) or a word2vec-format vectors file." };
        var data = new Option<string?>("--data") { Description = "The data folder (default: $W2V_DATA, ./data, ../shared/data)." };
        var output = new Option<string?>("--out") { Description = "Where the report goes (default: beside the vectors)." };
        var command = new Command("eval", "Evaluate word vectors: analogies, similarity, SST sentiment.") { target, data, output };
        command.SetAction(r => CommandErrors.Run(stderr, () =>
        {
            var t = r.GetValue(target)!;
            var locator = new DataLocator(r.GetValue(data), stderr);
            var vectorsPath = t.EndsWith(".json", StringComparison.OrdinalIgnoreCase) ? VectorsOf(t) : t;
            if (!File.Exists(vectorsPath)) throw new FileNotFoundException($"vectors file '{vectorsPath}' does not exist (train first?).");
            var outDir = r.GetValue(output) ?? Path.GetDirectoryName(Path.GetFullPath(vectorsPath))!;
            Evaluate(vectorsPath, DataFolder(locator), outDir, stdout);
            return 0;
        }));
        return command;
    }

    private static string VectorsOf(string configPath)
    {
        var o = ConfigLoader.Load(configPath);
        var dir = Path.GetFullPath(o.Output.Dir);
        var bin = Path.Combine(dir, RunOutputs.VectorsFileName(binary: true));
        return File.Exists(bin) ? bin : Path.Combine(dir, RunOutputs.VectorsFileName(binary: false));
    }

    /// <summary>The data folder that holds the evaluation sets (eval/ and sst/), found before any work is done.</summary>
    public static string DataFolder(DataLocator locator) =>
        Path.GetDirectoryName(Path.GetDirectoryName(locator.Require(EvaluationReport.AnalogyFile, "evaluation data"))!)!;

    /// <summary>Evaluates <paramref name="vectorsPath"/> and writes the report's files into
    /// <paramref name="outDir"/>, all together (staged, then committed).</summary>
    public static void Evaluate(string vectorsPath, string dataFolder, string outDir, TextWriter stdout)
    {
        using var vectors = WordVectors.Load(vectorsPath);
        stdout.WriteLine($"evaluating {vectorsPath}: {vectors.Count:N0} words x {vectors.Dimension}, data from {dataFolder}");
        var results = EvaluationReport.Run(vectors, dataFolder);
        using var files = new StagedFiles(outDir);
        EvaluationReport.Stage(results, files);
        foreach (var (title, result) in results.ConfusionMatrices())
            files.AddText(EvaluationReport.ConfusionFileStem(result) + ".svg",
                HeatmapPlot.Render(result.TestConfusion.Counts, result.TestConfusion.Labels, $"{title}: test set"));
        var written = files.Commit();
        stdout.WriteLine(ReportMarkdown.Render(results));
        foreach (var f in written) stdout.WriteLine($"  wrote {f}");
    }
}
