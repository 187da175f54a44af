using System.Globalization;

namespace Word2Vec.Torch.Training;

/// <summary>
/// What a run's sizes cost in memory, estimated before anything is allocated, so that a size no
/// machine can hold is refused with its key, its value and the estimate, instead of growing until
/// the process dies. Each estimate is of the largest thing that key makes (a step's batch arrays
/// and tensors, the device engine's chunk, the loss curve, the parameters), within a small factor:
/// it is a bound for refusing, not a prediction. The limit is the memory this process may use
/// (<see cref="GCMemoryInfo.TotalAvailableMemoryBytes"/>: the machine's, or its container's).
/// </summary>
internal static class MemoryBudget
{
    /// <summary>Bytes the process may use.</summary>
    public static long Limit => GC.GetGCMemoryInfo().TotalAvailableMemoryBytes;

    /// <summary>The sizes that the options alone fix: each one's problem, if it needs more than <paramref name="limit"/>.</summary>
    public static IEnumerable<string> Problems(TrainingOptions o, long limit) => Check(FromOptions(o), limit);

    /// <summary>The sizes that need the vocabulary and corpus size too (the parameters, naive softmax's [B, V], a run by epochs' curve).</summary>
    public static IEnumerable<string> Problems(TrainingOptions o, long vocabSize, long tokens, long limit) => Check(FromCorpus(o, vocabSize, tokens), limit);

    private static IEnumerable<string> Check(IEnumerable<(string Key, string Value, double Bytes, string What)> estimates, long limit)
    {
        var said = new HashSet<string>();
        foreach (var (key, value, bytes, what) in estimates)
            if (said.Contains(key)) continue;   // one problem a key
            else if (double.IsPositiveInfinity(bytes) && said.Add(key))
                yield return $"{key} = {value}: {what}.";
            else if (bytes > limit && said.Add(key))
                yield return $"{key} = {value}: {what} need about {Size(bytes)}, more than the {Size(limit)} this process may use.";
    }

    /// <summary>Naive softmax's [B, V] scores, probabilities and gradients in one step of B examples.</summary>
    public static double NaiveSoftmaxStepBytes(double examples, double vocabSize, double bytesPerValue) => 5 * examples * vocabSize * bytesPerValue;

    private static int BytesPerValue(TrainingOptions o) => (o.Dtype ?? "").Trim().ToLowerInvariant() == "float64" ? 8 : 4;

    private static bool Cbow(TrainingOptions o) => o.Model.Architecture == Architecture.Cbow;

    private static int Negatives(TrainingOptions o) => o.Loss.UsesNegatives ? o.Loss.Negatives : 0;

    /// <summary>Hierarchical softmax's padded path: at most 64 nodes for any count (a depth beyond
    /// needs counts beyond Fibonacci(64)), about log₂ V + a few for real ones; 40 bounds the corpora of practice.</summary>
    private static int PathNodes(TrainingOptions o) => o.Loss.UsesTree ? 40 : 0;

    /// <summary>B, the examples of a host step: the text batch, or the SST windows' pairs.</summary>
    private static double ExamplesPerStep(TrainingOptions o) => o.Corpus.Format == CorpusFormat.Text
        ? o.Training.BatchSize
        : Cbow(o) ? o.Training.WindowsPerStep : (double)o.Training.WindowsPerStep * 2 * o.Model.Window;

    private static IEnumerable<(string, string, double, string)> FromOptions(TrainingOptions o)
    {
        var t = o.Training;
        double d = o.Model.Dimension, k = Negatives(o) + PathNodes(o), v = BytesPerValue(o);
        if (t.Engine == EngineKind.Device)
        {
            // [N] and [M·2W] int64 index tensors of the sampling (a handful each), then the pairs' step.
            double n = t.ChunkWords, pairs = n * 2 * o.Model.Window;
            yield return ("training.chunkWords", S(t.ChunkWords), 6 * 8 * n + 6 * 8 * pairs + 6 * pairs * (k + 1) * d * v,
                "the sampling tensors and the step of one chunk");
        }
        else
        {
            // The batch's arrays (ids 8 bytes, mask 4, negatives 8), three of them with the cpu engines'
            // producer running ahead, and the step's [B·(K+1), d] tensors (gathered rows, products, gradients).
            var b = ExamplesPerStep(o);
            double width = Cbow(o) ? 2 * o.Model.Window : 1;
            var arrays = b * (width * 12 + 8 + k * 8) * (t.Engine is EngineKind.Cpu or EngineKind.CpuBatched ? 3 : 1);
            var tensors = 6 * b * (k + 1 + width) * d * v;
            var (key, value) = o.Corpus.Format == CorpusFormat.Text
                ? ("training.batchSize", S(t.BatchSize))
                : ("training.windowsPerStep", S(t.WindowsPerStep));
            yield return (key, value, arrays + tensors, "a step's batch arrays and tensors");
            if (Math.Max(b * width, b * k) > Array.MaxLength)
                yield return (key, value, double.PositiveInfinity, $"a step's {b:N0} examples × {Math.Max(width, k)} ids are more than one array can hold");
        }
        // The loss curve: (step, loss, smoothed) at every report.
        if (t.Steps > 0)
            yield return ("training.steps", S(t.Steps), 56.0 * t.Steps / o.Progress.PrintEvery, "the loss curve's reports");
    }

    private static IEnumerable<(string, string, double, string)> FromCorpus(TrainingOptions o, long vocabSize, long tokens)
    {
        double d = o.Model.Dimension, vocab = vocabSize, v = BytesPerValue(o);
        // The [V, d] and [R, d] matrices, a copy for each checkpoint and output, and the cpu engines' managed copy.
        var copies = o.Training.Engine is EngineKind.Cpu or EngineKind.CpuBatched ? 4 : 3;
        var rows = vocab + o.Loss.OutputRows(vocabSize);
        yield return ("model.dimension", $"{o.Model.Dimension} for {vocabSize:N0} words", copies * rows * d * v,
            "the centre and outside vectors with their copies");
        if (o.Loss.Type == LossKind.NaiveSoftmax)
            yield return (o.Corpus.Format == CorpusFormat.Text ? "training.batchSize" : "training.windowsPerStep",
                $"{(o.Corpus.Format == CorpusFormat.Text ? o.Training.BatchSize : o.Training.WindowsPerStep)} with {vocabSize:N0} words",
                NaiveSoftmaxStepBytes(ExamplesPerStep(o), vocab, v), "naive softmax's [B, V] scores, probabilities and gradients");
        if (o.Training.Steps == 0)
        {
            // A run by epochs: at most 2·window pairs a token.
            var steps = o.Training.Epochs * (double)tokens * 2 * o.Model.Window / Math.Max(1, o.Training.Engine == EngineKind.Device ? o.Training.ChunkWords : o.Training.BatchSize);
            yield return ("training.epochs", S(o.Training.Epochs), 56.0 * steps / o.Progress.PrintEvery, "the loss curve's reports");
        }
    }

    private static string S(object value) => Convert.ToString(value, CultureInfo.InvariantCulture)!;

    internal static string Size(double bytes) => bytes switch
    {
        >= 1L << 40 => $"{bytes / (1L << 40):F1} TB",
        >= 1L << 30 => $"{bytes / (1L << 30):F1} GB",
        >= 1L << 20 => $"{bytes / (1L << 20):F0} MB",
        _ => $"{bytes / 1024:F0} KB",
    };
}
