using System.Runtime.InteropServices;
using System.Text;

namespace Word2Vec.Torch.Data;

/// <summary>How phrases are found: gensim's <c>Phrases</c> defaults.</summary>
/// <param name="MinCount">δ: bigrams seen fewer times are never phrases (and δ is discounted from each count).</param>
/// <param name="Threshold">A bigram becomes a phrase when its score exceeds this.</param>
/// <param name="Delimiter">Joins the two words of a phrase ("new_york").</param>
/// <param name="MaxBigrams">The most distinct bigrams kept while counting: past it the rarest are
/// pruned (gensim's prune_vocab: those under a floor that rises by one each time), so memory is
/// bounded by the vocabulary and this cap, not by the corpus.</param>
public sealed record PhraseOptions(int MinCount = 5, double Threshold = 10.0, string Delimiter = "_", int MaxBigrams = 20_000_000)
{
    /// <summary>What is out of range, a line each, naming each setting as the caller spells it.</summary>
    public IEnumerable<string> Problems(string minCount = nameof(MinCount), string threshold = nameof(Threshold),
        string delimiter = nameof(Delimiter), string maxBigrams = nameof(MaxBigrams))
    {
        if (MinCount < 1) yield return $"{minCount} = {MinCount}: must be at least 1";
        if (!(Threshold >= 0) || double.IsInfinity(Threshold))
            yield return $"{threshold} = {Threshold.ToString(System.Globalization.CultureInfo.InvariantCulture)}: must be a finite number ≥ 0";
        if (string.IsNullOrEmpty(Delimiter) || Delimiter.Any(char.IsWhiteSpace))
            yield return $"{delimiter} = '{Delimiter}': must be a non-empty string without whitespace";
        if (MaxBigrams < 1) yield return $"{maxBigrams} = {MaxBigrams}: at least one bigram must be kept";
    }
}

/// <summary>What rewriting a text with phrases did.</summary>
public sealed record PhraseRewrite(long TokensIn, long TokensOut, long PhrasesJoined, int DistinctPhrases);

/// <summary>
/// Bigram phrases, as word2vec.c's word2phrase and gensim's <c>Phrases</c> find them: unigram and
/// bigram counts over the text (bigrams never cross a line), then a bigram ab is a phrase when
/// <code>  score(a, b) = (count(ab) − δ) / (count(a) · count(b)) · N  &gt;  threshold  </code>
/// with δ the min count and N gensim's normaliser, the number of distinct unigrams and bigrams
/// counted (word2phrase's N is the number of tokens instead, with a threshold of 100). The text is
/// rewritten greedily left to right: a phrase is joined and its second word cannot start another.
/// One model finds two-word phrases; a second pass over the rewritten text joins longer ones.
/// Both passes stream: memory holds the counts, never the text.
/// </summary>
public sealed class PhraseModel
{
    private readonly WordCounter _words;
    private readonly Dictionary<long, int> _bigrams;
    private readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> _lookup;
    private readonly Dictionary<string, int> _ids;

    private PhraseModel(WordCounter words, Dictionary<long, int> bigrams, PhraseOptions options, long tokens, int pruneFloor)
    {
        _words = words;
        _bigrams = bigrams;
        Options = options;
        Tokens = tokens;
        PruneFloor = pruneFloor;
        _ids = new Dictionary<string, int>(words.Count, StringComparer.Ordinal);
        for (var i = 0; i < words.Count; i++) _ids[words.Words[i]] = i;
        _lookup = _ids.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    public PhraseOptions Options { get; }

    /// <summary>Tokens counted.</summary>
    public long Tokens { get; }

    /// <summary>Distinct words.</summary>
    public int DistinctWords => _words.Count;

    /// <summary>Distinct bigrams kept.</summary>
    public int DistinctBigrams => _bigrams.Count;

    /// <summary>Bigrams seen fewer times than this were pruned while counting (0: none were).</summary>
    public int PruneFloor { get; }

    /// <summary>N of the score: distinct unigrams plus distinct bigrams (gensim's len(vocab)).</summary>
    public long Normalizer => (long)_words.Count + _bigrams.Count;

    /// <summary>Invalid UTF-8 sequences of the file learnt from (read as U+FFFD), and the byte offset of the first (−1: none).</summary>
    public (long Count, long FirstOffset) InvalidUtf8 { get; private set; } = (0, -1);

    /// <summary>Counts the words and bigrams of a text file (or .gz, .zip), streaming, checked as a corpus is
    /// (<see cref="CheckedTextStream"/>: a binary file is an error, invalid UTF-8 is counted in <see cref="InvalidUtf8"/>).</summary>
    public static PhraseModel Learn(string path, PhraseOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        var text = new CheckedTextStream(CorpusFile.Open(path), path);
        using var reader = new WordReader(text);
        var learnt = Learn(reader, options);
        if (learnt.Tokens == 0) throw new InvalidDataException($"{path}: no word to join into phrases (the file is empty or all whitespace).");
        learnt.InvalidUtf8 = (text.InvalidSequences, text.FirstInvalidOffset);
        return learnt;
    }

    public static PhraseModel Learn(WordReader reader, PhraseOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(reader);
        options ??= new PhraseOptions();
        if (options.Problems().ToList() is { Count: > 0 } problems) throw new ArgumentException(string.Join("; ", problems) + ".", nameof(options));
        var words = new WordCounter();
        var bigrams = new Dictionary<long, int>(PairHash.Instance);
        var floor = 0;
        var previous = -1;
        while (true)
        {
            var token = reader.Read(out var span);
            if (token == WordToken.EndOfText) break;
            if (token == WordToken.EndOfLine) { previous = -1; continue; }
            var id = words.Add(span);
            if (previous >= 0)
            {
                ref var count = ref CollectionsMarshal.GetValueRefOrAddDefault(bigrams, Key(previous, id), out _);
                count++;
                if (bigrams.Count > options.MaxBigrams) floor = Prune(bigrams, floor, options.MaxBigrams);
            }
            previous = id;
        }
        return new PhraseModel(words, bigrams, options, words.TotalCount, floor);
    }

    /// <summary>Drops the bigrams under a floor that rises until at most nine tenths of the cap remain
    /// (gensim prunes at the cap by min_reduce, rising by one each time).</summary>
    private static int Prune(Dictionary<long, int> bigrams, int floor, int cap)
    {
        do
        {
            floor++;
            foreach (var (key, count) in bigrams)
                if (count < floor) bigrams.Remove(key);
        } while (bigrams.Count > cap * 0.9);
        return floor;
    }

    private static long Key(int a, int b) => ((long)a << 32) | (uint)b;

    /// <summary>A hash of the (a, b) key that mixes both halves (long's own is a ^ b: every pair (a, b)
    /// and (b, a), and many more, would share a bucket).</summary>
    private sealed class PairHash : IEqualityComparer<long>
    {
        public static readonly PairHash Instance = new();
        public bool Equals(long x, long y) => x == y;
        public int GetHashCode(long key) => (int)(((ulong)key * 0x9E3779B97F4A7C15UL) >> 32);   // Fibonacci hashing
    }

    /// <summary>The score of the bigram of words a and b (ids), or −∞ when it was never counted.</summary>
    public double Score(int a, int b)
    {
        if (!_bigrams.TryGetValue(Key(a, b), out var ab)) return double.NegativeInfinity;
        return (ab - (double)Options.MinCount) / ((double)_words.Counts[a] * _words.Counts[b]) * Normalizer;
    }

    /// <summary>The score of "a b" by the words themselves (−∞ when either word or the pair was never seen).</summary>
    public double Score(string a, string b) =>
        _ids.TryGetValue(a, out var i) && _ids.TryGetValue(b, out var j) ? Score(i, j) : double.NegativeInfinity;

    /// <summary>The phrases, best first: (phrase, count, score).</summary>
    public IEnumerable<(string Phrase, long Count, double Score)> Phrases() =>
        _bigrams.Select(kv => (A: (int)(kv.Key >> 32), B: (int)(kv.Key & 0xffffffff), Count: kv.Value))
            .Select(x => (Phrase: _words.Words[x.A] + Options.Delimiter + _words.Words[x.B], Count: (long)x.Count, Score: Score(x.A, x.B)))
            .Where(x => x.Score > Options.Threshold)
            .OrderByDescending(x => x.Score).ThenBy(x => x.Phrase, StringComparer.Ordinal);

    /// <summary>Rewrites <paramref name="reader"/>'s text into <paramref name="output"/>: words joined into
    /// phrases where the score exceeds the threshold, separated by single spaces, one line per input line
    /// (a text without line breaks stays one line).</summary>
    public PhraseRewrite Rewrite(WordReader reader, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(output);
        long tokensIn = 0, tokensOut = 0, joined = 0;
        var distinct = new HashSet<long>(PairHash.Instance);
        string? pending = null;   // the previous word, not yet written: it may start a phrase
        var pendingId = -1;
        var lineStart = true;
        void Emit(string text)
        {
            if (!lineStart) output.Write(' ');
            output.Write(text);
            lineStart = false;
            tokensOut++;
        }
        while (true)
        {
            var token = reader.Read(out var span);
            if (token != WordToken.Word)
            {
                if (pending is not null) Emit(pending);
                pending = null;
                if (token == WordToken.EndOfText) break;
                output.Write('\n');
                lineStart = true;
                continue;
            }
            tokensIn++;
            var id = _lookup.TryGetValue(span, out var known) ? known : -1;
            if (pending is not null && pendingId >= 0 && id >= 0 && Score(pendingId, id) > Options.Threshold)
            {
                Emit(pending + Options.Delimiter + span.ToString());
                joined++;
                distinct.Add(Key(pendingId, id));
                pending = null;
                pendingId = -1;
                continue;
            }
            if (pending is not null) Emit(pending);
            pending = span.ToString();
            pendingId = id;
        }
        if (!lineStart) output.Write('\n');
        return new PhraseRewrite(tokensIn, tokensOut, joined, distinct.Count);
    }

    /// <summary>Rewrites a text file (or .zip) into <paramref name="outputPath"/>, written atomically (UTF-8).</summary>
    public PhraseRewrite Rewrite(string inputPath, string outputPath)
    {
        PhraseRewrite? result = null;
        AtomicFile.Write(outputPath, stream =>
        {
            using var reader = new WordReader(new CheckedTextStream(CorpusFile.Open(inputPath), inputPath));
            using var writer = new StreamWriter(stream, new UTF8Encoding(false), 1 << 16, leaveOpen: true);
            result = Rewrite(reader, writer);
        });
        return result!;
    }
}
