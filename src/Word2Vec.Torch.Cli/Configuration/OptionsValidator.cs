using System.Globalization;
using Word2Vec.Torch.Training;

namespace Word2Vec.Torch.Cli.Configuration;

/// <summary>Range checks on bound options; each problem names the key and the value.</summary>
public static class OptionsValidator
{
    public static List<string> Validate(TrainingOptions o)
    {
        var p = new List<string>();
        void Need(bool ok, string key, object value, string rule)
        {
            if (!ok) p.Add($"{key} = {Convert.ToString(value, CultureInfo.InvariantCulture)}: {rule}.");
        }

        Need(!string.IsNullOrWhiteSpace(o.Corpus.Path), "corpus.path", o.Corpus.Path, "must name a corpus file or folder");
        Need(o.Corpus.MinCount >= 1, "corpus.minCount", o.Corpus.MinCount, "must be at least 1");
        Need(o.Corpus.MaxVocab >= 0, "corpus.maxVocab", o.Corpus.MaxVocab, "must be 0 (no limit) or positive");
        Need(o.Corpus.Sample >= 0 && o.Corpus.Sample < 1, "corpus.sample", o.Corpus.Sample, "must be in [0, 1)");
        Need(o.Model.Dimension is >= 1 and <= 4096, "model.dimension", o.Model.Dimension, "must be between 1 and 4096");
        Need(o.Model.Window is >= 1 and <= 100, "model.window", o.Model.Window, "must be between 1 and 100");
        Need(o.Loss.Type == LossKind.NaiveSoftmax || o.Loss.Negatives is >= 1 and <= 1000, "loss.negatives", o.Loss.Negatives,
            "must be between 1 and 1000 for negative sampling");
        var t = o.Training;
        Need(t.Steps >= 0, "training.steps", t.Steps, "must be 0 (run by epochs) or positive");
        Need(t.Epochs >= 1, "training.epochs", t.Epochs, "must be at least 1");
        Need(t.WindowsPerStep >= 1, "training.windowsPerStep", t.WindowsPerStep, "must be at least 1");
        Need(t.BatchSize >= 1, "training.batchSize", t.BatchSize, "must be at least 1");
        Need(t.LearningRate > 0 && double.IsFinite(t.LearningRate), "training.learningRate", t.LearningRate, "must be a positive number");
        Need(t.AnnealEvery >= 1, "training.annealEvery", t.AnnealEvery, "must be at least 1");
        Need(t.AnnealFactor > 0 && t.AnnealFactor <= 1, "training.annealFactor", t.AnnealFactor, "must be in (0, 1]");
        Need(t.MinLearningRate >= 0 && t.MinLearningRate <= 1, "training.minLearningRate", t.MinLearningRate, "must be in [0, 1]");
        Need(t.PrintEvery >= 1, "training.printEvery", t.PrintEvery, "must be at least 1");
        Need(t.Smoothing >= 0 && t.Smoothing < 1, "training.smoothing", t.Smoothing, "must be in [0, 1)");
        Need(t.ChunkWords >= 2, "training.chunkWords", t.ChunkWords, "must be at least 2 (corpus positions per device step)");
        Need(t.RowUpdateCap >= 0 && double.IsFinite(t.RowUpdateCap), "training.rowUpdateCap", t.RowUpdateCap, "must be 0 (no cap) or positive");
        p.AddRange(DevicePipeline.Problems(o));
        Need(t.CheckpointEvery >= 0, "training.checkpointEvery", t.CheckpointEvery, "must be 0 (only at the end) or positive");
        Need(!string.IsNullOrWhiteSpace(o.Output.Dir), "output.dir", o.Output.Dir, "must name a folder");
        Need(o.Output.KeepCheckpoints >= 1, "output.keepCheckpoints", o.Output.KeepCheckpoints, "must be at least 1");
        Need(o.Threads >= 0 && o.Threads <= 256, "threads", o.Threads, "must be between 0 (libtorch's default) and 256");
        var device = o.Device.Trim().ToLowerInvariant();
        Need(device is "cpu" or "cuda" or "auto" || (device.StartsWith("cuda:") && int.TryParse(device[5..], out var i) && i >= 0),
            "device", o.Device, "must be cpu, cuda, cuda:N or auto");
        Need(o.Dtype.Trim().ToLowerInvariant() is "float32" or "float64", "dtype", o.Dtype, "must be float32 or float64");
        Need(t.Engine != EngineKind.Cpu || !device.StartsWith("cuda", StringComparison.Ordinal), "device", o.Device,
            "training.engine = cpu runs on the CPU only; set device to cpu (or use training.engine = tensor on a GPU)");
        return p;
    }
}
