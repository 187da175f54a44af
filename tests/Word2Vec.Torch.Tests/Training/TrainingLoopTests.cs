using TorchSharp;
using Word2Vec.Torch.Data;
using Word2Vec.Torch.Engines;
using Word2Vec.Torch.Objective;
using Word2Vec.Torch.Training;
using Word2Vec.Torch.Training.Checkpoints;
using static TorchSharp.torch;
using static Word2Vec.Torch.Tests.Training.TrainRuns;

namespace Word2Vec.Torch.Tests.Training;

/// <summary>
/// The one training loop, with every engine (a theory over training.engine), on a slice of the
/// text8-style corpus: reproducibility, exact resume across an epoch boundary, a finished run,
/// learning, divergence and incompatible checkpoints.
/// </summary>
[Collection("Text8Slice")]
public sealed class TrainingLoopTests : IDisposable
{
    private readonly Text8SliceFixture _text;
    private readonly TempFolder _tmp = new();

    public TrainingLoopTests(Text8SliceFixture text) { _text = text; }

    public void Dispose() => _tmp.Dispose();

    private TrainingResult Train(TrainingOptions o, string? dir = null) => TrainRuns.Train(o, _text.Path, dir);

    private string Folder(string name, EngineKind engine) => Path.Combine(_tmp.Path, $"{name}-{engine}");

    [Theory]
    [MemberData(nameof(Engines), MemberType = typeof(TrainRuns))]
    public void AShortRunLowersTheLoss(EngineKind engine)
    {
        var result = Train(Text(engine, o =>
        {
            o.Training.Epochs = 3;
            o.Training.ChunkWords = 1_024;   // the device engine: about 45 steps an epoch
            o.Schedule.LearningRate = 0.05;
            o.Progress.PrintEvery = 5;
        }));
        using var _ = result.Embeddings;
        var curve = result.LossCurve;
        Assert.True(result.WordsProcessed > 0);
        // u = 0 at the start: every pair costs (K + 1)·ln 2 ≈ 4.159 (the cpu engine's first report comes after some learning).
        Assert.InRange(curve[0][1], 3.0, 4.2);
        var late = curve.TakeLast(5).Average(r => r[1]);
        Assert.True(late < curve[0][1] - 0.5, $"{engine}: the loss went from {curve[0][1]:F3} to {late:F3}");
        Assert.True(result.Embeddings.IsFinite());
    }

    /// <summary>The linear decay: lr = lr₀ · max(min, 1 − progress), progress before the step = words done / words
    /// planned for a text corpus (word2vec.c), steps done / steps for SST (whose source counts windows drawn, not a
    /// fraction); the first step gets lr₀.</summary>
    [Theory]
    [InlineData("sst")]
    [InlineData("text")]
    public void ALinearScheduleDecaysOverTheWordsOfATextOrTheStepsOfSst(string corpus)
    {
        const int steps = 20;
        void Linear(TrainingOptions o)
        {
            o.Training.Steps = steps;
            o.Schedule.Type = ScheduleKind.Linear;
            o.Schedule.LearningRate = 0.2;
            o.Schedule.MinLearningRate = 0.1;
            o.Progress.PrintEvery = 1;
        }
        var o = corpus == "sst" ? Sst(steps, EngineKind.Tensor, Linear) : Text(EngineKind.Tensor, Linear);
        var sink = new RecordingSink();
        using (var run = RunFactory.Create(o, corpus == "sst" ? TestData.SstFolder : _text.Path))
            run.Train(null, sink).Embeddings.Dispose();
        Assert.Equal(Enumerable.Range(1, steps).Select(s => (long)s), sink.Reports.Select(r => r.Step));
        long wordsBefore = 0;
        foreach (var r in sink.Reports)
        {
            var progress = corpus == "sst" ? (double)(r.Step - 1) / steps : (double)wordsBefore / r.TotalWords;
            Assert.Equal(0.2 * Math.Max(0.1, 1 - progress), r.LearningRate, 12);
            wordsBefore = r.WordsProcessed;
        }
        Assert.Equal(0.2, sink.Reports[0].LearningRate);
        if (corpus == "sst") Assert.Equal(0.1 * 0.2, sink.Reports[^1].LearningRate, 12);   // the floor at the end
        else Assert.InRange(sink.Reports[^1].WordsProcessed, 1, sink.Reports[^1].TotalWords / 2);   // 20 steps: well inside the epoch
    }

    /// <summary>By epochs the words planned are all the epochs' (the second epoch's words count on from the first's),
    /// so the rate falls once, linearly, to the floor at the last word.</summary>
    [Fact]
    public void ALinearScheduleOverTwoEpochsFallsOnceToTheFloor()
    {
        var o = Text(EngineKind.Cpu, o =>
        {
            o.Training.Epochs = 2;
            o.Training.BatchSize = 4_096;
            o.Schedule.LearningRate = 0.2;
            o.Schedule.MinLearningRate = 0.1;
            o.Progress.PrintEvery = 1;
        });
        var sink = new RecordingSink();
        using (var run = RunFactory.Create(o, _text.Path))
            run.Train(null, sink).Embeddings.Dispose();
        var total = sink.Reports[0].TotalWords;
        Assert.All(sink.Reports, r => Assert.Equal(total, r.TotalWords));
        Assert.Contains(sink.Reports, r => r.WordsProcessed < total / 2);
        Assert.Contains(sink.Reports, r => r.WordsProcessed > total / 2);   // the second epoch
        Assert.Equal(sink.Reports.Select(r => r.WordsProcessed).Order(), sink.Reports.Select(r => r.WordsProcessed));
        long wordsBefore = 0;
        foreach (var r in sink.Reports)
        {
            Assert.Equal(0.2 * Math.Max(0.1, 1 - (double)wordsBefore / total), r.LearningRate, 12);
            wordsBefore = r.WordsProcessed;
        }
        Assert.Equal(total, sink.Reports[^1].WordsProcessed);
        Assert.Equal(0.1 * 0.2, sink.Reports[^1].LearningRate, 12);
    }

    /// <summary>The outside vectors start at zero, so each pair's loss is −log σ(0) − K·log σ(0) = (K + 1)·ln 2 on the
    /// first step: the first report says so whether a window's pairs share their negatives or not (a pair's loss,
    /// not a window's).</summary>
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void TheFirstReportIsAPairsLossWithOrWithoutSharedNegatives(bool shared)
    {
        var sink = new RecordingSink();
        using (var run = RunFactory.Create(Text(EngineKind.Tensor, o => { o.Training.Steps = 1; o.Loss.ShareNegatives = shared; }), _text.Path))
            run.Train(null, sink).Embeddings.Dispose();
        Assert.Equal(6 * Math.Log(2), Assert.Single(sink.Reports).Loss, 5);
    }

    private sealed class RecordingSink : IProgressSink
    {
        public List<TrainingProgress> Reports { get; } = new();
        public void Report(in TrainingProgress progress) => Reports.Add(progress);
        public void Message(string text) { }
    }

    [Theory]
    [MemberData(nameof(Engines), MemberType = typeof(TrainRuns))]
    public void TheSameSeedGivesIdenticalVectors(EngineKind engine)
    {
        var a = Train(Text(engine, o => o.Training.Steps = 6));
        var b = Train(Text(engine, o => o.Training.Steps = 6));
        var c = Train(Text(engine, o => { o.Training.Steps = 6; o.Seed = 8; }));
        using (a.Embeddings)
        using (b.Embeddings)
        using (c.Embeddings)
        {
            Assert.Equal(Values(a.Embeddings.CenterVectors), Values(b.Embeddings.CenterVectors));
            Assert.Equal(Values(a.Embeddings.OutsideVectors), Values(b.Embeddings.OutsideVectors));
            Assert.Equal(a.LossCurve.Select(r => r[1]), b.LossCurve.Select(r => r[1]));
            Assert.NotEqual(Values(a.Embeddings.OutsideVectors), Values(c.Embeddings.OutsideVectors));
        }
    }

    [Theory]
    [MemberData(nameof(Engines), MemberType = typeof(TrainRuns))]
    public void KillAndResumeEqualsAnUninterruptedRunBitForBit(EngineKind engine)
    {
        // Two epochs, killed in the first: the resumed run crosses the epoch boundary. Every run reads
        // the corpus from the same id file of its cache folder.
        var cache = Folder("cache", engine);
        var whole = Train(Text(engine, o => { o.Training.Epochs = 2; o.Corpus.CacheDir = cache; }));
        var dir = Folder("resume", engine);
        var killedAt = whole.Steps / 2 - 1;
        using (Train(Text(engine, o => { o.Training.Epochs = 2; o.Training.Steps = killedAt; o.Checkpoints.Every = 4; o.Corpus.CacheDir = cache; }), dir).Embeddings) { }
        Assert.Contains(CheckpointFile.List(dir), p => p.EndsWith(CheckpointFile.FileName(killedAt)));
        var resumed = Train(Text(engine, o => { o.Training.Epochs = 2; o.Checkpoints.Every = 4; o.Corpus.CacheDir = cache; }), dir);
        Assert.Single(Directory.GetFiles(cache, "*.ids"));
        using (whole.Embeddings)
        using (resumed.Embeddings)
        {
            Assert.Equal(killedAt, resumed.ResumedFromStep);
            Assert.Equal(whole.Steps, resumed.Steps);
            Assert.Equal(whole.WordsProcessed, resumed.WordsProcessed);
            Assert.Equal(Values(whole.Embeddings.CenterVectors), Values(resumed.Embeddings.CenterVectors));
            Assert.Equal(Values(whole.Embeddings.OutsideVectors), Values(resumed.Embeddings.OutsideVectors));
            Assert.Equal(whole.LossCurve.Select(r => r[2]), resumed.LossCurve.Select(r => r[2]));
        }
    }

    /// <summary>Every batch of an epoch run's last stretch (all its words read) reports; a run stopped inside it and
    /// resumed keeps the report of the step it stopped at, as the uninterrupted run has it.</summary>
    [Fact]
    public void AResumeInsideTheLastBatchesOfTheEpochsKeepsTheirReports()
    {
        void Tweak(TrainingOptions o) => o.Progress.PrintEvery = 100_000;   // no grid report: only the last stretch's
        var whole = Train(Text(EngineKind.Tensor, Tweak));
        Assert.True(whole.LossCurve.Count >= 2, $"the last stretch is {whole.LossCurve.Count} batch(es)");
        var stoppedAt = (long)whole.LossCurve[0][0];
        var dir = Folder("last-stretch", EngineKind.Tensor);
        using (Train(Text(EngineKind.Tensor, o => { Tweak(o); o.Training.Steps = stoppedAt; }), dir).Embeddings) { }
        var resumed = Train(Text(EngineKind.Tensor, Tweak), dir);
        using (whole.Embeddings)
        using (resumed.Embeddings)
        {
            Assert.Equal(stoppedAt, resumed.ResumedFromStep);
            Assert.Equal(whole.LossCurve.SelectMany(r => r), resumed.LossCurve.SelectMany(r => r));
            Assert.Equal(whole.FinalSmoothedLoss, resumed.FinalSmoothedLoss);
            Assert.Equal(Values(whole.Embeddings.CenterVectors), Values(resumed.Embeddings.CenterVectors));
        }
    }

    [Fact]
    public void FewerStepsThanTheCheckpointHasAreRefused()
    {
        var dir = Folder("fewer-steps", EngineKind.Tensor);
        double[] first;
        using (var run = Train(Text(EngineKind.Tensor, o => o.Training.Steps = 6), dir).Embeddings) first = Values(run.CenterVectors);
        var e = Assert.Throws<InvalidDataException>(() => Train(Text(EngineKind.Tensor, o => o.Training.Steps = 3), dir));
        Assert.Contains("it is at step 6, past training.steps = 3", e.Message);
        var same = Train(Text(EngineKind.Tensor, o => o.Training.Steps = 6), dir);   // as many: nothing left to do
        using (same.Embeddings)
        {
            Assert.Equal(6, same.ResumedFromStep);
            Assert.Equal(6, same.Steps);
            Assert.Equal(first, Values(same.Embeddings.CenterVectors));
        }
    }

    [Fact]
    public void MoreStepsContinueTheCurveAndSmoothedLossOfAnUninterruptedRun()
    {
        // 7 steps report at 5 and at their last step, 7; an uninterrupted run of 12 reports at 5, 10 and 12.
        void Tweak(TrainingOptions o) => o.Progress.PrintEvery = 5;
        var whole = Train(Text(EngineKind.Tensor, o => { Tweak(o); o.Training.Steps = 12; }));
        var dir = Folder("more-steps", EngineKind.Tensor);
        using (Train(Text(EngineKind.Tensor, o => { Tweak(o); o.Training.Steps = 7; }), dir).Embeddings) { }
        var resumed = Train(Text(EngineKind.Tensor, o => { Tweak(o); o.Training.Steps = 12; }), dir);
        using (whole.Embeddings)
        using (resumed.Embeddings)
        {
            Assert.Equal(7, resumed.ResumedFromStep);
            Assert.Equal([5.0, 10, 12], resumed.LossCurve.Select(r => r[0]));
            Assert.Equal(whole.LossCurve.SelectMany(r => r), resumed.LossCurve.SelectMany(r => r));
            Assert.Equal(whole.FinalSmoothedLoss, resumed.FinalSmoothedLoss);
            Assert.Equal(Values(whole.Embeddings.CenterVectors), Values(resumed.Embeddings.CenterVectors));
        }
    }

    [Theory]
    [MemberData(nameof(Engines), MemberType = typeof(TrainRuns))]
    public void ResumingAFinishedRunChangesNothingAndKeepsItsFigures(EngineKind engine)
    {
        var dir = Folder("finished", engine);
        var first = Train(Text(engine, o => o.Training.Steps = 8), dir);
        var again = Train(Text(engine, o => o.Training.Steps = 8), dir);
        using (first.Embeddings)
        using (again.Embeddings)
        {
            Assert.Equal(8, again.ResumedFromStep);
            Assert.Equal(8, again.Steps);
            Assert.True(double.IsFinite(again.FinalLoss));
            Assert.Equal(first.FinalLoss, again.FinalLoss);
            Assert.Equal(first.FinalSmoothedLoss, again.FinalSmoothedLoss);
            Assert.Equal(Values(first.Embeddings.CenterVectors), Values(again.Embeddings.CenterVectors));
        }
    }

    [Theory]
    [MemberData(nameof(Engines), MemberType = typeof(TrainRuns))]
    public void ANonFiniteLossStopsTheRunAndSaysNoCheckpointWasKept(EngineKind engine)
    {
        var dir = Folder("nan", engine);
        var e = Assert.Throws<TrainingDivergedException>(() =>
            Train(Text(engine, o => { o.Schedule.LearningRate = 1e30; o.Training.RowUpdateCap = 0; o.Checkpoints.Every = 1000; }), dir));
        Assert.Contains("Lower schedule.learningRate", e.Message);
        Assert.Contains("no checkpoint had been written yet (checkpoints.every = 1,000)", e.Message);
        Assert.DoesNotContain("is kept", e.Message);
        Assert.Empty(CheckpointFile.List(dir));
    }

    /// <summary>A stopped run says how to go on: with checkpoints.resume off, a plain rerun would set its checkpoint aside.</summary>
    [Theory]
    [InlineData(true, true, "a checkpoint was written to {0}, run again to resume.")]
    [InlineData(true, false, "run again with checkpoints.resume = true (without --no-resume) to resume from it")]
    [InlineData(false, true, "this run writes no checkpoint, so it cannot be resumed")]
    public void AStoppedRunSaysHowToResume(bool folder, bool resume, string hint)
    {
        var dir = folder ? Folder($"stopped-{resume}", EngineKind.Cpu) : null;
        using var run = RunFactory.Create(Text(EngineKind.Cpu, o => o.Checkpoints.Resume = resume), _text.Path);
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();
        var e = Assert.Throws<OperationCanceledException>(() => run.Train(dir, cancel: cancelled.Token));
        Assert.StartsWith("training stopped at step 0; ", e.Message);
        Assert.Contains(string.Format(hint, dir), e.Message);
        Assert.Equal(folder ? 1 : 0, dir is null ? 0 : CheckpointFile.List(dir).Count);
    }

    [Theory]
    [MemberData(nameof(Engines), MemberType = typeof(TrainRuns))]
    public void ACheckpointOfAnotherDimensionRateOrEngineIsRefused(EngineKind engine)
    {
        var dir = Folder("mismatch", engine);
        using (Train(Text(engine, o => o.Training.Steps = 2), dir).Embeddings) { }
        var e = Assert.Throws<InvalidDataException>(() => Train(Text(engine, o => { o.Training.Steps = 4; o.Model.Dimension = 12; }), dir));
        Assert.Contains("dimension", e.Message);
        Assert.Contains(dir, e.Message);
        var e2 = Assert.Throws<InvalidDataException>(() => Train(Text(engine, o => { o.Training.Steps = 4; o.Schedule.LearningRate = 0.02; }), dir));
        Assert.Contains("schedule.learningRate", e2.Message);
        var other = engine == EngineKind.Tensor ? EngineKind.Cpu : EngineKind.Tensor;
        var e3 = Assert.Throws<InvalidDataException>(() => Train(Text(other, o => o.Training.Steps = 4), dir));
        Assert.Contains($"training.engine was {engine}, the config now says {other}", e3.Message);
    }

    /// <summary>A key the checkpoint's settings made pointless (cbowCombine for skip-gram) is no "other version"
    /// (the device engine trains skip-gram only: CBOW is refused before any checkpoint is read).</summary>
    [Theory]
    [InlineData(EngineKind.Tensor)]
    [InlineData(EngineKind.TensorAutograd)]
    [InlineData(EngineKind.Cpu)]
    [InlineData(EngineKind.CpuBatched)]
    public void ACheckpointOfAnotherArchitectureIsRefusedAsSuch(EngineKind engine)
    {
        var dir = Folder("architecture", engine);
        using (Train(Text(engine, o => o.Training.Steps = 2), dir).Embeddings) { }
        var e = Assert.Throws<InvalidDataException>(() => Train(Text(engine, o => { o.Training.Steps = 4; o.Model.Architecture = Architecture.Cbow; }), dir));
        Assert.Contains("model.architecture was SkipGram, the config now says Cbow", e.Message);
        Assert.DoesNotContain("another version", e.Message);
    }

    /// <summary>The mean hierarchical-softmax loss of the corpus's first 3,000 (word, next word) pairs with
    /// the vectors at the start (node vectors 0) and as trained.</summary>
    private (double Before, double After) NeighbourPairLoss(Embeddings e, LossKind loss)
    {
        using var scope = torch.NewDisposeScope();
        var corpus = TextCorpus.Load(_text.Path, minCount: 3);
        var tree = new HuffmanTree(corpus.Vocabulary.Counts);
        var hs = new HierarchicalSoftmaxLoss(tree, nodeOffset: loss == LossKind.HierarchicalSoftmax ? 0 : corpus.Vocabulary.Count);
        var words = torch.tensor(corpus.Tokens.Take(3_001).Select(t => (long)t).ToArray());
        var hidden = e.CenterVectors.index_select(0, words.narrow(0, 0, 3_000));
        var targets = words.narrow(0, 1, 3_000);
        double Mean(Tensor output) => hs.Forward(hidden, targets, output, null).Loss.item<float>() / 3_000;
        return (Mean(torch.zeros_like(e.OutsideVectors)), Mean(e.OutsideVectors));
    }

    [Theory]
    [InlineData(EngineKind.Tensor, LossKind.HierarchicalSoftmax)]
    [InlineData(EngineKind.Cpu, LossKind.HierarchicalSoftmax)]
    [InlineData(EngineKind.Cpu, LossKind.HierarchicalSoftmaxAndNegativeSampling)]
    [InlineData(EngineKind.Tensor, LossKind.HierarchicalSoftmaxAndNegativeSampling)]
    public void HierarchicalSoftmaxLearnsAndResumesBitForBit(EngineKind engine, LossKind loss)
    {
        void Tweak(TrainingOptions o)
        {
            o.Loss.Type = loss;
            o.Corpus.Sample = 0;   // the pairs trained on are the pairs measured (subsampling would make frequent targets rarer)
            o.Training.Epochs = 5;
            o.Schedule.LearningRate = 0.1;
            if (engine == EngineKind.Tensor) o.Training.RowUpdateCap = 10;   // every example reaches the root
            o.Checkpoints.Every = 4;
            o.Progress.PrintEvery = 5;
        }
        var whole = Train(Text(engine, Tweak));
        var dir = Folder($"hs-{loss}", engine);
        var killedAt = whole.Steps / 2 - 1;
        using (Train(Text(engine, o => { Tweak(o); o.Training.Steps = killedAt; }), dir).Embeddings) { }
        var resumed = Train(Text(engine, Tweak), dir);
        using (whole.Embeddings)
        using (resumed.Embeddings)
        {
            var v = whole.Embeddings.VocabSize;
            Assert.Equal(loss == LossKind.HierarchicalSoftmax ? v - 1 : 2 * v - 1, whole.Embeddings.OutsideRows);
            // At u = 0 a path costs L·ln 2, about the unigram entropy already (Huffman lengths ≈ −log₂ p):
            // what is learnt is the context. Measured on fixed pairs of the corpus (the batch losses of
            // so small a corpus wander by more than the gain).
            var (before, after) = NeighbourPairLoss(whole.Embeddings, loss);
            Assert.True(after < before - 0.05, $"{engine}, {loss}: the loss of neighbouring pairs went from {before:F3} to {after:F3}");
            Assert.Equal(killedAt, resumed.ResumedFromStep);
            Assert.Equal(Values(whole.Embeddings.CenterVectors), Values(resumed.Embeddings.CenterVectors));
            Assert.Equal(Values(whole.Embeddings.OutsideVectors), Values(resumed.Embeddings.OutsideVectors));
        }
        // A checkpoint of another output loss is refused, naming the key.
        var e = Assert.Throws<InvalidDataException>(() => Train(Text(engine, o => { Tweak(o); o.Loss.Type = LossKind.NegativeSampling; }), dir));
        Assert.Contains("loss.type", e.Message);
    }

    [Fact]
    public void SharedNegativesLearnAndResumeBitForBitOnOneOrTwoThreads()
    {
        void Tweak(TrainingOptions o)
        {
            o.Loss.ShareNegatives = true;
            o.Training.BatchSize = 128;   // windows: about 700 pairs a step
            o.Training.Epochs = 3;
            o.Schedule.LearningRate = 0.05;
            o.Checkpoints.Every = 4;
            o.Progress.PrintEvery = 5;
        }
        var whole = Train(Text(EngineKind.Tensor, Tweak));
        var twoThreads = Train(Text(EngineKind.Tensor, o => { Tweak(o); o.Threads = 2; }));   // two parts a step
        var twoAgain = Train(Text(EngineKind.Tensor, o => { Tweak(o); o.Threads = 2; }));
        var dir = Folder("shared", EngineKind.Tensor);
        var killedAt = whole.Steps / 2 - 1;
        using (Train(Text(EngineKind.Tensor, o => { Tweak(o); o.Training.Steps = killedAt; }), dir).Embeddings) { }
        var resumed = Train(Text(EngineKind.Tensor, Tweak), dir);
        using (whole.Embeddings)
        using (twoThreads.Embeddings)
        using (twoAgain.Embeddings)
        using (resumed.Embeddings)
        {
            // A window's loss is its pairs' losses: at u = 0 each real pair costs (K + 1)·ln 2, and a window holds 1 to 10 pairs.
            var curve = whole.LossCurve;
            var late = curve.TakeLast(5).Average(r => r[1]);
            Assert.True(late < 0.8 * curve[0][1], $"the loss went from {curve[0][1]:F3} to {late:F3}");
            // Two threads: the same numbers every time; beside one thread's only as close as float32's last bits let
            // them (libtorch's batched products may take another path for a half batch), after thousands of steps.
            Assert.Equal(Values(twoThreads.Embeddings.CenterVectors), Values(twoAgain.Embeddings.CenterVectors));
            Assert.Equal(Values(twoThreads.Embeddings.OutsideVectors), Values(twoAgain.Embeddings.OutsideVectors));
            // (Equal on this project's machine; a tolerance of 10⁻⁴ of the largest value for another BLAS path.)
            foreach (var (a, b) in new[] { (whole.Embeddings.CenterVectors, twoThreads.Embeddings.CenterVectors), (whole.Embeddings.OutsideVectors, twoThreads.Embeddings.OutsideVectors) })
            {
                var (one, two) = (Values(a), Values(b));
                var drift = one.Zip(two).Max(p => Math.Abs(p.First - p.Second));
                Assert.True(drift <= 1e-4 * one.Max(Math.Abs), $"one and two threads drifted apart by {drift:G3}");
            }
            Assert.Equal(killedAt, resumed.ResumedFromStep);
            Assert.Equal(Values(whole.Embeddings.CenterVectors), Values(resumed.Embeddings.CenterVectors));
            Assert.Equal(Values(whole.Embeddings.OutsideVectors), Values(resumed.Embeddings.OutsideVectors));
        }
        // A checkpoint of per-pair negatives is not resumed with shared ones, naming the key.
        var e = Assert.Throws<InvalidDataException>(() => Train(Text(EngineKind.Tensor, o => { Tweak(o); o.Loss.ShareNegatives = false; }), dir));
        Assert.Contains("loss.shareNegatives", e.Message);
    }
}
