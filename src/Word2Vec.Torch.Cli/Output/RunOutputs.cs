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

    private const string WordPlotFile = "word_vectors.svg", VocabularyFile = "vocab.tsv", LossTableFile = "loss.csv", LossPlotFile = "loss.svg", RunJsonFile = "run.json";

    /// <summary>The names of the files a run of <paramref name="o"/> writes into its output folder: <see cref="Stage"/>'s,
    /// a checkpoint's (one name stands for all), and the evaluation report's when the run evaluates.</summary>
    public static IEnumerable<string> FileNames(TrainingOptions o)
    {
        if (o.Output.Text) yield return VectorsFileName(binary: false);
        if (o.Output.Binary) yield return VectorsFileName(binary: true);
        if (o.Output.Plots) { yield return WordPlotFile; yield return LossPlotFile; }
        yield return VocabularyFile;
        yield return LossTableFile;
        yield return RunJsonFile;
        yield return Training.Checkpoints.CheckpointFile.FileName(1);
        if (o.Evaluate) { yield return EvaluationReport.MarkdownFile; yield return EvaluationReport.JsonFile; }
    }

    /// <summary>
    /// Refuses, before any work, an output folder the run cannot fill or must not: one where a name it writes is a
    /// folder (found only once training was over, before), or one whose outputs the text corpus would read (a run
    /// after it would train on this one's vectors and checkpoints).
    /// </summary>
    public static void CheckFolder(TrainingOptions o, string outDir, string corpusPath)
    {
        var names = FileNames(o).ToList();
        StagedFiles.CheckReplaceable(names.Select(n => Path.Combine(outDir, n)));
        if (o.Corpus.Format != CorpusFormat.Text) return;
        var read = names.Where(n => CorpusFiles.Reads(corpusPath, Path.Combine(outDir, n))).ToList();
        if (read.Count > 0)
            throw new InvalidOptionsException([
                $"output.dir = \"{outDir}\" is where corpus.path = \"{o.Corpus.Path}\" reads: the corpus would take in this run's " +
                $"outputs ({string.Join(", ", read)}) the next time. Choose an output.dir outside the corpus's files."]);
    }

    /// <summary>Stages every output of a training run into <paramref name="files"/> (the caller commits them together).</summary>
    internal static void Stage(TrainingOptions o, string configPath, Vocabulary vocabulary, TrainingResult result, StagedFiles files)
    {
        using (var vectors = TrainedVectors.From(result, vocabulary, o.Output.Vectors))
        {
            // An output this run does not write goes, so no file of the previous run outlives its vectors.
            if (o.Output.Text) files.Add(VectorsFileName(binary: false), vectors.SaveText);
            else files.Remove(VectorsFileName(binary: false));
            if (o.Output.Binary) files.Add(VectorsFileName(binary: true), vectors.SaveBinary);
            else files.Remove(VectorsFileName(binary: true));
            if (o.Output.Plots) files.AddText(WordPlotFile, RenderWordPlot(vectors));
            else files.Remove(WordPlotFile);
        }
        files.Add(VocabularyFile, s => vocabulary.Save(s, Path.Combine(files.Folder, VocabularyFile)));
        files.AddText(LossTableFile, LossCsv(result.LossCurve));
        if (o.Output.Plots)
            files.AddText(LossPlotFile, LossCurvePlot.Render(result.LossCurve, $"{Path.GetFileNameWithoutExtension(configPath)}: training loss"));
        else files.Remove(LossPlotFile);
        files.AddText(RunJsonFile, RunJson(o, configPath, result));
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
