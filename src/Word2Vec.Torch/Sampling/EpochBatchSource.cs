using Word2Vec.Torch.Data;

namespace Word2Vec.Torch.Sampling;

/// <summary>
/// Runs a text batch source for several epochs: rewinds it when an epoch ends, and counts the
/// words processed over all epochs (so the linear learning-rate decay and the ETA span the run).
/// Its state is the inner source's, which includes the epoch.
/// </summary>
public sealed class EpochBatchSource : IBatchSource<TrainingBatch>
{
    private readonly TextBatchSource _inner;
    private readonly int _epochs;

    public EpochBatchSource(TextBatchSource inner, int epochs)
    {
        if (epochs < 1) throw new ArgumentOutOfRangeException(nameof(epochs), epochs, "must be at least 1");
        _inner = inner;
        _epochs = epochs;
    }

    public long TotalWords => _inner.TotalWords * _epochs;

    public bool NextBatch(TrainingBatch batch)
    {
        while (!_inner.NextBatch(batch))
        {
            if (_inner.Epoch + 1 >= _epochs) return false;
            _inner.Rewind();
        }
        batch.WordsProcessed += _inner.Epoch * _inner.TotalWords;
        return true;
    }

    public ulong[] GetState() => _inner.GetState();

    public void SetState(ulong[] state) => _inner.SetState(state);
}
