using Word2Vec.Torch.Training;

namespace Word2Vec.Torch.Tests.Training;

public class SmoothedLossTests
{
    [Fact]
    public void FirstReportSetsTheValueThenExponentialAverage()
    {
        var s = new SmoothedLoss(0.95);
        Assert.Null(s.Value);
        Assert.Equal(20.0, s.Update(20.0));
        Assert.Equal(0.95 * 20 + 0.05 * 10, s.Update(10.0), 12);
        s.Restore(3.0);
        Assert.Equal(0.95 * 3 + 0.05 * 1, s.Update(1.0), 12);
    }
}
