using System.Runtime.ExceptionServices;

namespace Word2Vec.Torch.Engines.Cpu;

/// <summary>
/// A fixed set of threads that run parts 0..n−1 of one job at a time: part 0 on the calling
/// thread, part i on worker i. The threads live as long as the pool, so a step costs two
/// signals per worker and no allocation.
/// </summary>
internal sealed class WorkerPool : IDisposable
{
    private readonly Thread[] _threads;
    private readonly SemaphoreSlim[] _start;
    private readonly CountdownEvent _done = new(1);
    private Action<int>? _work;
    private Exception? _error;
    private volatile bool _disposed;

    /// <param name="threads">Parts a job may have (the caller's thread counts as one).</param>
    public WorkerPool(int threads)
    {
        if (threads < 1) throw new ArgumentOutOfRangeException(nameof(threads), threads, "must be at least 1");
        Threads = threads;
        _threads = new Thread[threads - 1];
        _start = new SemaphoreSlim[threads - 1];
        for (var i = 0; i < _threads.Length; i++)
        {
            _start[i] = new SemaphoreSlim(0);
            _threads[i] = new Thread(Loop) { IsBackground = true, Name = $"w2v-cpu-{i + 1}" };
            _threads[i].Start(i + 1);
        }
    }

    public int Threads { get; }

    /// <summary>Runs work(0..parts−1) in parallel and waits for all; rethrows the first failure.</summary>
    public void Run(int parts, Action<int> work)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (parts < 1 || parts > Threads) throw new ArgumentOutOfRangeException(nameof(parts), parts, $"must be between 1 and {Threads}");
        if (parts == 1)
        {
            work(0);
            return;
        }
        _work = work;
        _error = null;
        _done.Reset(parts - 1);
        for (var i = 1; i < parts; i++) _start[i - 1].Release();
        try
        {
            work(0);
        }
        catch (Exception e)
        {
            Interlocked.CompareExchange(ref _error, e, null);
        }
        _done.Wait();
        _work = null;
        if (_error is { } error) ExceptionDispatchInfo.Capture(error).Throw();
    }

    private void Loop(object? state)
    {
        var part = (int)state!;
        var start = _start[part - 1];
        while (true)
        {
            start.Wait();
            if (_disposed) return;
            try
            {
                _work!(part);
            }
            catch (Exception e)
            {
                Interlocked.CompareExchange(ref _error, e, null);
            }
            finally
            {
                _done.Signal();
            }
        }
    }

    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        foreach (var s in _start) s.Release();
        foreach (var t in _threads) t.Join();
        foreach (var s in _start) s.Dispose();
        _done.Dispose();
    }
}
