namespace Word2Vec.Torch.Data;

/// <summary>What loading a text corpus read, kept and cost.</summary>
/// <param name="CharsRead">Characters of text read in one pass.</param>
/// <param name="RawTokens">Tokens in the text, all words counted.</param>
/// <param name="DistinctWords">Distinct words counted (with a bounded count: those still in the table at the end).</param>
/// <param name="Elapsed">Both passes together (or opening the cached id file).</param>
/// <param name="PeakWorkingSetBytes">The process's peak resident memory after loading (the whole
/// process, so it includes whatever was loaded before).</param>
/// <param name="InvalidUtf8">Byte sequences that are not UTF-8 (read as U+FFFD).</param>
/// <param name="FirstInvalidUtf8Offset">The byte offset of the first of them in its file's text (−1: none).</param>
/// <param name="Files">The files read.</param>
/// <param name="FirstInvalidUtf8File">The file of the first invalid sequence (null: none).</param>
/// <param name="Reductions">The bounded count's reductions (corpus.maxVocabDuringCounting).</param>
/// <param name="CachedIdFile">The id file of the cache that was reused (null: the text was read now).</param>
public sealed record TextCorpusStatistics(long CharsRead, long RawTokens, int DistinctWords, TimeSpan Elapsed, long PeakWorkingSetBytes,
    long InvalidUtf8 = 0, long FirstInvalidUtf8Offset = -1, int Files = 1, string? FirstInvalidUtf8File = null,
    IReadOnlyList<CountReduction>? Reductions = null, string? CachedIdFile = null);

/// <summary>
/// A plain-text corpus encoded as vocabulary ids (word2vec.c style), for training real vectors:
/// the vocabulary, and the ids in an id file (<see cref="CorpusIds"/>) on disk, or its image in
/// memory for a corpus built in memory or loaded without a cache folder. Training reads it
/// through <see cref="OpenReader"/>, a chunk at a time, so resident memory does not grow with the
/// corpus, and no count is limited by an array's length.
/// </summary>
/// <remarks>
/// <see cref="TextCorpusLoader"/> reads text8-style files (one huge line of space-separated words,
/// no sentences) and one-sentence-per-line files, plain, .gz or a one-file .zip, one file, a folder
/// or a glob; a line break ends a sentence. Long sentences (text8 is one) are cut into pieces of at
/// most 1000 words by the batch sources, after subsampling, as word2vec.c cuts at MAX_SENTENCE_LENGTH.
/// </remarks>
public sealed class TextCorpus
{
    private readonly string? _idFile;
    private readonly ArraySegment<byte> _image;

    private TextCorpus(Vocabulary vocabulary, CorpusIds.Header header, string? idFile, ArraySegment<byte> image, TextCorpusStatistics? statistics)
    {
        Vocabulary = vocabulary;
        TokenCount = header.Tokens;
        SentenceCount = header.Sentences;
        _idFile = idFile;
        _image = image;
        Statistics = statistics;
    }

    /// <summary>An encoded corpus built in memory. <paramref name="sentenceEnds"/>: the exclusive end
    /// offset of each sentence in <paramref name="tokens"/>, strictly increasing, the last one = tokens.Length.</summary>
    public TextCorpus(Vocabulary vocabulary, int[] tokens, int[] sentenceEnds, TextCorpusStatistics? statistics = null)
    {
        ArgumentNullException.ThrowIfNull(vocabulary);
        ArgumentNullException.ThrowIfNull(tokens);
        ArgumentNullException.ThrowIfNull(sentenceEnds);
        var previous = 0;
        foreach (var e in sentenceEnds)
        {
            if (e <= previous || e > tokens.Length)
                throw new ArgumentException($"sentence ends must increase strictly within 1..{tokens.Length}; got {e} after {previous}", nameof(sentenceEnds));
            previous = e;
        }
        if (previous != tokens.Length || tokens.Length == 0)
            throw new ArgumentException($"the last sentence ends at {previous}, not at the corpus end ({tokens.Length})", nameof(sentenceEnds));
        using var image = new MemoryStream((int)Math.Min(CorpusIds.HeaderBytes + 4L * tokens.Length, Array.MaxLength));
        var writer = new CorpusIdsWriter(image, vocabulary);
        var s = 0;
        for (var i = 0; i < tokens.Length; i++)
        {
            try { writer.Add(tokens[i]); }
            catch (ArgumentOutOfRangeException) { throw new ArgumentException($"token id {tokens[i]} is outside the vocabulary (0..{vocabulary.Count - 1})", nameof(tokens)); }
            if (i + 1 == sentenceEnds[s])
            {
                writer.EndSentence();
                s++;
            }
        }
        var header = writer.Complete();
        Vocabulary = vocabulary;
        TokenCount = header.Tokens;
        SentenceCount = header.Sentences;
        _image = new ArraySegment<byte>(image.GetBuffer(), 0, (int)image.Length);
        Statistics = statistics;
    }

    /// <summary>A corpus whose ids are in <paramref name="idFile"/> (checked against the vocabulary now).</summary>
    public static TextCorpus FromIdFile(Vocabulary vocabulary, string idFile, TextCorpusStatistics? statistics = null)
    {
        ArgumentNullException.ThrowIfNull(vocabulary);
        using var reader = new CorpusIdsReader(File.OpenRead(idFile), vocabulary, idFile);
        return new TextCorpus(vocabulary, reader.Header, idFile, default, statistics);
    }

    /// <summary>A corpus whose id file's image is <paramref name="image"/> (written by <see cref="CorpusIdsWriter"/>).</summary>
    internal static TextCorpus FromImage(Vocabulary vocabulary, ArraySegment<byte> image, TextCorpusStatistics? statistics)
    {
        using var reader = new CorpusIdsReader(ImageStream(image), vocabulary, "the corpus in memory");
        return new TextCorpus(vocabulary, reader.Header, null, image, statistics);
    }

    public Vocabulary Vocabulary { get; }

    /// <summary>Tokens kept, N.</summary>
    public long TokenCount { get; }

    /// <summary>Sentences (lines with a kept word).</summary>
    public long SentenceCount { get; }

    /// <summary>The id file (null: the ids are in memory).</summary>
    public string? IdFile => _idFile;

    /// <summary>How the corpus was loaded (null when built in memory).</summary>
    public TextCorpusStatistics? Statistics { get; }

    /// <summary>A reader of the ids from the start; the caller disposes it.</summary>
    public CorpusIdsReader OpenReader(int chunkEntries = CorpusIdsReader.ChunkEntries) => _idFile is not null
        ? new CorpusIdsReader(new FileStream(_idFile, FileMode.Open, FileAccess.Read, FileShare.Read, 4096), Vocabulary, _idFile, chunkEntries)
        : new CorpusIdsReader(ImageStream(_image), Vocabulary, "the corpus in memory", chunkEntries);

    private static MemoryStream ImageStream(ArraySegment<byte> image) => new(image.Array!, image.Offset, image.Count, writable: false);

    /// <summary>The whole corpus as arrays: the ids in order and each sentence's exclusive end. Memory
    /// grows with the corpus: for small corpora, tests, and the device engine's upload.</summary>
    public (int[] Tokens, int[] SentenceEnds) ToArrays()
    {
        if (TokenCount > Array.MaxLength)
            throw new InvalidOperationException($"the corpus has {TokenCount:N0} tokens, more than one array holds ({Array.MaxLength:N0})");
        var tokens = new int[TokenCount];
        var ends = new int[SentenceCount];
        using var reader = OpenReader();
        int n = 0, s = 0;
        while (reader.Next(out var entry))
        {
            tokens[n++] = CorpusIds.Id(entry);
            if (CorpusIds.EndsSentence(entry)) ends[s++] = n;
        }
        return (tokens, ends);
    }

    /// <summary>Loads <paramref name="path"/> (a file, folder or glob) in memory, without a cache:
    /// <see cref="TextCorpusLoader.Load"/> with these options.</summary>
    public static TextCorpus Load(string path, int minCount = 5, int maxVocab = 0, bool lowerCase = false,
        int bufferChars = WordReader.DefaultBufferChars) =>
        TextCorpusLoader.Load(path, new TextCorpusOptions { MinCount = minCount, MaxVocab = maxVocab, LowerCase = lowerCase, BufferChars = bufferChars });
}
