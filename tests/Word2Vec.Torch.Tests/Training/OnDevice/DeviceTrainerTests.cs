using TorchSharp;
using Word2Vec.Torch.Cli.Configuration;
using Word2Vec.Torch.Data;
using Word2Vec.Torch.Tests.Data;
using Word2Vec.Torch.Training;
using static TorchSharp.torch;

namespace Word2Vec.Torch.Tests.Training.OnDevice;

/// <summary>The first ~250 KB of the text8-style corpus, loaded once.</summary>
public sealed class Text8SliceFixture : IDisposable
{
    private readonly TempFolder _tmp = new();

    public Text8SliceFixture()
    {
        var path = _tmp.File("text8-slice");
        DeviceTestData.WriteText8Slice(path, 250_000);
        Corpus = TextCorpus.Load(path, minCount: 3);
    }

    public TextCorpus Corpus { get; }

    public void Dispose() => _tmp.Dispose();
}

[CollectionDefinition("Text8Slice")]
public sealed class Text8SliceCollection : ICollectionFixture<Text8SliceFixture> { }

/// <summary>training.pipeline = device, trained on the CPU device.</summary>
[Collection("Text8Slice")]
public sealed class DeviceTrainerTests : IDisposable
{
    private readonly Text8SliceFixture _text;
    private readonly TempFolder _tmp = new();

    public DeviceTrainerTests(Text8SliceFixture text) { _text = text; }

    public void Dispose() => _tmp.Dispose();

    internal static TrainingOptions Options(Action<TrainingOptions>? tweak = null)
    {
        var o = new TrainingOptions { Device = "cpu", Dtype = "float32", Threads = 1, Seed = 7 };
        o.Corpus.Format = CorpusFormat.Text;
        o.Corpus.Sample = 1e-3;
        o.Model.Dimension = 16;
        o.Model.Window = 5;
        o.Loss.Negatives = 5;
        var t = o.Training;
        t.Pipeline = PipelineKind.Device;
        t.Steps = 0;
        t.Epochs = 1;
        t.ChunkWords = 4_096;
        t.LearningRate = 0.025;
        t.Schedule = ScheduleKind.Linear;
        t.Reduction = LossReduction.Sum;
        t.RowUpdateCap = 50;
        t.PrintEvery = 1;
        t.CheckpointEvery = 0;
        tweak?.Invoke(o);
        return o;
    }

    private TrainingResult Train(TrainingOptions o, string? dir = null) =>
        new Trainer(o).Train(new TrainingData { Vocabulary = _text.Corpus.Vocabulary, Text = _text.Corpus, Description = "" }, dir);

    private static float[] Values(Tensor t) => t.cpu().data<float>().ToArray();

    [Fact]
    public void AShortRunLowersTheLoss()
    {
        var result = Train(Options(o => { o.Training.ChunkWords = 1_024; o.Training.Epochs = 3; o.Training.LearningRate = 0.05; }));
        using var _ = result.Model;
        var curve = result.LossCurve;
        Assert.Equal(3 * ((_text.Corpus.TokenCount + 1_023) / 1_024), result.Steps);
        Assert.Equal(3 * _text.Corpus.TokenCount, result.WordsProcessed);
        // u = 0 at the start: every pair costs (K + 1)·ln 2 ≈ 4.159.
        Assert.InRange(curve[0][1], 4.0, 4.2);
        var late = curve.TakeLast(10).Average(r => r[1]);
        Assert.True(late < curve[0][1] - 1.0, $"the loss went from {curve[0][1]:F3} to {late:F3}");
        Assert.True(result.Model.IsFinite());
    }

    [Fact]
    public void TheSameSeedGivesIdenticalVectors()
    {
        var a = Train(Options(o => o.Training.Steps = 6));
        var b = Train(Options(o => o.Training.Steps = 6));
        var c = Train(Options(o => { o.Training.Steps = 6; o.Seed = 8; }));
        using (a.Model)
        using (b.Model)
        using (c.Model)
        {
            Assert.Equal(Values(a.Model.CenterVectors), Values(b.Model.CenterVectors));
            Assert.Equal(Values(a.Model.OutsideVectors), Values(b.Model.OutsideVectors));
            Assert.Equal(a.LossCurve.Select(r => r[1]), b.LossCurve.Select(r => r[1]));
            Assert.NotEqual(Values(a.Model.OutsideVectors), Values(c.Model.OutsideVectors));
        }
    }

    [Fact]
    public void KillAndResumeEqualsAnUninterruptedRunBitForBit()
    {
        // Two epochs, so the resumed run crosses an epoch boundary.
        var whole = Train(Options(o => o.Training.Epochs = 2));
        var dir = Path.Combine(_tmp.Path, "resume");
        var killedAt = whole.Steps / 2 - 1;
        using (Train(Options(o => { o.Training.Epochs = 2; o.Training.Steps = killedAt; o.Training.CheckpointEvery = 4; }), dir).Model) { }
        Assert.Contains(Checkpoint.List(dir), p => p.EndsWith(Checkpoint.FileName(killedAt)));
        var resumed = Train(Options(o => { o.Training.Epochs = 2; o.Training.CheckpointEvery = 4; }), dir);
        using (whole.Model)
        using (resumed.Model)
        {
            Assert.Equal(killedAt, resumed.ResumedFromStep);
            Assert.Equal(whole.Steps, resumed.Steps);
            Assert.Equal(whole.WordsProcessed, resumed.WordsProcessed);
            Assert.Equal(Values(whole.Model.CenterVectors), Values(resumed.Model.CenterVectors));
            Assert.Equal(Values(whole.Model.OutsideVectors), Values(resumed.Model.OutsideVectors));
            Assert.Equal(whole.LossCurve.Select(r => r[2]), resumed.LossCurve.Select(r => r[2]));
        }
    }

    [Fact]
    public void ResumingAFinishedRunChangesNothingAndKeepsItsFigures()
    {
        var dir = Path.Combine(_tmp.Path, "finished");
        var first = Train(Options(), dir);
        var again = Train(Options(), dir);
        using (first.Model)
        using (again.Model)
        {
            Assert.Equal(first.Steps, again.ResumedFromStep);
            Assert.Equal(first.Steps, again.Steps);
            Assert.True(double.IsFinite(again.FinalLoss));
            Assert.Equal(first.FinalLoss, again.FinalLoss);
            Assert.Equal(first.FinalSmoothedLoss, again.FinalSmoothedLoss);
            Assert.Equal(Values(first.Model.CenterVectors), Values(again.Model.CenterVectors));
        }
    }

    [Fact]
    public void AHostCheckpointIsNotResumedByTheDevicePipeline()
    {
        var dir = Path.Combine(_tmp.Path, "host");
        var host = Options(o => { o.Training.Pipeline = PipelineKind.Host; o.Training.Steps = 3; o.Training.BatchSize = 256; });
        var source = new TextBatchSource(_text.Corpus, 5, 5, false, 1e-3, 256, new RandomSource(7));
        using (new Trainer(host).Train(source, _text.Corpus.Vocabulary.Words, dir).Model) { }
        var e = Assert.Throws<InvalidDataException>(() => Train(Options(o => o.Training.Steps = 3), dir));
        Assert.Contains("training.pipeline was Host, the config now says Device", e.Message);
    }

    [Fact]
    public void WithoutARowCapTheStepIsThePlainSummedSgdStep()
    {
        // rowUpdateCap only rescales rows touched more than cap times: a cap above every count changes nothing.
        var plain = Train(Options(o => { o.Training.Steps = 3; o.Training.RowUpdateCap = 0; }));
        var high = Train(Options(o => { o.Training.Steps = 3; o.Training.RowUpdateCap = 1e9; }));
        var low = Train(Options(o => { o.Training.Steps = 3; o.Training.RowUpdateCap = 2; }));
        using (plain.Model)
        using (high.Model)
        using (low.Model)
        {
            Assert.Equal(Values(plain.Model.OutsideVectors), Values(high.Model.OutsideVectors));
            Assert.NotEqual(Values(plain.Model.OutsideVectors), Values(low.Model.OutsideVectors));
        }
    }

    [Fact]
    public void UnsupportedSettingsAreRefusedNamingTheKeys()
    {
        var sst = Options(o => o.Corpus.Format = CorpusFormat.Sst);
        var e = Assert.Throws<ArgumentException>(() => DevicePipeline.ThrowIfUnsupported(sst));
        Assert.Contains("corpus.format = Sst", e.Message);
        Assert.Contains("training.pipeline = device", e.Message);
        Assert.Throws<ArgumentException>(() => TrainingData.Open(sst, TestData.SstFolder));   // before anything is read

        var cbow = Options(o => { o.Model.Architecture = Architecture.Cbow; o.Training.Reduction = LossReduction.MeanOverWindows; });
        var problems = DevicePipeline.Problems(cbow);
        Assert.Equal(2, problems.Count);
        Assert.Contains(problems, p => p.StartsWith("model.architecture = Cbow"));
        Assert.Contains(problems, p => p.StartsWith("training.reduction = MeanOverWindows"));
        Assert.Empty(DevicePipeline.Problems(Options(o => { o.Training.Pipeline = PipelineKind.Host; o.Corpus.Format = CorpusFormat.Sst; })));
        Assert.Throws<ArgumentException>(() => new DeviceTrainer(cbow).Train(_text.Corpus, null));
    }

    [Fact]
    public void AConfigFileAskingForTheDevicePipelineOnSstIsAClearError()
    {
        var path = _tmp.File("bad.json");
        File.WriteAllText(path, """
            { "corpus": { "format": "sst", "path": "sst" },
              "training": { "pipeline": "device", "chunkWords": 1, "rowUpdateCap": -1 } }
            """);
        var e = Assert.Throws<ConfigurationException>(() => ConfigLoader.Load(path));
        Assert.Contains("corpus.format = Sst: training.pipeline = device needs a text corpus", e.Message);
        Assert.Contains("training.reduction", e.Message);   // the SST defaults are the assignment's mean over windows
        Assert.Contains("training.chunkWords = 1", e.Message);
        Assert.Contains("training.rowUpdateCap = -1", e.Message);
    }

    [Fact]
    public void TheCudaConfigIsValid()
    {
        var o = ConfigLoader.Load(Path.Combine(TestData.RepoRoot, "configs", "text8-sgns-cuda.json"));
        Assert.Equal(PipelineKind.Device, o.Training.Pipeline);
        Assert.Equal("cuda", o.Device);
        Assert.Empty(DevicePipeline.Problems(o));
    }

    [Fact]
    public void TrainingDataForTheDevicePipelineHoldsTheCorpusAndNoHostSource()
    {
        var path = _tmp.File("small.txt");
        TextFiles.WriteText8(path, TextFiles.ZipfWords(3_000));
        var data = TrainingData.Open(Options(o => o.Corpus.MinCount = 1), path);
        Assert.Null(data.Source);
        Assert.NotNull(data.Text);
        Assert.Equal(3_000, data.Text!.TokenCount);
    }
}
