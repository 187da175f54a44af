using Word2Vec.Torch.Engines.Cpu;

namespace Word2Vec.Torch.Tests.Engines.Cpu;

public class HotRowsTests
{
    [Fact]
    public void TheMergeAddsEveryWorkersChangeToTheSharedRows()
    {
        const int V = 6, D = 3;
        var outside = Enumerable.Range(0, V * D).Select(i => (double)i).ToArray();
        var p = new EmbeddingArrays<double>(new double[V * D], outside, V, D);
        var hot = new HotRows<double>([4, 1], V, D, workers: 3);
        for (var w = 0; w < 3; w++) hot.Load(p, w);
        Assert.Equal(new double[] { 12, 13, 14, 3, 4, 5 }, hot.CopiesOf(0));
        // Worker w adds (w + 1)·10 to the first element of row 4 and w to every element of row 1.
        for (var w = 0; w < 3; w++)
        {
            hot.CopiesOf(w)[0] += (w + 1) * 10;
            for (var i = 0; i < D; i++) hot.CopiesOf(w)[D + i] += w;
        }
        hot.Merge(p, 3);
        Assert.Equal(new double[] { 12 + 60, 13, 14 }, p.OutsideRow(4).ToArray());
        Assert.Equal(new double[] { 3 + 3, 4 + 3, 5 + 3 }, p.OutsideRow(1).ToArray());
        Assert.Equal(new double[] { 6, 7, 8 }, p.OutsideRow(2).ToArray());   // not hot: untouched
        Assert.Throws<ArgumentException>(() => new HotRows<float>([1, 1], 8, 2, 2));   // a row twice
    }
}
