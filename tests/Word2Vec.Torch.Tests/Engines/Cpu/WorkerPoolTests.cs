using System.Collections.Concurrent;
using Word2Vec.Torch.Engines.Cpu;

namespace Word2Vec.Torch.Tests.Engines.Cpu;

public class WorkerPoolTests
{
    [Fact]
    public void EachPartRunsOnceOnAThreadOfItsOwnPartZeroOnTheCaller()
    {
        using var pool = new WorkerPool(3);
        foreach (var parts in new[] { 3, 2, 1, 3 })
        {
            var ran = new ConcurrentDictionary<int, Thread>();
            pool.Run(parts, part => Assert.True(ran.TryAdd(part, Thread.CurrentThread), $"part {part} ran twice"));
            Assert.Equal(Enumerable.Range(0, parts), ran.Keys.Order());
            Assert.Same(Thread.CurrentThread, ran[0]);
            Assert.Equal(parts, ran.Values.Distinct().Count());
        }
    }

    [Fact]
    public void AWorkersFailureIsRethrownAndThePoolGoesOn()
    {
        using var pool = new WorkerPool(3);
        var failure = new InvalidDataException("part 2 failed");
        var finished = 0;
        var e = Assert.Throws<InvalidDataException>(() => pool.Run(3, part =>
        {
            if (part == 2) throw failure;
            Interlocked.Increment(ref finished);
        }));
        Assert.Same(failure, e);
        Assert.Equal(2, finished);   // the other parts ran to their end before Run returned

        var sum = 0;
        pool.Run(3, part => Interlocked.Add(ref sum, part + 1));
        Assert.Equal(6, sum);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(4)]
    public void PartsOutsideOneToThreadsAreRefused(int parts)
    {
        using var pool = new WorkerPool(3);
        Assert.Throws<ArgumentOutOfRangeException>(() => pool.Run(parts, _ => { }));
    }

    [Fact]
    public void DisposeEndsItsThreadsAndARunAfterItIsRefused()
    {
        var pool = new WorkerPool(3);
        var workers = new ConcurrentBag<Thread>();
        pool.Run(3, part => { if (part > 0) workers.Add(Thread.CurrentThread); });
        pool.Dispose();
        Assert.Equal(2, workers.Count);
        Assert.All(workers, t => Assert.False(t.IsAlive));
        Assert.Throws<ObjectDisposedException>(() => pool.Run(1, _ => { }));
        pool.Dispose();   // twice: nothing happens
    }
}
