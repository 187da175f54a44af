using Word2Vec.Torch.Cli.Plots;

namespace Word2Vec.Torch.Tests.Cli;

public class PcaTests
{
    [Fact]
    public void JacobiFindsTheEigenvaluesOfASymmetricMatrix()
    {
        var (values, vectors) = Pca.SymmetricEigen(new double[,] { { 2, 1 }, { 1, 2 } });
        var sorted = values.OrderBy(v => v).ToArray();
        Assert.Equal(1.0, sorted[0], 10);
        Assert.Equal(3.0, sorted[1], 10);
        var k = Array.IndexOf(values, values.Max());
        Assert.Equal(Math.Abs(vectors[0, k]), Math.Abs(vectors[1, k]), 10);
    }

    [Fact]
    public void PointsOnALineProjectOntoTheFirstComponentOnly()
    {
        // Points along (1, 2, 0) plus the mean (5, 5, 5): all variance lies on the first axis.
        var rows = new[] { -2.0, -1, 0, 1, 2 }.Select(t => new[] { 5 + t, 5 + 2 * t, 5.0 }).ToArray();
        var p = Pca.Project2D(rows);
        Assert.Equal(5, p.Length);
        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(Math.Abs((i - 2) * Math.Sqrt(5)), Math.Abs(p[i][0]), 9);
            Assert.Equal(0.0, p[i][1], 9);
        }
    }
}
