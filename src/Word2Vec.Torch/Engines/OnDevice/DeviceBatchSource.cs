using TorchSharp;
using Word2Vec.Torch.Backend;
using Word2Vec.Torch.Data;
using Word2Vec.Torch.Sampling;
using static TorchSharp.torch;

namespace Word2Vec.Torch.Engines.OnDevice;

/// <summary>
/// word2vec.c's skip-gram pairs, made on the device from a <see cref="DeviceCorpus"/>: the corpus is
/// walked in chunks of N consecutive positions, and each chunk becomes one <see cref="DeviceBatch"/>
/// without a byte of host data. For the chunk [p, p + N):
/// <code>
///   1. subsampling   keep token i  ⇔  u_i &lt; keep[w_i],        u_i ~ U[0,1)   (torch.rand)
///   2. compaction    the kept positions k_0 &lt; … &lt; k_{M−1}               (masked_select: one sync)
///   3. pieces        the kept words of a sentence (its part inside the chunk), cut every 1000 kept
///                    words (word2vec.c's MAX_SENTENCE_LENGTH; text8 has no line breaks)
///   4. windows       b_j ~ U{1..window} per kept centre j                    (torch.randint)
///   5. pairs         (w_{k_j}, w_{k_{j+s}}) for s = −window..−1, 1..window with |s| ≤ b_j and j + s
///                    in j's piece; ordered centre by centre, left to right    (masked_select: one sync)
///   6. negatives     K per pair, table[r], r ~ U{0..S−1}: a draw equal to the pair's target is redrawn
///                    (two rounds always, then until none is left; one sync per extra round, rarely more than one)
/// </code>
/// Windows do not cross chunk boundaries (a chunk of 10^5 positions loses ~1e-4 of the pairs).
/// Apart from that and the pieces counted from the chunk start, the pairs have the distribution
/// of <see cref="TextBatchSource"/>'s: the same keep probabilities, windows and order; the noise is
/// unigram^0.75 drawn from word2vec.c's table of S = 10^7 slots (a word of q ≈ 10^-6 holds 10 or 11
/// of them, ±10 %), where the host source draws it exactly (an alias table).
/// </summary>
/// <remarks>
/// Random numbers: before each chunk the generator is reseeded with a hash of (seed, epoch, p): a
/// CPU <see cref="Generator"/> of its own on the CPU; on CUDA the device's default generator
/// (torch.cuda.manual_seed_all), since TorchSharp creates CPU generators only. So a chunk's pairs
/// depend only on the seed and the chunk, and the state of the source is its position alone:
/// exact resume needs no generator state, on any device. Same seed, device and libtorch ⇒ the
/// same pairs; CPU and CUDA streams differ (mt19937 versus Philox). On CUDA the default generator
/// is the process's: two sources drawing at the same time on one GPU would mix their streams.
/// </remarks>
public sealed class DeviceBatchSource : IBatchSource<DeviceBatch>, IDisposable
{
    /// <summary>word2vec.c's MAX_SENTENCE_LENGTH, as <see cref="TextBatchSource"/>.</summary>
    public const int MaxSentenceLength = TextBatchSource.MaxSentenceLength;

    /// <summary>Redraw rounds for negatives that hit their target, before the first check (no sync).</summary>
    private const int UnconditionalRedraws = 2;

    private const int MaxRedraws = 200;
    private const ulong Magic = 0x44_45_56_42_41_54_30_31;   // "DEVBAT01"

    private readonly DeviceCorpus _corpus;
    private readonly int _window, _negatives, _chunkWords, _epochs;
    private readonly long _seed;
    private readonly ScalarType _dtype;
    private readonly Generator? _generator;   // null on CUDA: the device's default generator
    private readonly Tensor _offsets;         // [2W] int64: −W..−1, 1..W
    private readonly Tensor _distance;        // [2W] int64: |offset|
    private long _epoch, _position;

    /// <param name="corpus">The corpus on its device.</param>
    /// <param name="window">The largest window (word2vec.c's -window).</param>
    /// <param name="negatives">K ≥ 1 negatives per pair.</param>
    /// <param name="chunkWords">N, corpus positions per chunk (per batch).</param>
    /// <param name="epochs">Passes over the corpus.</param>
    /// <param name="seed">The run's seed.</param>
    /// <param name="dtype">The parameters' dtype (of the input mask).</param>
    public DeviceBatchSource(DeviceCorpus corpus, int window, int negatives, int chunkWords, int epochs, long seed, ScalarType dtype)
    {
        ArgumentNullException.ThrowIfNull(corpus);
        if (window < 1) throw new ArgumentOutOfRangeException(nameof(window), window, "must be at least 1");
        if (negatives < 1) throw new ArgumentOutOfRangeException(nameof(negatives), negatives, "the device pipeline needs K ≥ 1 negatives");
        if (chunkWords < 2) throw new ArgumentOutOfRangeException(nameof(chunkWords), chunkWords, "must be at least 2");
        if (epochs < 1) throw new ArgumentOutOfRangeException(nameof(epochs), epochs, "must be at least 1");
        if (corpus.VocabSize < 2) throw new ArgumentException("negative sampling needs at least two words in the vocabulary", nameof(corpus));
        _corpus = corpus;
        _window = window;
        _negatives = negatives;
        _chunkWords = chunkWords;
        _epochs = epochs;
        _seed = seed;
        _dtype = dtype;
        _generator = corpus.Device.type == DeviceType.CPU ? new Generator((ulong)seed) : null;
        var offsets = Enumerable.Range(-window, 2 * window + 1).Where(s => s != 0).Select(s => (long)s).ToArray();
        _offsets = torch.tensor(offsets, device: corpus.Device).DetachFromDisposeScope();
        _distance = torch.tensor(offsets.Select(Math.Abs).ToArray(), device: corpus.Device).DetachFromDisposeScope();
    }

    /// <summary>Tokens over all epochs (the linear schedule's and the ETA's total).</summary>
    public long TotalWords => _corpus.TotalWords * _epochs;

    /// <summary>Tokens consumed so far, all epochs.</summary>
    public long WordsProcessed => _epoch * _corpus.TotalWords + _position;

    /// <summary>
    /// Fills <paramref name="batch"/> with the next chunk's pairs; false when the last epoch is over. A
    /// chunk without pairs (every token dropped, or one word per sentence) is skipped. The tensors
    /// belong to the caller's dispose scope, if there is one.
    /// </summary>
    public bool NextBatch(DeviceBatch batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        while (_epoch < _epochs)
        {
            var (epoch, start) = (_epoch, _position);
            var end = Math.Min(start + _chunkWords, _corpus.TotalWords);
            _position = end;
            if (_position >= _corpus.TotalWords)
            {
                _position = 0;
                _epoch++;
            }
            if (Sample(epoch, start, end, batch)) return true;
        }
        return false;
    }

    private bool Sample(long epoch, long start, long end, DeviceBatch batch)
    {
        using var scope = torch.NewDisposeScope();
        Reseed(ChunkSeed(_seed, epoch, start));
        var device = _corpus.Device;
        var generator = _generator;
        var n = end - start;
        var W = (long)_window;
        using var startAt = start.ToScalar();
        using var chunk = n.ToScalar();
        using var pieceLength = ((long)MaxSentenceLength).ToScalar();

        // 1. Subsampling: token i is kept when u_i < keep[w_i].
        var words = _corpus.Tokens.narrow(0, start, n);                                           // [n] int32
        var keep = torch.rand(n, ScalarType.Float32, device, generator: generator)
            .lt(_corpus.KeepProbabilities.index_select(0, words));                                 // [n] bool

        // 2. Compaction: the kept positions in order; M is data-dependent (a device sync).
        var keptIndex = torch.arange(Held.Zero, chunk, Held.One, ScalarType.Int64, device).masked_select(keep);   // [M]
        var M = keptIndex.shape[0];
        if (M < 2) return false;
        using var kept1 = M.ToScalar();
        using var lastKept = (M - 1).ToScalar();
        using var slotCount = (M * 2 * W).ToScalar();
        using var slotsPerCentre = (2 * W).ToScalar();
        var kept = words.index_select(0, keptIndex).to(ScalarType.Int64);                           // [M] word ids

        // 3. Pieces. rank = how many kept words of the same sentence precede it in this chunk;
        //    a piece starts wherever rank is a multiple of MaxSentenceLength (so at every sentence start).
        var keptSoFar = keep.to(ScalarType.Int64).cumsum(0);                                        // [n]: kept in [0, i]
        var segmentStart = _corpus.SentenceStarts.narrow(0, start, n).to(ScalarType.Int64).sub(startAt).clamp_min(Held.Zero);
        var keptBefore = torch.cat(new[] { torch.zeros(1, ScalarType.Int64, device), keptSoFar })
            .index_select(0, segmentStart);                                                           // [n]: kept before its segment
        var rank = keptSoFar.sub(keptBefore).sub(Held.One).index_select(0, keptIndex);              // [M]
        var piece = rank.remainder(pieceLength).eq(Held.Zero).to(ScalarType.Int64).cumsum(0);        // [M], non-decreasing

        // 4. Windows: b_j ~ U{1..W}.
        var b = torch.randint(1, W + 1, new[] { M }, dtype: ScalarType.Int64, device: device, generator: generator);

        // 5. Pairs. Slot (j, s) of [M, 2W] pairs centre j with kept word o = j + offset_s.
        var j = torch.arange(Held.Zero, kept1, Held.One, ScalarType.Int64, device).unsqueeze(1);     // [M,1]
        var o = j.add(_offsets.unsqueeze(0), Held.One);                                              // [M,2W]
        var oc = o.clamp(Held.Zero, lastKept);
        var inside = o.ge(Held.Zero).logical_and(o.lt(kept1));
        var samePiece = piece.index_select(0, oc.reshape(-1)).reshape(M, 2 * W).eq(piece.unsqueeze(1));
        var inWindow = _distance.unsqueeze(0).le(b.unsqueeze(1));
        var used = inside.logical_and(samePiece).logical_and(inWindow).reshape(-1);                  // [M·2W]
        var slots = torch.arange(Held.Zero, slotCount, Held.One, ScalarType.Int64, device).masked_select(used);   // [B] (a sync)
        var B = slots.shape[0];
        if (B == 0) return false;
        var outsideK = oc.reshape(-1).index_select(0, slots);                                        // [B] kept index of o
        var centreK = outsideK.sub(_offsets.index_select(0, slots.remainder(slotsPerCentre)));       // [B] kept index of j
        var centre = kept.index_select(0, centreK);
        var outside = kept.index_select(0, outsideK);

        // 6. Negatives.
        var negatives = DrawNegatives(outside, B);

        var keptPositions = keptIndex.add(startAt, Held.One);
        batch.Set(
            centre.unsqueeze(1).MoveToOuterDisposeScope(),
            torch.ones(B, 1, _dtype, device).MoveToOuterDisposeScope(),
            outside.MoveToOuterDisposeScope(),
            negatives.MoveToOuterDisposeScope(),
            keptPositions.index_select(0, centreK).MoveToOuterDisposeScope(),
            keptPositions.index_select(0, outsideK).MoveToOuterDisposeScope(),
            keptPositions.MoveToOuterDisposeScope());
        batch.Count = checked((int)B);
        batch.KeptWords = M;
        batch.ChunkStart = start;
        batch.ChunkEnd = end;
        batch.Epoch = epoch;
        batch.WordsProcessed = epoch * _corpus.TotalWords + end;
        return true;
    }

    /// <summary>[B,K] int64 draws from the noise table, each ≠ its row's target: every draw that hits the
    /// target is replaced by a fresh one (as <see cref="TextBatchSource"/> redraws), so a negative's
    /// distribution is q_w / (1 − q_target) over w ≠ target.</summary>
    private Tensor DrawNegatives(Tensor targets, long count)
    {
        var table = _corpus.NoiseTable;
        var slots = table.shape[0];
        var shape = new[] { count, (long)_negatives };
        Tensor Draw() => table.index_select(0,
                torch.randint(0, slots, new[] { count * _negatives }, dtype: ScalarType.Int64, device: _corpus.Device, generator: _generator))
            .reshape(shape).to(ScalarType.Int64);

        var negatives = Draw();
        var target = targets.unsqueeze(1);
        for (var round = 1; ; round++)
        {
            var clash = negatives.eq(target);
            if (round > UnconditionalRedraws)
            {
                if (clash.sum().item<long>() == 0) return negatives;
                if (round > MaxRedraws)
                    throw new InvalidOperationException(
                        $"negatives still equal their targets after {MaxRedraws} redraws: the noise distribution is concentrated on too few words.");
            }
            negatives = torch.where(clash, Draw(), negatives);
        }
    }

    private void Reseed(long seed)
    {
        if (_generator is not null) _generator.manual_seed(seed);
        else torch.cuda.manual_seed_all(seed);
    }

    /// <summary>The seed of the chunk starting at <paramref name="start"/> in <paramref name="epoch"/>: SplitMix64
    /// mixing of the three, non-negative; every bit (mt19937 keeps the low 32) depends on all of them.</summary>
    internal static long ChunkSeed(long seed, long epoch, long start)
    {
        static ulong Mix(ulong z)
        {
            z += 0x9E3779B97F4A7C15;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EB;
            return z ^ (z >> 31);
        }
        return (long)(Mix(Mix(Mix((ulong)seed) ^ (ulong)epoch) ^ (ulong)start) >> 1);
    }

    /// <summary>Where the source is: the next chunk's epoch and position (with the settings it was made with).</summary>
    public ulong[] GetState() => new[]
    {
        Magic, (ulong)_corpus.TotalWords, (ulong)_chunkWords, Configuration(), (ulong)_epochs, (ulong)_epoch, (ulong)_position,
    };

    public void SetState(ulong[] state)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (state.Length != 7 || state[0] != Magic)
            throw new ArgumentException("not a DeviceBatchSource state (was the checkpoint written by the host pipeline?)", nameof(state));
        if (state[1] != (ulong)_corpus.TotalWords)
            throw new ArgumentException($"the state was saved for a corpus of {state[1]} tokens, this one has {_corpus.TotalWords}", nameof(state));
        if (state[2] != (ulong)_chunkWords || state[3] != Configuration() || state[4] != (ulong)_epochs)
            throw new ArgumentException("the state was saved by a DeviceBatchSource with another chunk size, window, K or number of epochs", nameof(state));
        if (state[5] > (ulong)_epochs || state[6] >= (ulong)_corpus.TotalWords)
            throw new ArgumentException("the DeviceBatchSource state is damaged", nameof(state));
        _epoch = (long)state[5];
        _position = (long)state[6];
    }

    private ulong Configuration() => (ulong)(uint)_window | ((ulong)(uint)_negatives << 24);

    public void Dispose()
    {
        _generator?.Dispose();
        _offsets.Dispose();
        _distance.Dispose();
    }
}
