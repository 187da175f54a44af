using TorchSharp;
using Word2Vec.Torch.Data;
using Word2Vec.Torch.Tests.Data;
using Word2Vec.Torch.Training;
using static TorchSharp.torch;

namespace Word2Vec.Torch.Tests.Training;

/// <summary>The trainer on the real SST corpus, in short runs.</summary>
[Collection("SST")]
public sealed class TrainerTests : IDisposable
{
    private readonly SstFixture _sst;
    private readonly TempFolder _tmp = new();

    public TrainerTests(SstFixture sst) { _sst = sst; }

    public void Dispose() => _tmp.Dispose();

    private static TrainingOptions Options(long steps, Action<TrainingOptions>? tweak = null)
    {
        var o = new TrainingOptions { Device = "cpu", Dtype = "float64", Threads = 1, Seed = 7 };
        o.Training.Steps = steps;
        o.Training.PrintEvery = 10;
        o.Training.CheckpointEvery = 0;
        tweak?.Invoke(o);
        return o;
    }

    private TrainingResult Train(TrainingOptions o, string? checkpointDir = null)
    {
        var source = new Cs224nBatchSource(_sst.Corpus, o.Model.Window, o.Training.WindowsPerStep,
            o.Loss.Type == LossKind.NaiveSoftmax ? 0 : o.Loss.Negatives, o.Model.Architecture == Architecture.Cbow, new RandomSource((ulong)o.Seed));
        return new Trainer(o).Train(source, _sst.Corpus.Vocabulary.Words, checkpointDir);
    }

    private static double[] Values(Tensor t) => t.cpu().to(ScalarType.Float64).data<double>().ToArray();

    [Fact]
    public void AShortSstRunLowersTheSmoothedLoss()
    {
        // As in the assignment's own log, the loss hovers around 20-21 for the first ~3,000 steps, then falls.
        var result = Train(Options(5000));
        using var _ = result.Model;
        var curve = result.LossCurve;
        Assert.Equal(500, curve.Count);
        // u = 0 at the start: every pair costs 11 ln 2 ≈ 7.62, and a window has a few pairs.
        Assert.InRange(curve[0][1], 7.62, 60);
        var early = curve.Take(20).Average(r => r[2]);
        var late = curve.Skip(480).Average(r => r[2]);
        Assert.True(late < early - 1.0, $"the smoothed loss went from {early:F3} to {late:F3}");
    }

    [Fact]
    public void TheSameSeedGivesIdenticalVectors()
    {
        var a = Train(Options(300));
        var b = Train(Options(300));
        using (a.Model)
        using (b.Model)
        {
            Assert.Equal(Values(a.Model.CenterVectors), Values(b.Model.CenterVectors));
            Assert.Equal(Values(a.Model.OutsideVectors), Values(b.Model.OutsideVectors));
            Assert.Equal(a.FinalLoss, b.FinalLoss);
        }
        var c = Train(Options(300, o => o.Seed = 8));
        using (c.Model) Assert.NotEqual(c.FinalLoss, a.FinalLoss);
    }

    [Fact]
    public void KillAndResumeEqualsAnUninterruptedRunBitForBit()
    {
        var whole = Train(Options(250));
        var dir = Path.Combine(_tmp.Path, "resume");
        using (Train(Options(120, o => o.Training.CheckpointEvery = 50), dir).Model) { }
        // The "killed" run left checkpoints at 50, 100 and 120; resume from the newest.
        Assert.Contains(Checkpoint.List(dir), p => p.EndsWith(Checkpoint.FileName(120)));
        var resumed = Train(Options(250, o => o.Training.CheckpointEvery = 50), dir);
        using (whole.Model)
        using (resumed.Model)
        {
            Assert.Equal(120, resumed.ResumedFromStep);
            Assert.Equal(Values(whole.Model.CenterVectors), Values(resumed.Model.CenterVectors));
            Assert.Equal(Values(whole.Model.OutsideVectors), Values(resumed.Model.OutsideVectors));
            Assert.Equal(whole.LossCurve.Select(r => r[2]), resumed.LossCurve.Select(r => r[2]));
        }
    }

    [Fact]
    public void ResumingAFinishedRunChangesNothingAndKeepsItsFigures()
    {
        var dir = Path.Combine(_tmp.Path, "finished");
        var first = Train(Options(30), dir);
        var again = Train(Options(30), dir);
        using (first.Model)
        using (again.Model)
        {
            Assert.Equal(30, again.ResumedFromStep);
            Assert.Equal(30, again.Steps);
            Assert.Equal(first.FinalLoss, again.FinalLoss);
            Assert.Equal(first.FinalSmoothedLoss, again.FinalSmoothedLoss);
            Assert.Equal(Values(first.Model.CenterVectors), Values(again.Model.CenterVectors));
        }
    }

    [Fact]
    public void AutogradTrainingFollowsTheManualGradients()
    {
        var manual = Train(Options(100));
        var auto = Train(Options(100, o => o.Training.Gradients = GradientMode.Autograd));
        using (manual.Model)
        using (auto.Model)
        {
            var m = Values(manual.Model.CenterVectors);
            var a = Values(auto.Model.CenterVectors);
            Assert.Equal(m.Length, a.Length);
            for (var i = 0; i < m.Length; i++) Assert.Equal(m[i], a[i], 10);
            Assert.Equal(manual.FinalLoss, auto.FinalLoss, 9);
        }
    }

    [Fact]
    public void CbowAndNaiveSoftmaxTrainToo()
    {
        var cbow = Train(Options(200, o => { o.Model.Architecture = Architecture.Cbow; o.Training.LearningRate = 1.0; }));
        using (cbow.Model) Assert.True(cbow.LossCurve[^1][2] < cbow.LossCurve[0][2], "CBOW loss did not fall");
        var softmax = Train(Options(30, o => { o.Loss.Type = LossKind.NaiveSoftmax; o.Training.PrintEvery = 5; }));
        using (softmax.Model)
        {
            // The first batch of naive softmax costs ln V per pair, V = 19,539.
            Assert.True(double.IsFinite(softmax.FinalLoss));
            Assert.True(softmax.LossCurve[^1][2] < softmax.LossCurve[0][2] + 1e-9, "naive softmax loss rose");
        }
    }

    [Fact]
    public void ANanLossStopsTheRunAndKeepsTheLastGoodCheckpoint()
    {
        var dir = Path.Combine(_tmp.Path, "nan");
        var e = Assert.Throws<TrainingDivergedException>(() =>
            Train(Options(400, o => { o.Training.LearningRate = 1e300; o.Training.CheckpointEvery = 1000; }), dir));
        Assert.Contains("learningRate", e.Message);
        Assert.Empty(Checkpoint.List(dir));
    }

    [Fact]
    public void ACheckpointOfAnotherDimensionIsRefused()
    {
        var dir = Path.Combine(_tmp.Path, "mismatch");
        using (Train(Options(20), dir).Model) { }
        var e = Assert.Throws<InvalidDataException>(() => Train(Options(40, o => o.Model.Dimension = 12), dir));
        Assert.Contains("dimension", e.Message);
        Assert.Contains(dir, e.Message);
        var e2 = Assert.Throws<InvalidDataException>(() => Train(Options(40, o => o.Training.LearningRate = 0.2), dir));
        Assert.Contains("training.learningRate", e2.Message);
    }
}
