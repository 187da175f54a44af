using Word2Vec.Torch.Training;

namespace Word2Vec.Torch.Tests.Training;

public class LearningRateScheduleTests
{
    [Fact]
    public void StepAnnealingHalvesAfterEvery20000thIterationAsSgdPyDoes()
    {
        var s = new LearningRateSchedule(new ScheduleOptions { LearningRate = 0.3, AnnealEvery = 20000, AnnealFactor = 0.5 });
        Assert.Equal(0.3, s.At(1, 0));
        Assert.Equal(0.3, s.At(20000, 0));
        Assert.Equal(0.15, s.At(20001, 0));
        Assert.Equal(0.15, s.At(40000, 0));
        Assert.Equal(0.075, s.At(40001, 0));
    }

    [Fact]
    public void LinearDecayFollowsWord2VecCAndStopsAtTheFloor()
    {
        var s = new LearningRateSchedule(new ScheduleOptions { LearningRate = 0.025, Type = ScheduleKind.Linear, MinLearningRate = 1e-4 });
        Assert.Equal(0.025, s.At(1, 0), 12);
        Assert.Equal(0.0125, s.At(1, 0.5), 12);
        Assert.Equal(0.025 * 1e-4, s.At(1, 1.0), 12);
        Assert.Equal(0.025 * 1e-4, s.At(1, 1.5), 12);
    }
}
