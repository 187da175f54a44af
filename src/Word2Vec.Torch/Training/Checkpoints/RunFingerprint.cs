using System.Globalization;
using Word2Vec.Torch.Backend;
using Word2Vec.Torch.Engines;

namespace Word2Vec.Torch.Training.Checkpoints;

/// <summary>
/// The settings that shape the numbers a run produces (not device, threads or outputs; steps only where the
/// schedule decays over them), as
/// config key → value: a checkpoint records them, and a resume must match every one the run has.
/// </summary>
internal static class RunFingerprint
{
    public static Dictionary<string, string> Of(TrainingOptions o)
    {
        string S(object v) => Convert.ToString(v, CultureInfo.InvariantCulture) ?? "";
        var t = o.Training;
        var s = o.Schedule;
        var fingerprint = new Dictionary<string, string>
        {
            ["corpus.format"] = S(o.Corpus.Format),
            ["corpus.path"] = Path.GetFileName(o.Corpus.Path.TrimEnd('/', '\\')),
            ["corpus.minCount"] = S(o.Corpus.MinCount),
            ["corpus.maxVocab"] = S(o.Corpus.MaxVocab),
            ["corpus.sample"] = S(o.Corpus.Sample),
            ["model.architecture"] = S(o.Model.Architecture),
            ["model.dimension"] = S(o.Model.Dimension),
            ["model.window"] = S(o.Model.Window),
            ["model.cbowCombine"] = S(o.Model.CbowCombine),
            ["loss.type"] = S(o.Loss.Type),
            ["loss.negatives"] = S(o.Loss.Negatives),
            ["training.epochs"] = S(t.Epochs),
            ["training.windowsPerStep"] = S(t.WindowsPerStep),
            ["training.batchSize"] = S(t.BatchSize),
            ["training.reduction"] = S(t.Reduction),
            ["training.engine"] = S(t.Engine),
            ["training.chunkWords"] = S(t.ChunkWords),
            ["training.rowUpdateCap"] = S(t.RowUpdateCap),
            ["schedule.learningRate"] = S(s.LearningRate),
            ["schedule.type"] = S(s.Type),
            ["schedule.annealEvery"] = S(s.AnnealEvery),
            ["schedule.annealFactor"] = S(s.AnnealFactor),
            ["schedule.minLearningRate"] = S(s.MinLearningRate),
            ["progress.printEvery"] = S(o.Progress.PrintEvery),
            ["progress.smoothing"] = S(o.Progress.Smoothing),
            ["dtype"] = DeviceSelection.Name(DeviceSelection.ResolveDtype(o.Dtype)),   // "Float32", "float" and "float32" are one
            ["seed"] = S(o.Seed),
        };
        // A key the other options make pointless (corpus.minCount with SST, loss.negatives with naive softmax) does not
        // shape the numbers. (A checkpoint's keys that the run does not have are not compared: one that recorded them resumes.)
        foreach (var (key, _) in KeysWithoutEffect.Of(o)) fingerprint.Remove(key);
        // SST's windows are endless: its linear schedule decays over training.steps (TrainingLoop), so more steps
        // are another run, not the same run continued.
        if (o.Corpus.Format == CorpusFormat.Sst && s.Type == ScheduleKind.Linear)
            fingerprint["training.steps"] = S(t.Steps);
        // Only when set, so that the checkpoints of runs from before the key still resume.
        if (o.Loss.ShareNegatives) fingerprint["loss.shareNegatives"] = S(o.Loss.ShareNegatives);
        return fingerprint;
    }

    /// <summary>Keys that later versions added, and what a checkpoint without one stands for: the key's default
    /// (loss.shareNegatives, recorded only when set), or null: anything, not compared (training.steps of SST's
    /// linear schedule, recorded since a later version).</summary>
    private static readonly Dictionary<string, string?> AddedLater = new() { ["loss.shareNegatives"] = "False", ["training.steps"] = null };

    /// <summary>A recorded value as this version writes it (the dtype's spellings are one).</summary>
    private static string AsWritten(string key, string value)
    {
        if (key != "dtype") return value;
        try
        {
            return DeviceSelection.Name(DeviceSelection.ResolveDtype(value));
        }
        catch (ArgumentException)
        {
            return value;
        }
    }

    /// <summary>
    /// Throws (disposing <paramref name="embeddings"/>) unless the checkpoint at <paramref name="path"/> was
    /// written by a run like this one: the same vocabulary, dimension, dtype and every fingerprint key.
    /// </summary>
    internal static void CheckCompatible(string path, CheckpointState s, long vocabSize, int dimension, string dtype, string vocabHash,
        Dictionary<string, string> fingerprint, Embeddings embeddings)
    {
        var problems = new List<string>();
        var unrecorded = new List<string>();
        if (s.VocabSize != vocabSize || s.VocabularyHash != vocabHash)
            problems.Add($"it was written for another vocabulary ({s.VocabSize} words, hash {s.VocabularyHash}; this run has {vocabSize} words, hash {vocabHash})");
        if (s.Dimension != dimension) problems.Add($"its dimension is {s.Dimension}, the config's model.dimension is {dimension}");
        if (s.Dtype != dtype) problems.Add($"its dtype is {s.Dtype}, the config's is {dtype}");
        foreach (var key in fingerprint.Keys.Union(AddedLater.Where(k => k.Value is not null).Select(k => k.Key)))
        {
            var value = fingerprint.TryGetValue(key, out var v) ? v : AddedLater[key]!;
            var recorded = s.Fingerprint.TryGetValue(key, out var old) ? old : AddedLater.GetValueOrDefault(key);
            if (recorded is null)
            {
                if (!AddedLater.ContainsKey(key)) unrecorded.Add(key);
            }
            else if (AsWritten(key, recorded) != value)
                problems.Add($"{key} was {recorded}, the config now says {value}");
        }
        // A key the checkpoint lacks: one its settings made pointless (cbowCombine for skip-gram), when a key above
        // differs; else the checkpoint is of a version that did not record it.
        if (problems.Count == 0 && unrecorded.Count > 0)
            problems.Add($"it does not record {string.Join(", ", unrecorded)} (it was written by another version of Word2Vec.Torch)");
        if (problems.Count > 0)
        {
            embeddings.Dispose();
            throw new InvalidDataException(
                $"Refusing to resume from checkpoint '{path}': {string.Join("; ", problems)}. " +
                "Delete the checkpoint, choose another output.dir, or set checkpoints.resume to false (--no-resume).");
        }
    }
}
