using System.Diagnostics;

namespace Word2Vec.Torch.Data;

/// <summary>What loading a text corpus read, kept and cost.</summary>
/// <param name="CharsRead">Characters of text read in one pass.</param>
/// <param name="RawTokens">Tokens in the text, all words counted.</param>
/// <param name="DistinctWords">Distinct words in the text.</param>
/// <param name="Elapsed">Both passes together.</param>
/// <param name="PeakWorkingSetBytes">The process's peak resident memory after loading (the whole
/// process, so it includes whatever was loaded before).</param>
/// <param name="InvalidUtf8">Byte sequences that are not UTF-8 (read as U+FFFD).</param>
/// <param name="FirstInvalidUtf8Offset">The byte offset of the first of them (−1: none).</param>
public sealed record TextCorpusStatistics(long CharsRead, long RawTokens, int DistinctWords, TimeSpan Elapsed, long PeakWorkingSetBytes,
    long InvalidUtf8 = 0, long FirstInvalidUtf8Offset = -1);

/// <summary>
/// A plain-text corpus encoded as vocabulary ids, for training real vectors (word2vec.c style).
/// Accepts text8-style files (one huge line of space-separated words, no sentences) and
/// one-sentence-per-line files, plain or as the single entry of a .zip. Words are split on
/// whitespace; a line break ends a sentence.
/// </summary>
/// <remarks>
/// Loading streams the text twice in chunks (<see cref="WordReader"/>), never holding it whole:
/// pass 1 counts the words (<see cref="WordCounter"/>) and builds the vocabulary by frequency;
/// pass 2 encodes the text as one <c>int[]</c> of ids, dropping words outside the vocabulary
/// (under <c>minCount</c>, or past <c>maxVocab</c>) as word2vec.c does, and records where each
/// sentence ends. Memory is the id array (4 bytes a kept token), the counts of the distinct words
/// and the chunk buffers. Long sentences (text8 is one) are cut into pieces of at most
/// 1000 words by the batch sources, after subsampling, as
/// word2vec.c cuts at MAX_SENTENCE_LENGTH.
/// </remarks>
public sealed class TextCorpus
{
    /// <summary>An encoded corpus. <paramref name="sentenceEnds"/>: the exclusive end offset of each
    /// sentence in <paramref name="tokens"/>, strictly increasing, the last one = tokens.Length.</summary>
    public TextCorpus(Vocabulary vocabulary, int[] tokens, int[] sentenceEnds, TextCorpusStatistics? statistics = null)
    {
        ArgumentNullException.ThrowIfNull(vocabulary);
        ArgumentNullException.ThrowIfNull(tokens);
        ArgumentNullException.ThrowIfNull(sentenceEnds);
        foreach (var t in tokens)
            if ((uint)t >= (uint)vocabulary.Count)
                throw new ArgumentException($"token id {t} is outside the vocabulary (0..{vocabulary.Count - 1})", nameof(tokens));
        var previous = 0;
        foreach (var e in sentenceEnds)
        {
            if (e <= previous || e > tokens.Length)
                throw new ArgumentException($"sentence ends must increase strictly within 1..{tokens.Length}; got {e} after {previous}", nameof(sentenceEnds));
            previous = e;
        }
        if (previous != tokens.Length)
            throw new ArgumentException($"the last sentence ends at {previous}, not at the corpus end ({tokens.Length})", nameof(sentenceEnds));
        Vocabulary = vocabulary;
        Tokens = tokens;
        SentenceEnds = sentenceEnds;
        Statistics = statistics;
    }

    public Vocabulary Vocabulary { get; }

    /// <summary>The corpus as vocabulary ids, in order.</summary>
    public int[] Tokens { get; }

    /// <summary>Exclusive end offset of each sentence (line) in <see cref="Tokens"/>.</summary>
    public int[] SentenceEnds { get; }

    /// <summary>Tokens kept (= <see cref="Tokens"/>.Length).</summary>
    public long TokenCount => Tokens.Length;

    /// <summary>How the corpus was loaded (null when built in memory).</summary>
    public TextCorpusStatistics? Statistics { get; }

    /// <summary>
    /// Reads <paramref name="path"/> in two streamed passes: counts, builds the vocabulary by
    /// frequency (<paramref name="minCount"/>, <paramref name="maxVocab"/>, 0 = no limit), encodes.
    /// </summary>
    public static TextCorpus Load(string path, int minCount = 5, int maxVocab = 0, bool lowerCase = false,
        int bufferChars = WordReader.DefaultBufferChars)
    {
        var clock = Stopwatch.StartNew();
        var counter = CountWords(path, lowerCase, bufferChars, out var charsRead, out var utf8);
        var vocabulary = Vocabulary.ByFrequency(counter, minCount, maxVocab);
        if (vocabulary.Count == 0)
            throw new InvalidDataException($"{path}: no word occurs at least {minCount} times ({counter.Count} distinct words, {counter.TotalCount} tokens)");
        var rawTokens = counter.TotalCount;
        var distinct = counter.Count;
        counter = null!;   // let the counts of the dropped words go before pass 2 allocates the id array
        var corpus = Encode(path, vocabulary, lowerCase, bufferChars, clock, charsRead, rawTokens, distinct);
        return new TextCorpus(corpus.Vocabulary, corpus.Tokens, corpus.SentenceEnds,
            corpus.Statistics! with { InvalidUtf8 = utf8.InvalidSequences, FirstInvalidUtf8Offset = utf8.FirstInvalidOffset });
    }

    /// <summary>Pass 1: counts every word of <paramref name="path"/> in order of first appearance.</summary>
    public static WordCounter CountWords(string path, bool lowerCase = false, int bufferChars = WordReader.DefaultBufferChars)
        => CountWords(path, lowerCase, bufferChars, out _, out _);

    /// <summary>Pass 1, through a <see cref="CheckedTextStream"/>: a binary file stops here, invalid UTF-8 is counted.</summary>
    private static WordCounter CountWords(string path, bool lowerCase, int bufferChars, out long charsRead, out CheckedTextStream checkedText)
    {
        var counter = new WordCounter();
        checkedText = new CheckedTextStream(CorpusFile.Open(path), path);
        using (var reader = new WordReader(checkedText, bufferChars))
        {
            var lower = new LowerCaser(lowerCase);
            WordToken kind;
            while ((kind = reader.Read(out var word)) != WordToken.EndOfText)
                if (kind == WordToken.Word)
                    counter.Add(lower.Apply(word));
            charsRead = reader.CharsRead;
        }
        if (counter.TotalCount == 0)
            throw new InvalidDataException($"the corpus contains no words: {path}");
        return counter;
    }

    /// <summary>Pass 2 alone: encodes <paramref name="path"/> with a given vocabulary (words not in it dropped).</summary>
    public static TextCorpus Encode(string path, Vocabulary vocabulary, bool lowerCase = false, int bufferChars = WordReader.DefaultBufferChars)
        => Encode(path, vocabulary, lowerCase, bufferChars, Stopwatch.StartNew(), 0, 0, 0);

    private static TextCorpus Encode(string path, Vocabulary vocabulary, bool lowerCase, int bufferChars,
        Stopwatch clock, long charsRead, long rawTokens, int distinct)
    {
        ArgumentNullException.ThrowIfNull(vocabulary);
        // A vocabulary counted from this file says exactly how many tokens will be kept.
        var capacity = (int)Math.Min(Math.Max(vocabulary.TotalCount, 1024), Array.MaxLength);
        var tokens = new int[capacity];
        var n = 0;
        var sentenceEnds = new List<int>();
        long raw = 0;
        using (var reader = new WordReader(CorpusFile.Open(path), bufferChars))
        {
            var lower = new LowerCaser(lowerCase);
            WordToken kind;
            while ((kind = reader.Read(out var word)) != WordToken.EndOfText)
            {
                if (kind == WordToken.EndOfLine)
                {
                    if (n > (sentenceEnds.Count == 0 ? 0 : sentenceEnds[^1]))
                        sentenceEnds.Add(n);
                    continue;
                }
                raw++;
                if (!vocabulary.TryGetId(lower.Apply(word), out var id))
                    continue;
                if (n == tokens.Length)
                {
                    if (n == Array.MaxLength)
                        throw new InvalidDataException($"{path}: more than {Array.MaxLength} tokens; too large for one id array");
                    Array.Resize(ref tokens, (int)Math.Min(2L * n, Array.MaxLength));
                }
                tokens[n++] = id;
            }
            if (charsRead == 0)
                charsRead = reader.CharsRead;
        }
        if (raw == 0)
            throw new InvalidDataException($"the corpus contains no words: {path}");
        if (n == 0)
            throw new InvalidDataException($"{path}: none of its {raw} tokens is in the vocabulary ({vocabulary.Count} words)");
        if (n < tokens.Length)
            Array.Resize(ref tokens, n);
        var stats = new TextCorpusStatistics(charsRead, rawTokens > 0 ? rawTokens : raw, distinct, clock.Elapsed,
            Process.GetCurrentProcess().PeakWorkingSet64);
        return new TextCorpus(vocabulary, tokens, sentenceEnds.ToArray(), stats);
    }

    /// <summary>Lower-cases words into a reused buffer when asked to; passes them through otherwise.</summary>
    private struct LowerCaser(bool enabled)
    {
        private char[] _buffer = enabled ? new char[64] : Array.Empty<char>();

        public ReadOnlySpan<char> Apply(ReadOnlySpan<char> word)
        {
            if (!enabled)
                return word;
            if (_buffer.Length < word.Length)
                _buffer = new char[Math.Max(word.Length, 2 * _buffer.Length)];
            var n = word.ToLowerInvariant(_buffer);
            return new ReadOnlySpan<char>(_buffer, 0, n);
        }
    }
}
