using TorchSharp;
using Word2Vec.Torch.Tests.Data;
using Word2Vec.Torch.Training;
using static TorchSharp.torch;

namespace Word2Vec.Torch.Tests.Training;

/// <summary>Runs made the way the CLI makes them (RunFactory), and what the tests read of them.</summary>
internal static class TrainRuns
{
    /// <summary>Every engine, as training.engine names it.</summary>
    public static TheoryData<EngineKind> Engines => new() { EngineKind.Tensor, EngineKind.TensorAutograd, EngineKind.Cpu, EngineKind.CpuBatched, EngineKind.Device };

    public static TrainingResult Train(TrainingOptions o, string corpusPath, string? checkpointDir = null)
    {
        using var run = RunFactory.Create(o, corpusPath);
        return run.Train(checkpointDir);
    }

    /// <summary>SST as the assignment trains it, in short runs (float64, one thread).</summary>
    public static TrainingOptions Sst(long steps, EngineKind engine = EngineKind.Tensor, Action<TrainingOptions>? tweak = null)
    {
        var o = new TrainingOptions { Device = "cpu", Dtype = "float64", Threads = 1, Seed = 7 };
        o.Training.Engine = engine;
        o.Training.Steps = steps;
        o.Progress.PrintEvery = 10;
        o.Checkpoints.Every = 0;
        tweak?.Invoke(o);
        return o;
    }

    /// <summary>word2vec.c's settings on a small text corpus: skip-gram, K = 5, window 5, linear decay, summed pairs.</summary>
    public static TrainingOptions Text(EngineKind engine, Action<TrainingOptions>? tweak = null)
    {
        var o = new TrainingOptions { Device = "cpu", Dtype = "float32", Threads = 1, Seed = 7 };
        o.Corpus.Format = CorpusFormat.Text;
        o.Corpus.MinCount = 3;
        o.Corpus.Sample = 1e-3;
        o.Model.Dimension = 16;
        o.Model.Window = 5;
        o.Loss.Negatives = 5;
        var t = o.Training;
        t.Engine = engine;
        t.Steps = 0;
        t.Epochs = 1;
        t.BatchSize = 512;
        t.ChunkWords = 4_096;
        t.Reduction = LossReduction.Sum;
        t.RowUpdateCap = engine == EngineKind.Device ? 50 : 0;   // the engines that take it: device (tensor runs plain steps here)
        o.Schedule.LearningRate = 0.025;
        o.Schedule.Type = ScheduleKind.Linear;
        o.Progress.PrintEvery = 1;
        o.Checkpoints.Every = 0;
        tweak?.Invoke(o);
        return o;
    }

    public static double[] Values(Tensor t) => t.detach().cpu().to(ScalarType.Float64).data<double>().ToArray();
}

/// <summary>The first ~250 KB of the text8-style corpus, written once for the tests that train on it.</summary>
public sealed class Text8SliceFixture : IDisposable
{
    private readonly TempFolder _tmp = new();

    public Text8SliceFixture()
    {
        Path = _tmp.File("text8-slice");
        TestCorpora.WriteText8Slice(Path, 250_000);
    }

    public string Path { get; }

    public void Dispose() => _tmp.Dispose();
}

[CollectionDefinition("Text8Slice")]
public sealed class Text8SliceCollection : ICollectionFixture<Text8SliceFixture> { }
