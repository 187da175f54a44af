using System.Globalization;
using System.Text.Json;
using System.Text;
using TorchSharp;
using Word2Vec.Torch.Backend;
using Word2Vec.Torch.Cli.Plots;
using Word2Vec.Torch.Data;
using Word2Vec.Torch.Evaluation;
using Word2Vec.Torch.Training;
using Word2Vec.Torch.Vectors;
using static TorchSharp.torch;

namespace Word2Vec.Torch.Cli.Output;

/// <summary>
/// What a training run leaves in its output folder: vectors (word2vec text and binary), the
/// vocabulary with counts, the loss curve (CSV and SVG), the assignment's word plot (SVG) and
/// run.json (the resolved config and the run's figures). They are staged and committed together
/// (<see cref="StagedFiles"/>): a failed write leaves the previous run's files whole.
/// </summary>
public static class RunOutputs
{
    public static string VectorsFileName(bool binary) => binary ? "vectors.bin" : "vectors.txt";

    /// <summary>Stages every output of a training run into <paramref name="files"/> (the caller commits them together).</summary>
    public static void Stage(TrainingOptions o, string configPath, Vocabulary vocabulary, TrainingResult result, StagedFiles files)
    {
        using (var vectors = TrainedVectors.From(result, vocabulary, o.Output.Vectors))
        {
            // An output this run does not write goes, so no file of the previous run outlives its vectors.
            if (o.Output.Text) files.Add(VectorsFileName(binary: false), vectors.SaveText);
            else files.Remove(VectorsFileName(binary: false));
            if (o.Output.Binary) files.Add(VectorsFileName(binary: true), vectors.SaveBinary);
            else files.Remove(VectorsFileName(binary: true));
            if (o.Output.Plots) files.AddText("word_vectors.svg", RenderWordPlot(vectors));
            else files.Remove("word_vectors.svg");
        }
        files.Add("vocab.tsv", s => vocabulary.Save(s, Path.Combine(files.Folder, "vocab.tsv")));
        files.AddText("loss.csv", LossCsv(result.LossCurve));
        if (o.Output.Plots)
            files.AddText("loss.svg", LossCurvePlot.Render(result.LossCurve, $"{Path.GetFileNameWithoutExtension(configPath)}: training loss"));
        else files.Remove("loss.svg");
        files.AddText("run.json", RunJson(o, configPath, result));
    }

    /// <summary>The 24 words of the assignment's plot that the vocabulary has (their centre vectors, or centre+outside).</summary>
    private static string RenderWordPlot(WordVectors vectors)
    {
        var words = WordPlot.AssignmentWords.Where(vectors.Contains).ToList();
        var rows = words.Select(w => vectors.GetVector(w).Select(v => (double)v).ToArray()).ToArray();
        return WordPlot.Render(words, rows, "word vectors (PCA of the assignment's 24 words)");
    }

    public static string LossCsv(IReadOnlyList<double[]> curve)
    {
        var b = new StringBuilder("step,loss,smoothed_loss\n");
        foreach (var r in curve)
            b.Append(CultureInfo.InvariantCulture, $"{(long)r[0]},{r[1]:R},{r[2]:R}\n");
        return b.ToString();
    }

    private static string RunJson(TrainingOptions o, string configPath, TrainingResult r) =>
        JsonSerializer.Serialize(new
        {
            config = Path.GetFullPath(configPath),
            resolved = o,
            steps = r.Steps,
            finalLoss = r.FinalLoss,
            finalSmoothedLoss = r.FinalSmoothedLoss,
            wordsProcessed = r.WordsProcessed,
            wordsPerSecond = r.WordsPerSecond,
            examplesPerSecond = r.ExamplesPerSecond,
            wallSeconds = r.WallSeconds,
            resumedFromStep = r.ResumedFromStep,
            torch = torch.__version__,
            machine = $"{Environment.ProcessorCount} cores, {System.Runtime.InteropServices.RuntimeInformation.OSDescription}",
            finishedUtc = DateTime.UtcNow,
        }, new JsonSerializerOptions
        {
            WriteIndented = true,
            Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
            PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
            NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals,
        });
}
