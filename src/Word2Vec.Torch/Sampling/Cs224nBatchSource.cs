using Word2Vec.Torch.Data;

namespace Word2Vec.Torch.Sampling;

/// <summary>
/// Batches as the CS224N assignment's <c>word2vec_sgd_wrapper</c> forms them on SST: each batch is
/// <c>windowsPerBatch</c> windows; for each, the window size C1 = randint(1, C), then
/// <see cref="Cs224nSampler.GetRandomContext(int, RandomSource, Span{int}, out int)"/>. Skip-gram
/// emits one example per (centre, outside word) of the window, CBOW one per window (the outside
/// words as inputs, the centre as target). Each example gets K negatives from
/// <see cref="Cs224nSampler.GetNegativeSamples(int, RandomSource, Span{int})"/> for its target, drawn in
/// the assignment's order (window by window, outside word by outside word). It never ends: the
/// trainer counts steps.
/// </summary>
/// <remarks>
/// The subsampled sentence list is built from <c>rng</c> when the source is made (the assignment
/// builds it lazily right after the first window-size draw; the RNG streams differ from Python's
/// anyway). <see cref="TotalWords"/> is the corpus's token count and
/// <see cref="TrainingBatch.WordsProcessed"/> counts the windows drawn so far (one centre token
/// each), over the whole stream.
/// </remarks>
public sealed class Cs224nBatchSource : IBatchSource<TrainingBatch>
{
    private const ulong Magic = 0x43_53_32_32_34_4E_42_31;   // "CS224NB1"
    private const int StateLength = 12;

    private readonly Cs224nSampler _sampler;
    private readonly RandomSource _rng;
    private readonly int _contextSize, _windowsPerBatch, _negatives;
    private readonly bool _cbow;
    private readonly int[] _outside;
    private readonly int[] _negativeScratch;
    private ulong[] _subsampleStart;   // the RNG state this source's subsampled list was drawn from
    private long _windowsDrawn;

    /// <param name="corpus">SST, as the assignment reads it.</param>
    /// <param name="contextSize">C: the largest window size (the assignment's 5).</param>
    /// <param name="windowsPerBatch">Windows per batch (the assignment's 50).</param>
    /// <param name="negatives">K negatives per example (the assignment's 10; 0 = none, naive softmax).</param>
    /// <param name="cbow">CBOW (one example per window) instead of skip-gram.</param>
    /// <param name="rng">All the randomness: the subsampled list, windows, negatives.</param>
    public Cs224nBatchSource(SstCorpus corpus, int contextSize, int windowsPerBatch, int negatives, bool cbow, RandomSource rng)
    {
        ArgumentNullException.ThrowIfNull(corpus);
        ArgumentNullException.ThrowIfNull(rng);
        if (contextSize < 1) throw new ArgumentOutOfRangeException(nameof(contextSize), contextSize, "must be at least 1");
        if (windowsPerBatch < 1) throw new ArgumentOutOfRangeException(nameof(windowsPerBatch), windowsPerBatch, "must be at least 1");
        if (negatives < 0) throw new ArgumentOutOfRangeException(nameof(negatives), negatives, "must be 0 (none) or positive");
        _sampler = new Cs224nSampler(corpus);
        _rng = rng;
        _contextSize = contextSize;
        _windowsPerBatch = windowsPerBatch;
        _negatives = negatives;
        _cbow = cbow;
        _outside = new int[2 * contextSize];
        _negativeScratch = new int[negatives];
        _sampler.Subsample(rng);
        _subsampleStart = _sampler.SubsampleStartState;
    }

    /// <summary>The corpus's token count (227,245 for SST).</summary>
    public long TotalWords => _sampler.Corpus.TokenCount;

    public bool Endless => true;

    /// <summary>Examples a batch can hold at most.</summary>
    public int MaxExamplesPerBatch => _cbow ? _windowsPerBatch : _windowsPerBatch * 2 * _contextSize;

    public bool NextBatch(TrainingBatch batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var width = _cbow ? 2 * _contextSize : 1;
        batch.Prepare(MaxExamplesPerBatch, width, _negatives);
        var n = 0;
        for (var w = 0; w < _windowsPerBatch; w++)
        {
            var c1 = _rng.NextInt(1, _contextSize);
            var count = _sampler.GetRandomContext(c1, _rng, _outside, out var centre);
            if (_cbow)
            {
                var row = n * width;
                for (var j = 0; j < width; j++)
                {
                    var real = j < count;
                    batch.Inputs[row + j] = real ? _outside[j] : 0;
                    batch.InputMask[row + j] = real ? 1f : 0f;
                }
                batch.Targets[n] = centre;
                AddNegatives(batch, n, centre);
                n++;
            }
            else
            {
                for (var j = 0; j < count; j++)
                {
                    batch.Inputs[n] = centre;
                    batch.InputMask[n] = 1f;
                    batch.Targets[n] = _outside[j];
                    AddNegatives(batch, n, _outside[j]);
                    n++;
                }
            }
        }
        _windowsDrawn += _windowsPerBatch;
        batch.Count = n;
        batch.Windows = _windowsPerBatch;
        batch.WordsProcessed = _windowsDrawn;
        return true;
    }

    private void AddNegatives(TrainingBatch batch, int example, int target)
    {
        if (_negatives == 0)
            return;
        _sampler.GetNegativeSamples(target, _rng, _negativeScratch);
        var offset = example * _negatives;
        for (var k = 0; k < _negatives; k++)
            batch.Negatives[offset + k] = _negativeScratch[k];
    }

    /// <summary>[magic, configuration, windows drawn, subsample start state ×4, RNG state ×4, 0].</summary>
    public ulong[] GetState()
    {
        var state = new ulong[StateLength];
        state[0] = Magic;
        state[1] = Configuration();
        state[2] = (ulong)_windowsDrawn;
        _subsampleStart.CopyTo(state, 3);
        _rng.WriteState(state.AsSpan(7, RandomSource.StateLength));
        return state;
    }

    public void SetState(ulong[] state)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (state.Length != StateLength || state[0] != Magic)
            throw new ArgumentException("not a Cs224nBatchSource state", nameof(state));
        if (state[1] != Configuration())
            throw new ArgumentException("the state was saved by a Cs224nBatchSource with another context size, batch, K or model", nameof(state));
        _subsampleStart = state[3..7];
        _sampler.EnsureSubsampledFrom(_subsampleStart);
        _rng.SetState(state.AsSpan(7, RandomSource.StateLength));
        _windowsDrawn = (long)state[2];
    }

    private ulong Configuration() =>
        (ulong)(uint)_contextSize | ((ulong)(uint)_windowsPerBatch << 16) | ((ulong)(uint)_negatives << 40) | (_cbow ? 1UL << 63 : 0);
}
