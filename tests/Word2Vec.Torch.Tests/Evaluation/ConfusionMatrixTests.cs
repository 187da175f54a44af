using Word2Vec.Torch.Evaluation;

namespace Word2Vec.Torch.Tests.Evaluation;

public class ConfusionMatrixTests
{
    [Fact]
    public void CountsAccuracyRatesAndCsv()
    {
        var m = new ConfusionMatrix(new[] { "neg", "pos, really" }, new long[] { 0, 0, 0, 1, 1 }, new long[] { 0, 1, 0, 1, 1 });
        Assert.Equal(2, m[0, 0]);
        Assert.Equal(1, m[0, 1]);
        Assert.Equal(0, m[1, 0]);
        Assert.Equal(2, m[1, 1]);
        Assert.Equal(5, m.Total);
        Assert.Equal(0.8, m.Accuracy, 12);
        Assert.Equal(2.0 / 3, m.Recall(0), 12);
        Assert.Equal(2.0 / 3, m.Precision(1), 12);
        Assert.Equal(new[] { 2.0 / 3, 1.0 / 3 }, m.RowNormalized[0]);
        Assert.Equal("true \\ predicted,neg,\"pos, really\"\nneg,2,1\n\"pos, really\",0,2\n", m.ToCsv());
    }

    [Fact]
    public void OutOfRangeClassesAreRejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new ConfusionMatrix(new[] { "a", "b" }, new long[] { 2 }, new long[] { 0 }));
        Assert.Throws<ArgumentException>(() => new ConfusionMatrix(new[] { "a", "b" }, new long[] { 0 }, new long[] { 0, 1 }));
    }
}
