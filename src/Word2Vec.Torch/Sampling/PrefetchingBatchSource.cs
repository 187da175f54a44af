using System.Runtime.ExceptionServices;
using Word2Vec.Torch.Data;

namespace Word2Vec.Torch.Sampling;

/// <summary>
/// Runs another <see cref="IBatchSource{TBatch}"/> on a producer thread, up to <c>depth</c> batches ahead,
/// so that batch n+1 is being made while batch n trains. Each batch is queued with the inner
/// source's state right after it was made, and <see cref="GetState"/> answers the state after the
/// last batch handed out (not after the ones still queued): a checkpoint resumes exactly where the
/// consumer was. <see cref="NextBatch"/> swaps the queued batch's arrays into the caller's batch
/// (no copy). The inner source must not be used by anyone else while this one runs it.
/// </summary>
public sealed class PrefetchingBatchSource : IBatchSource<TrainingBatch>, IDisposable
{
    private readonly IBatchSource<TrainingBatch> _inner;
    private readonly int _depth;
    private readonly object _lock = new();
    private readonly Queue<(TrainingBatch? Batch, ulong[] State)> _ready = new();   // Batch null: the inner source ended
    private readonly Stack<TrainingBatch> _free = new();
    private Thread? _producer;
    private bool _stopping;
    private Exception? _error;
    private ulong[] _consumedState;

    /// <param name="inner">The source to run ahead; its current state is the starting point.</param>
    /// <param name="depth">Batches made ahead at most (≥ 1).</param>
    public PrefetchingBatchSource(IBatchSource<TrainingBatch> inner, int depth = 2)
    {
        ArgumentNullException.ThrowIfNull(inner);
        if (depth < 1) throw new ArgumentOutOfRangeException(nameof(depth), depth, "must be at least 1");
        _inner = inner;
        _depth = depth;
        _consumedState = inner.GetState();
    }

    public long TotalWords => _inner.TotalWords;

    public bool Endless => _inner.Endless;

    public bool NextBatch(TrainingBatch batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        if (_producer is null) Start();
        (TrainingBatch? Batch, ulong[] State) item;
        lock (_lock)
        {
            while (_ready.Count == 0 && _error is null) Monitor.Wait(_lock);
            if (_ready.Count == 0)   // the producer's own exception (a bad corpus file, say), as the inner source would have thrown it
                ExceptionDispatchInfo.Capture(_error!).Throw();
            if (_ready.Peek().Batch is null)
            {
                // The end: stays queued, so every later call answers false too.
                _consumedState = _ready.Peek().State;
                return false;
            }
            item = _ready.Dequeue();
            Monitor.PulseAll(_lock);
        }
        Swap(batch, item.Batch!);
        _consumedState = item.State;
        lock (_lock) _free.Push(item.Batch!);   // now holds the caller's old arrays: reused for a later batch
        return true;
    }

    /// <summary>The inner source's state after the last batch <see cref="NextBatch"/> handed out.</summary>
    public ulong[] GetState() => (ulong[])_consumedState.Clone();

    /// <summary>Stops the producer, drops the batches made ahead, and sets the inner source's state.</summary>
    public void SetState(ulong[] state)
    {
        Stop();
        _inner.SetState(state);
        _consumedState = _inner.GetState();
    }

    private void Start()
    {
        _stopping = false;
        _error = null;
        _producer = new Thread(Produce) { IsBackground = true, Name = "w2v-batches" };
        _producer.Start();
    }

    private void Produce()
    {
        while (true)
        {
            TrainingBatch batch;
            lock (_lock)
            {
                while (!_stopping && _ready.Count >= _depth) Monitor.Wait(_lock);
                if (_stopping) return;
                batch = _free.Count > 0 ? _free.Pop() : new TrainingBatch();
            }
            bool more;
            ulong[] state;
            try
            {
                more = _inner.NextBatch(batch);
                state = _inner.GetState();
            }
            catch (Exception e)
            {
                lock (_lock)
                {
                    _error = e;
                    Monitor.PulseAll(_lock);
                }
                return;
            }
            lock (_lock)
            {
                _ready.Enqueue((more ? batch : null, state));
                Monitor.PulseAll(_lock);
            }
            if (!more) return;
        }
    }

    private void Stop()
    {
        if (_producer is null) return;
        lock (_lock)
        {
            _stopping = true;
            Monitor.PulseAll(_lock);
        }
        _producer.Join();
        _producer = null;
        lock (_lock)
        {
            while (_ready.Count > 0)
                if (_ready.Dequeue().Batch is { } b) _free.Push(b);
        }
    }

    /// <summary>Exchanges every field of two batches.</summary>
    internal static void Swap(TrainingBatch a, TrainingBatch b)
    {
        (a.Count, b.Count) = (b.Count, a.Count);
        (a.Width, b.Width) = (b.Width, a.Width);
        (a.Inputs, b.Inputs) = (b.Inputs, a.Inputs);
        (a.InputMask, b.InputMask) = (b.InputMask, a.InputMask);
        (a.Targets, b.Targets) = (b.Targets, a.Targets);
        (a.NegativesPerExample, b.NegativesPerExample) = (b.NegativesPerExample, a.NegativesPerExample);
        (a.Negatives, b.Negatives) = (b.Negatives, a.Negatives);
        (a.Windows, b.Windows) = (b.Windows, a.Windows);
        (a.WordsProcessed, b.WordsProcessed) = (b.WordsProcessed, a.WordsProcessed);
    }

    public void Dispose() => Stop();
}
