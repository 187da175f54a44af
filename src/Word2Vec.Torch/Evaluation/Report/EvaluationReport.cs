using System.Diagnostics;
using TorchSharp;
using Word2Vec.Torch.Backend;
using Word2Vec.Torch.Data;
using Word2Vec.Torch.Vectors;

namespace Word2Vec.Torch.Evaluation;

/// <summary>
/// Runs the evaluations (analogies, word similarity, SST sentiment) on a <see cref="WordVectors"/>
/// with the data folder's files, and writes the results as Markdown and JSON (plus a CSV per
/// confusion matrix). The data folder holds <c>eval/questions-words.txt</c>, the similarity files
/// of <see cref="SimilarityDatasets.Standard"/> and <c>sst/trees/{train,dev,test}.txt</c>.
/// </summary>
public static class EvaluationReport
{
    public const string AnalogyFile = "eval/questions-words.txt";
    public const string PhraseAnalogyFile = "eval/questions-phrases.txt";
    public const string TreesFolder = "sst/trees";
    public const string MarkdownFile = "evaluation.md";
    public const string JsonFile = "evaluation.json";

    /// <exception cref="DirectoryNotFoundException">No data folder.</exception>
    /// <exception cref="FileNotFoundException">A data file is missing.</exception>
    public static EvaluationResults Run(WordVectors vectors, string dataFolder, EvaluationOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(vectors);
        ArgumentNullException.ThrowIfNull(dataFolder);
        if (!Directory.Exists(dataFolder)) throw new DirectoryNotFoundException($"No data folder '{dataFolder}'.");
        options ??= new EvaluationOptions();
        if (options.Threads < 1) throw new ArgumentOutOfRangeException(nameof(options), options.Threads, "Threads must be at least 1.");
        using var kept = new KeptThreadCount();
        torch.set_num_threads(options.Threads);
        return RunEach(vectors, dataFolder, options, Stopwatch.StartNew());
    }

    /// <summary>The files a full evaluation reads, relative to the data folder: the analogies, the similarity sets and
    /// the treebank's splits (the phrase analogies are optional).</summary>
    public static IEnumerable<string> RequiredFiles() =>
        new[] { AnalogyFile }.Concat(SimilarityDatasets.Standard.Select(s => s.RelativePath))
            .Concat(new[] { "train.txt", "dev.txt", "test.txt" }.Select(f => $"{TreesFolder}/{f}"));

    private static EvaluationResults RunEach(WordVectors vectors, string dataFolder, EvaluationOptions options, Stopwatch clock)
    {
        string? analogyPath = null;
        IReadOnlyList<AnalogyResult> analogy = Array.Empty<AnalogyResult>();
        if (options.RunAnalogy)
        {
            analogyPath = Path.Combine(dataFolder, AnalogyFile);
            var questions = AnalogyQuestionSet.Load(analogyPath);
            analogy = new AnalogyEvaluator(vectors, options.AnalogyRestrictVocab, options.AnalogyBatchSize)
                .Evaluate(questions, options.AnalogyMethods.ToArray());
        }

        // The phrase analogies (word2vec.c's questions-phrases.txt) when the vectors have phrase tokens
        // ("new_york"), over the whole vocabulary as word2vec.c's demo-phrase-accuracy.sh (phrases are rare).
        string? phrasePath = null;
        IReadOnlyList<AnalogyResult> phrases = Array.Empty<AnalogyResult>();
        if (options.RunPhraseAnalogy && vectors.Words.Any(w => w.Contains('_')))
        {
            phrasePath = Path.Combine(dataFolder, PhraseAnalogyFile);
            if (File.Exists(phrasePath))   // else the report says that the file is missing
                phrases = new AnalogyEvaluator(vectors, vectors.Count, options.AnalogyBatchSize)
                    .Evaluate(AnalogyQuestionSet.Load(phrasePath), options.AnalogyMethods.ToArray());
        }

        IReadOnlyList<SimilarityResult> similarity = Array.Empty<SimilarityResult>();
        if (options.RunSimilarity)
            similarity = new SimilarityEvaluator(vectors, options.SimilarityRestrictVocab)
                .Evaluate(SimilarityDatasets.LoadStandard(dataFolder));

        SentimentReport? sentiment = null;
        if (options.RunSentiment)
            sentiment = new SentimentEvaluator(vectors, options.Sentiment)
                .Evaluate(SstTreebank.Load(Path.Combine(dataFolder, TreesFolder)));

        return new EvaluationResults(new VectorsSummary(vectors.Count, vectors.Dimension, vectors.Device.ToString()),
            analogyPath, analogy, similarity, sentiment, clock.Elapsed.TotalSeconds, phrasePath, phrases);
    }

    /// <summary>The file name (without extension) of a sentiment result's confusion matrix.</summary>
    public static string ConfusionFileStem(SentimentResult result) =>
        $"confusion-{ReportText.Slug(ReportText.TaskName(result.Task) + " " + result.Classifier)}";

    /// <summary>The report's files that <paramref name="folder"/> holds (from an earlier evaluation).</summary>
    public static IReadOnlyList<string> ExistingFiles(string folder)
    {
        if (!Directory.Exists(folder)) return Array.Empty<string>();
        return Directory.EnumerateFiles(folder)
            .Where(f => Path.GetFileName(f) is MarkdownFile or JsonFile
                        || (Path.GetFileName(f).StartsWith("confusion-", StringComparison.Ordinal) && Path.GetExtension(f) is ".csv" or ".svg"))
            .ToList();
    }

    /// <summary>
    /// Writes <c>evaluation.md</c>, <c>evaluation.json</c> and the confusion matrices' CSV files into
    /// <paramref name="folder"/> (made if missing), each atomically: no file replaces its old version until every one
    /// is written; returns their paths.
    /// </summary>
    /// <exception cref="IOException">A file could not be written (the folder's old report is as it was), or, as a
    /// <see cref="PartialCommitException"/>, a rename failed after others had been made (it says which are new).</exception>
    public static IReadOnlyList<string> Write(EvaluationResults results, string folder)
    {
        ArgumentNullException.ThrowIfNull(results);
        ArgumentNullException.ThrowIfNull(folder);
        using var files = new StagedFiles(folder);
        Stage(results, files);
        return files.Commit();
    }

    /// <summary>
    /// Stages <c>evaluation.md</c>, <c>evaluation.json</c> and one
    /// <c>confusion-&lt;task&gt;-&lt;classifier&gt;.csv</c> per sentiment result into
    /// <paramref name="files"/> (the caller commits them, with whatever else it writes).
    /// </summary>
    internal static void Stage(EvaluationResults results, StagedFiles files)
    {
        ArgumentNullException.ThrowIfNull(results);
        ArgumentNullException.ThrowIfNull(files);
        files.AddText(MarkdownFile, ReportMarkdown.Render(results));
        files.AddText(JsonFile, ReportJson.Serialize(results));
        foreach (var (_, result) in results.ConfusionMatrices())
            files.AddText(ConfusionFileStem(result) + ".csv", result.TestConfusion.ToCsv());
    }
}
