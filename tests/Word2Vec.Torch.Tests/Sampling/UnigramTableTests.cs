using Word2Vec.Torch.Sampling;
using Word2Vec.Torch.Training;

namespace Word2Vec.Torch.Tests.Sampling;

public sealed class UnigramTableTests
{
    [Fact]
    public void EachWordGetsTheFloorOrCeilingOfItsShareOfSlotsInRuns()
    {
        var counts = new long[] { 1000, 0, 300, 7, 1, 1, 55, 0 };
        const int size = 1_000;
        var table = UnigramTable.Build(counts, size);
        Assert.Equal(size, table.Length);
        var q = counts.Select(c => Math.Pow(c, 0.75)).ToArray();
        var z = q.Sum();
        for (var w = 0; w < counts.Length; w++)
        {
            var slots = table.Count(x => x == w);
            Assert.InRange(slots, Math.Floor(q[w] / z * size), Math.Ceiling(q[w] / z * size));
        }
        Assert.DoesNotContain(1, table);   // count 0: never a negative
        Assert.DoesNotContain(7, table);
        Assert.Equal(table.Order(), table);   // runs in id order (cumulative intervals)
    }

    [Fact]
    public void TheExponentIsAParameterAndBadInputIsRefused()
    {
        var uniform = UnigramTable.Build(new long[] { 1, 100 }, 10, power: 0);
        Assert.Equal(5, uniform.Count(x => x == 0));
        Assert.Throws<ArgumentException>(() => UnigramTable.Build(new long[] { 0, 0 }, 10));
        Assert.Throws<ArgumentException>(() => UnigramTable.Build(new long[] { 3, -1 }, 10));
        Assert.Throws<ArgumentOutOfRangeException>(() => UnigramTable.Build(new long[] { 3 }, 0));
    }
}
