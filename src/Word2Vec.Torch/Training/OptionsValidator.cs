using System.Globalization;

namespace Word2Vec.Torch.Training;

/// <summary>
/// The one place that says whether options make a run: every key's range, every combination of
/// keys that no engine can run, and every size that cannot fit in memory (<see cref="MemoryBudget"/>).
/// Each problem is "key = value: rule." naming the keys involved.
/// </summary>
public static class OptionsValidator
{
    /// <param name="corpusInMemory">The corpus is given in memory (<see cref="Data.TextCorpus"/>): corpus.path names nothing, and corpus.format must be text.</param>
    public static List<string> Problems(TrainingOptions o, bool corpusInMemory = false)
    {
        ArgumentNullException.ThrowIfNull(o);
        var p = new List<string>();
        void Need(bool ok, string key, object? value, string rule)
        {
            if (!ok) p.Add($"{key} = {Convert.ToString(value, CultureInfo.InvariantCulture)}: {rule}.");
        }

        // Each key on its own.
        if (corpusInMemory)
            Need(o.Corpus.Format == CorpusFormat.Text, "corpus.format", Camel(o.Corpus.Format), "must be text for a corpus of sentences in memory");
        else
            Need(!string.IsNullOrWhiteSpace(o.Corpus.Path), "corpus.path", o.Corpus.Path, "must name a corpus file or folder");
        Need(o.Corpus.MinCount >= 1, "corpus.minCount", o.Corpus.MinCount, "must be at least 1");
        Need(o.Corpus.MaxVocab >= 0, "corpus.maxVocab", o.Corpus.MaxVocab, "must be 0 (no limit) or positive");
        Need(o.Corpus.MaxVocabDuringCounting == 0 || o.Corpus.MaxVocabDuringCounting >= Math.Max(2, o.Corpus.MaxVocab), "corpus.maxVocabDuringCounting",
            o.Corpus.MaxVocabDuringCounting, "must be 0 (no bound) or at least 2 and at least corpus.maxVocab");
        Need(o.Corpus.Sample >= 0 && o.Corpus.Sample < 1, "corpus.sample", o.Corpus.Sample, "must be in [0, 1)");
        Need(o.Model.Dimension is >= 1 and <= 4096, "model.dimension", o.Model.Dimension, "must be between 1 and 4096");
        Need(o.Model.Window is >= 1 and <= 100, "model.window", o.Model.Window, "must be between 1 and 100");
        Need(!o.Loss.UsesNegatives || o.Loss.Negatives is >= 1 and <= 1000, "loss.negatives", o.Loss.Negatives,
            $"must be between 1 and 1000 for loss.type = {Camel(o.Loss.Type)}");
        var t = o.Training;
        Need(t.Steps >= 0, "training.steps", t.Steps, "must be 0 (run by epochs) or positive");
        Need(t.Epochs >= 1, "training.epochs", t.Epochs, "must be at least 1");
        Need(t.WindowsPerStep >= 1, "training.windowsPerStep", t.WindowsPerStep, "must be at least 1");
        Need(t.BatchSize >= 1, "training.batchSize", t.BatchSize, "must be at least 1");
        Need(t.ChunkWords >= 2, "training.chunkWords", t.ChunkWords, "must be at least 2 (corpus positions per device step)");
        Need(t.RowUpdateCap >= 0 && double.IsFinite(t.RowUpdateCap), "training.rowUpdateCap", t.RowUpdateCap, "must be 0 (no cap) or positive");
        Need(t.HotRows >= 0, "training.hotRows", t.HotRows, "must be 0 (every row shared) or positive");
        var s = o.Schedule;
        Need(s.LearningRate > 0 && double.IsFinite(s.LearningRate), "schedule.learningRate", s.LearningRate, "must be a positive number");
        Need(s.AnnealEvery >= 1, "schedule.annealEvery", s.AnnealEvery, "must be at least 1");
        Need(s.AnnealFactor > 0 && s.AnnealFactor <= 1, "schedule.annealFactor", s.AnnealFactor, "must be in (0, 1]");
        Need(s.MinLearningRate >= 0 && s.MinLearningRate <= 1, "schedule.minLearningRate", s.MinLearningRate, "must be in [0, 1]");
        Need(o.Progress.PrintEvery >= 1, "progress.printEvery", o.Progress.PrintEvery, "must be at least 1");
        Need(o.Progress.Smoothing >= 0 && o.Progress.Smoothing < 1, "progress.smoothing", o.Progress.Smoothing, "must be in [0, 1)");
        Need(o.Progress.DivergenceFactor == 0 || (o.Progress.DivergenceFactor > 1 && double.IsFinite(o.Progress.DivergenceFactor)),
            "progress.divergenceFactor", o.Progress.DivergenceFactor, "must be 0 (never stop) or a finite number above 1");
        Need(o.Checkpoints.Every >= 0, "checkpoints.every", o.Checkpoints.Every, "must be 0 (only at the end) or positive");
        Need(o.Checkpoints.Keep >= 1, "checkpoints.keep", o.Checkpoints.Keep, "must be at least 1");
        Need(!string.IsNullOrWhiteSpace(o.Output.Dir), "output.dir", o.Output.Dir, "must name a folder");
        Need(!o.Evaluate || o.Output.Text || o.Output.Binary, "evaluate", o.Evaluate,
            "evaluates the run's vectors file, and output.text and output.binary are both false (write one of them)");
        Need(o.Threads >= 0 && o.Threads <= 256, "threads", o.Threads, "must be between 0 (libtorch's default; the cpu engines: one worker per core) and 256");
        var device = (o.Device ?? "").Trim().ToLowerInvariant();
        Need(device is "cpu" or "cuda" or "auto" || (device.StartsWith("cuda:", StringComparison.Ordinal) && int.TryParse(device[5..], out var i) && i >= 0),
            "device", o.Device, "must be cpu, cuda, cuda:N or auto");
        Need((o.Dtype ?? "").Trim().ToLowerInvariant() is "float32" or "float64", "dtype", o.Dtype, "must be float32 or float64");

        // Combinations: what each engine can run.
        var engine = $"training.engine = {Camel(t.Engine)}";
        if (t.Engine is EngineKind.Cpu or EngineKind.CpuBatched)
            Need(!device.StartsWith("cuda", StringComparison.Ordinal), "device", o.Device,
                $"{engine} keeps the parameters in managed memory on the CPU; set device to cpu (or use training.engine = tensor on a GPU)");
        if (t.Engine == EngineKind.Device)
        {
            Need(o.Corpus.Format == CorpusFormat.Text, "corpus.format", Camel(o.Corpus.Format),
                $"{engine} samples a text corpus on the device (corpus.format = text); the CS224N SST reading runs on the tensor or cpu engines");
            Need(o.Model.Architecture == Architecture.SkipGram, "model.architecture", Camel(o.Model.Architecture), $"{engine} trains skip-gram only");
            Need(o.Loss.Type == LossKind.NegativeSampling, "loss.type", Camel(o.Loss.Type), $"{engine} needs loss.type = negativeSampling");
            Need(t.Reduction == LossReduction.Sum, "training.reduction", Camel(t.Reduction), $"{engine} needs training.reduction = sum (word2vec.c's per-pair steps)");
        }
        if (t.Engine is not (EngineKind.Tensor or EngineKind.Device))
            Need(t.RowUpdateCap == 0, "training.rowUpdateCap", t.RowUpdateCap,
                $"{engine} takes plain steps; the cap applies to training.engine = tensor and device (set 0)");
        if (o.Loss.UsesTree && t.Reduction == LossReduction.Sum && t.Engine is not EngineKind.Cpu)
            Need(t.Engine == EngineKind.Tensor && t.RowUpdateCap > 0, "training.engine", Camel(t.Engine),
                $"with loss.type = {Camel(o.Loss.Type)} and training.reduction = sum every example of a step updates the tree's root, " +
                "and the summed step diverges; use training.engine = cpu (word2vec.c's per-example steps), or tensor with a training.rowUpdateCap (10, say)");
        if (o.Loss.Type == LossKind.HierarchicalSoftmax)
            Need(o.Output.Vectors == VectorsKind.Center, "output.vectors", Camel(o.Output.Vectors),
                "loss.type = hierarchicalSoftmax keeps no outside vector a word (the output matrix holds the tree's inner nodes); use center");
        if (o.Loss.ShareNegatives)
        {
            const string shared = "loss.shareNegatives = true shares a window's negatives among its skip-gram pairs";
            Need(o.Loss.Type == LossKind.NegativeSampling, "loss.type", Camel(o.Loss.Type), $"{shared}: it needs loss.type = negativeSampling");
            Need(o.Model.Architecture == Architecture.SkipGram, "model.architecture", Camel(o.Model.Architecture), $"{shared}: it needs model.architecture = skipGram");
            Need(t.Engine is EngineKind.Tensor or EngineKind.TensorAutograd, "training.engine", Camel(t.Engine),
                $"{shared}; the tensor engines run it (training.engine = tensor or tensorAutograd)");
        }
        if (o.Corpus.Format == CorpusFormat.Sst)
            Need(t.Steps > 0, "training.steps", t.Steps, "the SST stream of the CS224N assignment never ends: give the number of steps");

        // Sizes: only when every one is in range (an estimate of nonsense would be nonsense too).
        if (p.Count == 0) p.AddRange(MemoryBudget.Problems(o, MemoryBudget.Limit));
        return p;
    }

    /// <summary>Throws an <see cref="InvalidOptionsException"/> listing <see cref="Problems"/>, if there are any.</summary>
    public static void ThrowIfInvalid(TrainingOptions o, bool corpusInMemory = false)
    {
        var problems = Problems(o, corpusInMemory);
        if (problems.Count > 0) throw new InvalidOptionsException(problems);
    }

    private static string Camel<T>(T value) where T : struct, Enum
    {
        var name = value.ToString();
        return char.ToLowerInvariant(name[0]) + name[1..];
    }
}
