using System.CommandLine;
using Word2Vec.Torch.Cli.Configuration;
using Word2Vec.Torch.Cli.Data;
using Word2Vec.Torch.Cli.Output;
using Word2Vec.Torch.Cli.Plots;
using Word2Vec.Torch.Data;
using Word2Vec.Torch.Evaluation;
using Word2Vec.Torch.Training;
using Word2Vec.Torch.Training.Checkpoints;
using Word2Vec.Torch.Vectors;

namespace Word2Vec.Torch.Cli.Commands;

/// <summary>
/// w2v eval CONFIG|VECTORS: analogies, word similarity and SST sentiment on a vectors file (any
/// tool's word2vec text or binary format, or the vectors a config trained); writes the report
/// (Markdown + JSON, confusion matrices as CSV and SVG) beside the vectors. With a config,
/// --vectors KIND evaluates another output.vectors of the same run (the 2017 assignment's
/// centerConcatOutside, say), made from its newest checkpoint; its report goes to evaluation-KIND/.
/// </summary>
public static class EvalCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var target = new Argument<string>("target") { Description = "A config (its output.dir holds the vectors) or a word2vec-format vectors file." };
        var data = new Option<string?>("--data") { Description = "The data folder (default: $W2V_DATA, ./data, ../shared/data)." };
        var output = new Option<string?>("--out") { Description = "Where the report goes (default: beside the vectors)." };
        var kind = new Option<VectorsKind?>("--vectors")
        {
            Description = "With a config: evaluate these vectors of its run (center, centerPlusOutside, centerConcatOutside), made from its newest checkpoint.",
        };
        var set = new Option<string[]>("--set", "-s")
        {
            Description = "With a config: override a key as train did, e.g. --set output.dir=out/other (repeatable).",
            AllowMultipleArgumentsPerToken = false,
        };
        var command = new Command("eval", "Evaluate word vectors: analogies, similarity, SST sentiment.") { target, data, output, kind, set };
        command.SetAction(r => CommandErrors.Run(stderr, () =>
        {
            var t = r.GetValue(target)!;
            var isConfig = t.EndsWith(".json", StringComparison.OrdinalIgnoreCase);
            if (r.GetValue(kind) is { } wanted && !isConfig)
                throw new ArgumentException($"--vectors {wanted} needs a config (its run's checkpoint holds the vectors); '{t}' is a vectors file.");
            var overrides = r.GetValue(set) ?? [];
            if (overrides.Length > 0 && !isConfig)
                throw new ArgumentException($"--set overrides a config's keys; '{t}' is a vectors file.");
            // The vectors are looked for first, then the data: a missing vectors file is the error to see first.
            string Data() => DataFolder(new DataLocator(r.GetValue(data), stderr, "--data"));
            if (r.GetValue(kind) is { } k)
            {
                var runDir = Path.GetFullPath(ConfigLoader.Load(t, overrides).Output.Dir);
                if (!Directory.Exists(runDir))
                    throw new DirectoryNotFoundException($"output.dir = \"{runDir}\" of {t} does not exist: no checkpoint to make {k} vectors from (train first?).");
                var dataFolder = Data();
                // The run's folder, held while its checkpoint is read and the report written: a training run there
                // would prune the checkpoint and remove the evaluation-KIND/ folder.
                using var run = FolderLock.Acquire(runDir, "output.dir");
                using var fromCheckpoint = VectorsFromCheckpoint(runDir, k, out var source);
                Evaluate(fromCheckpoint, $"{source} as {k}", dataFolder, r.GetValue(output) ?? Path.Combine(runDir, CheckpointEvaluationFolder(k)), r.GetValue(output) is not null, stdout);
                return 0;
            }
            var vectorsPath = isConfig ? VectorsOf(t, overrides) : t;
            if (InputFile.Problem(vectorsPath) is { } problem) throw new FileNotFoundException($"vectors file '{vectorsPath}' {problem} (train first?).", vectorsPath);
            var outDir = r.GetValue(output) ?? Path.GetDirectoryName(Path.GetFullPath(vectorsPath))!;
            Evaluate(vectorsPath, Data(), outDir, stdout, outNamed: r.GetValue(output) is not null);
            return 0;
        }));
        return command;
    }

    /// <summary>The vectors of <paramref name="kind"/> from the newest checkpoint of a run's folder and its
    /// vocab.tsv (whose words must be the checkpoint's).</summary>
    private static WordVectors VectorsFromCheckpoint(string runDir, VectorsKind kind, out string source)
    {
        var newest = CheckpointFile.List(runDir).FirstOrDefault()
                     ?? throw new FileNotFoundException($"no checkpoint in '{runDir}' to make {kind} vectors from (train first?).");
        var vocabulary = Vocabulary.Load(Path.Combine(runDir, "vocab.tsv"));
        var (embeddings, state) = CheckpointFile.Load(newest, TorchSharp.torch.CPU);
        using (embeddings)
        {
            if (state.VocabularyHash != CheckpointFile.HashWords(vocabulary.Words))
                throw new InvalidDataException($"{Path.Combine(runDir, "vocab.tsv")} does not hold the words of {newest} (another run's?).");
            source = newest;
            return TrainedVectors.From(new TrainingResult { Embeddings = embeddings, LossCurve = Array.Empty<double[]>() }, vocabulary, kind);
        }
    }

    /// <summary>The evaluation-KIND/ folders that evaluations of a run's checkpoint wrote into <paramref name="runDir"/>.</summary>
    public static IEnumerable<string> CheckpointEvaluationFolders(string runDir) =>
        Enum.GetValues<VectorsKind>().Select(k => Path.Combine(runDir, CheckpointEvaluationFolder(k))).Where(Directory.Exists);

    private static string CheckpointEvaluationFolder(VectorsKind k) => $"evaluation-{Camel(k)}";

    private static string Camel(VectorsKind k) => char.ToLowerInvariant(k.ToString()[0]) + k.ToString()[1..];

    private static string VectorsOf(string configPath, IEnumerable<string> overrides)
    {
        var o = ConfigLoader.Load(configPath, overrides);
        var dir = Path.GetFullPath(o.Output.Dir);
        var bin = Path.Combine(dir, RunOutputs.VectorsFileName(binary: true));
        return File.Exists(bin) ? bin : Path.Combine(dir, RunOutputs.VectorsFileName(binary: false));
    }

    /// <summary>The data folder that holds the evaluation sets (eval/ and sst/), found before any work is done: the one
    /// the user named (--data, corpus.dataDir), which must hold them, else the first of the data folders that does.</summary>
    public static string DataFolder(DataLocator locator)
    {
        bool Holds(string folder) => File.Exists(Path.Combine(folder, EvaluationReport.AnalogyFile));
        var folder = locator.Named is { } named
            ? Holds(named) ? named
                : throw new FileNotFoundException($"the evaluation data folder {named} holds no {EvaluationReport.AnalogyFile}: give the folder that holds eval/ and sst/.")
            : locator.Folders.FirstOrDefault(Holds) ?? throw new FileNotFoundException(
                $"evaluation data: no {EvaluationReport.AnalogyFile} in {string.Join(", ", locator.Folders)} (set {locator.Key} or W2V_DATA to the folder that holds eval/ and sst/).");
        var missing = EvaluationReport.RequiredFiles().Where(f => !File.Exists(Path.Combine(folder, f))).ToList();
        return missing.Count == 0 ? folder
            : throw new FileNotFoundException($"the evaluation data folder {folder} lacks {string.Join(", ", missing)}.");
    }

    /// <summary>Evaluates <paramref name="vectorsPath"/> and writes the report's files into
    /// <paramref name="outDir"/>, all together (staged, then committed).</summary>
    /// <param name="outNamed">Whether --out named <paramref name="outDir"/> (else it is the default folder), for
    /// the lock's message.</param>
    public static void Evaluate(string vectorsPath, string dataFolder, string outDir, TextWriter stdout, bool outNamed = false)
    {
        using var vectors = WordVectors.Load(vectorsPath);
        Evaluate(vectors, vectorsPath, dataFolder, outDir, outNamed, stdout);
    }

    private static void Evaluate(WordVectors vectors, string description, string dataFolder, string outDir, bool outNamed, TextWriter stdout)
    {
        // The folder is a run's (or --out's): a training run there must not replace or clean up under the report.
        var made = !Directory.Exists(outDir);
        IReadOnlyList<string> written;
        EvaluationResults results;
        try
        {
            // --out's folder, or its default (the vectors' folder, or the run's evaluation-KIND/).
            using var folder = outNamed ? FolderLock.Acquire(outDir, "--out")
                : FolderLock.Acquire(outDir, "the report's folder (--out left out)", remedy: "name another with --out");
            StagedFiles.CheckReplaceable(new[] { EvaluationReport.MarkdownFile, EvaluationReport.JsonFile }.Select(n => Path.Combine(outDir, n)));
            stdout.WriteLine($"evaluating {description}: {vectors.Count:N0} words x {vectors.Dimension}, data from {dataFolder}");
            results = EvaluationReport.Run(vectors, dataFolder);
            stdout.WriteLine(ReportMarkdown.Render(results));   // first, so that a report that cannot be written is not lost
            try
            {
                using var files = new StagedFiles(outDir);
                EvaluationReport.Stage(results, files);
                foreach (var (title, result) in results.ConfusionMatrices())
                    files.AddText(EvaluationReport.ConfusionFileStem(result) + ".svg",
                        HeatmapPlot.Render(result.TestConfusion.Counts, result.TestConfusion.Labels, $"{title}: test set"));
                written = files.Commit();
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)   // only the files are written here
            {
                throw new IOException($"{e.Message}; the report above was not saved" +
                                      (e is PartialCommitException ? "" : ", and no file of an earlier report was replaced"), e);
            }
        }
        catch when (made)
        {
            // A failed evaluation leaves no folder of its own behind: the lock's files went with the lock, so an
            // empty folder is the one it made.
            try { Directory.Delete(outDir); } catch (IOException) { }
            throw;
        }
        foreach (var f in written) stdout.WriteLine($"  wrote {f}");
    }
}
