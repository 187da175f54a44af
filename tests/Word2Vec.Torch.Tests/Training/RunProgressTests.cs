using Word2Vec.Torch.Training;
using Word2Vec.Torch.Training.Checkpoints;

namespace Word2Vec.Torch.Tests.Training;

/// <summary>The loop's bookkeeping: smoothed loss, the stop on a non-finite or diverging loss.</summary>
public class RunProgressTests
{
    private static RunProgress Progress(double factor, double smoothing = 0)
    {
        var o = TrainRuns.Sst(100);
        o.Progress.Smoothing = smoothing;
        o.Progress.DivergenceFactor = factor;
        return new RunProgress(o, NullProgressSink.Instance, new CheckpointState());
    }

    [Fact]
    public void ALossPastTheFactorTimesItsFirstValueStopsTheRun()
    {
        var run = Progress(10);
        run.Record(10, 4.0, 0.1, 0, 0);
        run.Record(20, 39.0, 0.1, 0, 0);   // under 10 × 4
        var e = Assert.Throws<TrainingDivergedException>(() => run.Record(30, 41.0, 0.1, 0, 0));
        Assert.Contains("progress.divergenceFactor", e.Message);
        Assert.Contains("step 30", e.Message);
    }

    [Fact]
    public void FactorZeroNeverStopsAFiniteLoss()
    {
        var run = Progress(0);
        run.Record(10, 4.0, 0.1, 0, 0);
        run.Record(20, 4e30, 0.1, 0, 0);
        Assert.Throws<TrainingDivergedException>(() => run.Record(30, double.NaN, 0.1, 0, 0));
    }
}
