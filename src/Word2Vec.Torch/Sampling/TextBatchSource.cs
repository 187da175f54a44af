using Word2Vec.Torch.Data;

namespace Word2Vec.Torch.Sampling;

/// <summary>
/// Batches from an encoded text corpus, walking it in order as word2vec.c's training thread does,
/// for one epoch: read a sentence (up to a line end, or <see cref="MaxSentenceLength"/> kept
/// words), dropping tokens by word2vec.c subsampling as they are read; then for each centre word
/// draw the effective window b = randint(1, window) and emit skip-gram pairs (centre, outside) for
/// the outside words within b positions, left to right, or one CBOW example (the up to 2b outside
/// words as inputs, the centre as target). Windows never cross sentences. Each example gets K
/// negatives from unigram^0.75 (<see cref="AliasTable"/>), a draw equal to the target redrawn.
/// </summary>
/// <remarks>
/// A batch holds exactly <c>batchSize</c> examples except the last of the epoch; a window's pairs
/// may be split over two batches. <see cref="NextBatch"/> returns false once the epoch is over;
/// <see cref="Rewind"/> starts the next epoch (the RNG stream goes on). The state is the read
/// position, the current sentence, the position inside it and the RNG, so a source given a saved
/// state continues with exactly the batches the original would have produced. The corpus is read
/// through a <see cref="CorpusIdsReader"/>, a chunk at a time, so memory does not grow with it; the
/// source owns the reader (dispose it).
/// </remarks>
public sealed class TextBatchSource : IBatchSource<TrainingBatch>, IDisposable
{
    /// <summary>word2vec.c's MAX_SENTENCE_LENGTH: text8 has no sentences and is cut into pieces this long.</summary>
    public const int MaxSentenceLength = 1000;

    private const ulong Magic = 0x54_45_58_54_42_41_54_31;   // "TEXTBAT1"
    private const int HeaderLength = 18;

    private readonly CorpusIdsReader _reader;
    private readonly long _tokens;
    private readonly double[] _keep;
    private readonly AliasTable _noise;
    private readonly RandomSource _rng;
    private readonly int _window, _negatives, _batchSize, _width;
    private readonly bool _cbow;
    private readonly double _sample;

    // Position in the corpus.
    private long _pos;                // next token to read
    private long _wordsProcessed;
    private long _epoch;
    private bool _finished;
    // The sentence being trained on.
    private readonly int[] _sentence = new int[MaxSentenceLength];
    private int _sentenceLength;
    private int _centre;              // index in _sentence of the current centre word
    private int _b;                   // its effective window; 0 = not drawn yet
    private int _next;                // skip-gram: the next outside position to emit

    /// <param name="corpus">The encoded corpus.</param>
    /// <param name="window">The largest window (word2vec.c's -window, default 5).</param>
    /// <param name="negatives">K negatives per example (0 = none).</param>
    /// <param name="cbow">CBOW instead of skip-gram.</param>
    /// <param name="sample">Subsampling threshold t (word2vec.c's -sample, 1e-3 by default; 0 = off).</param>
    /// <param name="batchSize">Examples per batch.</param>
    /// <param name="rng">Subsampling, windows and negatives.</param>
    public TextBatchSource(TextCorpus corpus, int window, int negatives, bool cbow, double sample, int batchSize, RandomSource rng)
    {
        ArgumentNullException.ThrowIfNull(corpus);
        ArgumentNullException.ThrowIfNull(rng);
        if (window < 1) throw new ArgumentOutOfRangeException(nameof(window), window, "must be at least 1");
        if (negatives < 0) throw new ArgumentOutOfRangeException(nameof(negatives), negatives, "must be 0 (none) or positive");
        if (batchSize < 1) throw new ArgumentOutOfRangeException(nameof(batchSize), batchSize, "must be at least 1");
        if (negatives > 0 && corpus.Vocabulary.Count < 2)
            throw new ArgumentException("negative sampling needs at least two words in the vocabulary", nameof(corpus));
        _keep = Word2VecSubsampling.KeepProbabilities(corpus.Vocabulary, sample);
        _noise = AliasTable.FromCounts(corpus.Vocabulary.Counts);
        _rng = rng;
        _window = window;
        _negatives = negatives;
        _cbow = cbow;
        _sample = sample;
        _batchSize = batchSize;
        _width = cbow ? 2 * window : 1;
        _reader = corpus.OpenReader();
        _tokens = _reader.Tokens;
    }

    /// <summary>Tokens in the corpus (one epoch).</summary>
    public long TotalWords => _tokens;

    /// <summary>Epochs started before the current one (0 in the first).</summary>
    public long Epoch => _epoch;

    /// <summary>Starts the next epoch from the corpus's beginning; the RNG stream continues.</summary>
    public void Rewind()
    {
        _pos = 0;
        _reader.Seek(0);
        _wordsProcessed = 0;
        _finished = false;
        _sentenceLength = _centre = _b = _next = 0;
        _epoch++;
    }

    public bool NextBatch(TrainingBatch batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        batch.Prepare(_batchSize, _width, _negatives);
        var n = 0;
        var windows = 0;
        var windowCounted = false;   // has the current window added an example to this batch?
        var inputs = batch.Inputs;
        var mask = batch.InputMask;
        var targets = batch.Targets;
        var sentence = _sentence;

        while (n < _batchSize && !_finished)
        {
            if (_centre >= _sentenceLength)
            {
                if (!ReadSentence())
                {
                    _finished = true;
                    break;
                }
                _centre = 0;
                _b = 0;
            }
            if (_b == 0)
            {
                _b = _rng.NextInt(1, _window);
                _next = Math.Max(0, _centre - _b);
                windowCounted = false;
            }
            var centreWord = sentence[_centre];
            var last = Math.Min(_sentenceLength - 1, _centre + _b);

            if (_cbow)
            {
                var row = n * _width;
                var m = 0;
                for (var i = _next; i <= last; i++)
                    if (i != _centre)
                    {
                        inputs[row + m] = sentence[i];
                        mask[row + m] = 1f;
                        m++;
                    }
                if (m > 0)   // word2vec.c skips a centre without context
                {
                    for (var j = m; j < _width; j++)
                    {
                        inputs[row + j] = 0;
                        mask[row + j] = 0f;
                    }
                    targets[n] = centreWord;
                    DrawNegatives(batch.Negatives, n, centreWord);
                    n++;
                    windows++;
                }
                _centre++;
                _b = 0;
                continue;
            }

            while (_next <= last && n < _batchSize)
            {
                if (_next != _centre)
                {
                    var outside = sentence[_next];
                    inputs[n] = centreWord;
                    mask[n] = 1f;
                    targets[n] = outside;
                    DrawNegatives(batch.Negatives, n, outside);
                    n++;
                    if (!windowCounted)
                    {
                        windows++;
                        windowCounted = true;
                    }
                }
                _next++;
            }
            if (_next > last)
            {
                _centre++;
                _b = 0;
            }
        }

        batch.Count = n;
        batch.Windows = windows;
        batch.WordsProcessed = _wordsProcessed;
        return n > 0;
    }

    private void DrawNegatives(long[] negatives, int example, int target)
    {
        var offset = example * _negatives;
        for (var k = 0; k < _negatives; k++)
        {
            int w;
            do w = _noise.Sample(_rng); while (w == target);
            negatives[offset + k] = w;
        }
    }

    /// <summary>Reads the next sentence into <see cref="_sentence"/>, subsampling as it goes: up to a
    /// sentence end or <see cref="MaxSentenceLength"/> kept words. False at the end of the corpus.</summary>
    private bool ReadSentence()
    {
        _sentenceLength = 0;
        var keep = _keep;
        while (_reader.Next(out var entry))
        {
            var w = CorpusIds.Id(entry);
            _pos++;
            _wordsProcessed++;
            var end = CorpusIds.EndsSentence(entry);
            var p = keep[w];
            if (p >= 1.0 || _rng.NextDouble() < p)
                _sentence[_sentenceLength++] = w;
            if (_sentenceLength == MaxSentenceLength || (end && _sentenceLength > 0))
                return true;
        }
        return _sentenceLength > 0;
    }

    public ulong[] GetState()
    {
        var state = new ulong[HeaderLength + (_sentenceLength + 1) / 2];
        state[0] = Magic;
        state[1] = Configuration();
        state[2] = (ulong)_batchSize;
        state[3] = BitConverter.DoubleToUInt64Bits(_sample);
        state[4] = (ulong)_tokens;
        state[5] = (ulong)_pos;
        state[6] = 0;   // was the sentence index; the id file marks sentence ends itself
        state[7] = (ulong)_sentenceLength;
        state[8] = (ulong)_centre;
        state[9] = (ulong)_b;
        state[10] = (ulong)_next;
        state[11] = (ulong)_wordsProcessed;
        state[12] = (ulong)_epoch;
        state[13] = _finished ? 1UL : 0UL;
        _rng.WriteState(state.AsSpan(14, RandomSource.StateLength));
        for (var i = 0; i < _sentenceLength; i++)
            state[HeaderLength + i / 2] |= (ulong)(uint)_sentence[i] << (32 * (i % 2));
        return state;
    }

    public void SetState(ulong[] state)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (state.Length < HeaderLength || state[0] != Magic)
            throw new ArgumentException("not a TextBatchSource state", nameof(state));
        if (state[1] != Configuration() || state[2] != (ulong)_batchSize || state[3] != BitConverter.DoubleToUInt64Bits(_sample))
            throw new ArgumentException("the state was saved by a TextBatchSource with another window, K, model, batch size or sample", nameof(state));
        if (state[4] != (ulong)_tokens)
            throw new ArgumentException($"the state was saved for a corpus of {state[4]} tokens, this one has {_tokens}", nameof(state));
        var length = (int)state[7];
        if (length > MaxSentenceLength || state.Length != HeaderLength + (length + 1) / 2 || state[5] > (ulong)_tokens)
            throw new ArgumentException("the TextBatchSource state is damaged", nameof(state));
        _rng.SetState(state.AsSpan(14, RandomSource.StateLength));
        _pos = (long)state[5];
        _reader.Seek(_pos);
        _sentenceLength = length;
        _centre = (int)state[8];
        _b = (int)state[9];
        _next = (int)state[10];
        _wordsProcessed = (long)state[11];
        _epoch = (long)state[12];
        _finished = state[13] != 0;
        for (var i = 0; i < length; i++)
            _sentence[i] = (int)(uint)(state[HeaderLength + i / 2] >> (32 * (i % 2)));
    }

    public void Dispose() => _reader.Dispose();

    private ulong Configuration() => (ulong)(uint)_window | ((ulong)(uint)_negatives << 24) | (_cbow ? 1UL << 63 : 0);
}
