using System.Diagnostics;

namespace Word2Vec.Torch.Data;

/// <summary>How a text corpus becomes ids.</summary>
public sealed record TextCorpusOptions
{
    /// <summary>Words seen fewer times are dropped.</summary>
    public int MinCount { get; init; } = 5;

    /// <summary>Keep at most this many words, the most frequent (0: no limit).</summary>
    public int MaxVocab { get; init; }

    /// <summary>Lower-case every word before counting.</summary>
    public bool LowerCase { get; init; }

    /// <summary>The most distinct words the count holds at once (0: no bound); see <see cref="WordCounter"/>.</summary>
    public int MaxVocabDuringCounting { get; init; }

    /// <summary>Where id files are kept and reused (<see cref="CorpusCache"/>); null: the ids stay in memory.</summary>
    public string? CacheDirectory { get; init; }

    /// <summary>The word reader's chunk, in characters.</summary>
    public int BufferChars { get; init; } = WordReader.DefaultBufferChars;
}

/// <summary>Where reading a corpus is: pass 1 counts, pass 2 encodes.</summary>
public readonly record struct CorpusReadProgress(int Pass, long BytesRead, long TotalBytes, TimeSpan Elapsed);

/// <summary>
/// Reads a text corpus into a <see cref="TextCorpus"/> in two streamed passes over its files
/// (<see cref="CorpusFiles"/>, <see cref="CorpusText"/>), never holding the text: pass 1 counts the
/// words (<see cref="WordCounter"/>, bounded when asked) and builds the vocabulary by frequency;
/// pass 2 writes the ids (<see cref="CorpusIdsWriter"/>), dropping words outside the vocabulary as
/// word2vec.c does. With a cache folder the id file, the vocabulary and what the passes counted are
/// kept there (<see cref="CorpusCache"/>), and a later load of the same files with the same settings
/// reads neither pass again.
/// </summary>
public static class TextCorpusLoader
{
    /// <summary>The most tokens an image in memory holds: it is one array, 4 bytes a token after the header.</summary>
    private const long InMemoryTokens = (long)(int.MaxValue - CorpusIds.HeaderBytes) / 4;

    /// <param name="path">A file, a folder or a glob (<see cref="CorpusFiles.Resolve"/>).</param>
    /// <param name="progress">Reports about twice a second while a pass reads.</param>
    /// <param name="log">What loading decided: a cache entry reused or written, the count's reductions.</param>
    /// <param name="cancel">Stops either pass within 2^16 words (<see cref="OperationCanceledException"/>); the cache keeps no partial file.</param>
    public static TextCorpus Load(string path, TextCorpusOptions options, IProgress<CorpusReadProgress>? progress = null, Action<string>? log = null,
        CancellationToken cancel = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.MinCount < 1) throw new ArgumentOutOfRangeException(nameof(options), options.MinCount, "MinCount must be at least 1");
        var files = CorpusFiles.Resolve(path);
        var clock = Stopwatch.StartNew();
        var cache = options.CacheDirectory is null ? null : new CorpusCache(options.CacheDirectory);
        cache?.RemoveLeftovers(log);
        var entry = cache?.EntryFor(files, options);
        if (entry is not null && cache!.TryOpen(entry, log) is { } cached)
            return cached;
        if (entry is not null)
        {
            // A cache this process may read but not write (a shared, read-only one) still serves its entries; a new
            // entry is then kept in memory for this run.
            try
            {
                FolderLock.CheckFolder(cache!.Directory, "corpus.cacheDir");
            }
            catch (IOException e)
            {
                log?.Invoke($"{e.Message} The corpus ids are kept in memory for this run.");
                entry = null;
            }
        }

        var (counter, text) = Count(files, options, progress, clock, cancel);
        LogReductions(counter, options, log);
        var vocabulary = Vocabulary.ByFrequency(counter, options.MinCount, options.MaxVocab);
        if (vocabulary.Count == 0)
            throw new InvalidDataException($"{path}: no word occurs at least {options.MinCount} times ({counter.Count} distinct words, {counter.TotalCount} tokens)");
        var statistics = new TextCorpusStatistics(text.Chars, counter.TotalCount, counter.Count, TimeSpan.Zero, 0,
            text.InvalidUtf8, text.FirstInvalid?.Offset ?? -1, files.Count, text.FirstInvalid?.File, counter.Reductions.ToArray());
        // The counts of every distinct word are garbage now (hundreds of MB for a big corpus): give
        // their memory back before pass 2 and training allocate, instead of at the GC's leisure.
        counter = null!;
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);

        if (entry is not null)
        {
            try
            {
                AtomicFile.Write(entry.IdFile, stream => Encode(files, vocabulary, options, stream, inMemory: false, progress, clock, cancel));
                var stored = Finish(statistics, clock);
                cache!.Store(entry, files, vocabulary, stored);
                log?.Invoke($"wrote the corpus ids to the cache: {entry.IdFile}");
                return TextCorpus.FromIdFile(vocabulary, entry.IdFile, stored);
            }
            catch (FileWriteException e)   // a full cache disk, say: the cache saves a later run's reading, this run needs none
            {
                CorpusCache.Remove(entry);
                if (statistics.RawTokens > InMemoryTokens)
                    throw new IOException($"{e.Message}; the corpus's {statistics.RawTokens:N0} tokens may be too many to keep in memory " +
                                          $"instead (at most {InMemoryTokens:N0}): make room in the cache folder {cache!.Directory} or name another corpus.cacheDir", e);
                log?.Invoke($"the corpus cache {cache!.Directory} could not keep this corpus ({e.Message}); its ids are kept in memory for this run, " +
                            "and the next run reads the text again.");
            }
        }
        var image = new MemoryStream();
        Encode(files, vocabulary, options, image, inMemory: true, progress, clock, cancel);
        return TextCorpus.FromImage(vocabulary, new ArraySegment<byte>(image.GetBuffer(), 0, (int)image.Length), Finish(statistics, clock));
    }

    /// <summary>
    /// A corpus of sentences given in memory, as gensim takes a list of token lists: each sentence's words as they are
    /// (lower-cased when asked), counted in pass 1, encoded in pass 2, the words outside the vocabulary dropped as from a
    /// file. The sentences are enumerated once a pass, so they must come out the same both times (a list does); the ids
    /// stay in memory (<see cref="TextCorpusOptions.CacheDirectory"/> is not used).
    /// </summary>
    /// <param name="log">The count's reductions (<see cref="TextCorpusOptions.MaxVocabDuringCounting"/>).</param>
    /// <exception cref="ArgumentException">A null sentence, or a word that is null, empty or holds whitespace (the word2vec
    /// formats could not hold it), named with its sentence and place; sentences that gave another number of words the
    /// second time they were enumerated.</exception>
    /// <exception cref="InvalidDataException">No word at all, or none that occurs <see cref="TextCorpusOptions.MinCount"/> times.</exception>
    public static TextCorpus FromSentences(IEnumerable<IEnumerable<string>> sentences, TextCorpusOptions options, CancellationToken cancel = default,
        Action<string>? log = null)
    {
        ArgumentNullException.ThrowIfNull(sentences);
        ArgumentNullException.ThrowIfNull(options);
        if (options.MinCount < 1) throw new ArgumentOutOfRangeException(nameof(options), options.MinCount, "MinCount must be at least 1");
        var clock = Stopwatch.StartNew();
        var counter = new WordCounter(options.MaxVocabDuringCounting);
        long chars = 0;
        foreach (var word in Words(sentences, options.LowerCase, cancel))
        {
            if (word is null) continue;
            counter.Add(word);
            chars += word.Length;
        }
        if (counter.TotalCount == 0)
            throw new InvalidDataException("the sentences contain no words");
        LogReductions(counter, options, log);
        var vocabulary = Vocabulary.ByFrequency(counter, options.MinCount, options.MaxVocab);
        if (vocabulary.Count == 0)
            throw new InvalidDataException($"the sentences: no word occurs at least {options.MinCount} times ({counter.Count} distinct words, {counter.TotalCount} tokens)");

        var image = new MemoryStream();
        var writer = new CorpusIdsWriter(image, vocabulary);
        long raw = 0;
        foreach (var word in Words(sentences, options.LowerCase, cancel))
        {
            if (word is null)
            {
                writer.EndSentence();
                continue;
            }
            raw++;
            if (!vocabulary.TryGetId(word, out var id)) continue;
            if (writer.Tokens == InMemoryTokens)
                throw new InvalidDataException($"the sentences: more than {InMemoryTokens:N0} tokens are too many to keep in memory; write them to a file and train on it");
            writer.Add(id);
        }
        if (raw != counter.TotalCount)
            throw new ArgumentException($"the sentences gave {counter.TotalCount:N0} words when counted and {raw:N0} when encoded: " +
                                        "they must come out the same each time they are enumerated (a list does)", nameof(sentences));
        writer.Complete();
        var statistics = new TextCorpusStatistics(chars, counter.TotalCount, counter.Count, TimeSpan.Zero, 0, Files: 0, Reductions: counter.Reductions.ToArray());
        return TextCorpus.FromImage(vocabulary, new ArraySegment<byte>(image.GetBuffer(), 0, (int)image.Length), Finish(statistics, clock));
    }

    private static void LogReductions(WordCounter counter, TextCorpusOptions options, Action<string>? log)
    {
        foreach (var r in counter.Reductions)
            log?.Invoke($"counting: {r.WordsBefore:N0} distinct words after {r.AfterTokens:N0} tokens, more than corpus.maxVocabDuringCounting = {options.MaxVocabDuringCounting:N0}; " +
                        $"dropped the words seen at most {r.Floor:N0} time(s) so far, {r.WordsAfter:N0} kept");
    }

    /// <summary>The sentences' words in order, each sentence followed by a null; every 2^16 words a look at <paramref name="cancel"/>.</summary>
    private static IEnumerable<string?> Words(IEnumerable<IEnumerable<string>> sentences, bool lowerCase, CancellationToken cancel)
    {
        long index = 0, words = 0;
        foreach (var sentence in sentences)
        {
            if (sentence is null) throw new ArgumentException($"sentence {index} is null", nameof(sentences));
            var place = 0;
            foreach (var word in sentence)
            {
                if (string.IsNullOrEmpty(word) || word.Any(PythonWhitespace.IsWhiteSpace))
                    throw new ArgumentException($"sentence {index}, word {place}: {(word is null ? "null" : $"'{word}'")} is not a word " +
                                                "(a word is not empty and holds no whitespace)", nameof(sentences));
                if ((++words & 0xFFFF) == 0) cancel.ThrowIfCancellationRequested();
                yield return lowerCase ? word.ToLowerInvariant() : word;
                place++;
            }
            yield return null;
            index++;
        }
        cancel.ThrowIfCancellationRequested();
    }

    private static TextCorpusStatistics Finish(TextCorpusStatistics s, Stopwatch clock) =>
        s with { Elapsed = clock.Elapsed, PeakWorkingSetBytes = Process.GetCurrentProcess().PeakWorkingSet64 };

    /// <summary>Pass 1 alone: every word of <paramref name="path"/>'s files counted, in order of first appearance.</summary>
    public static WordCounter CountWords(string path, bool lowerCase = false, int bufferChars = WordReader.DefaultBufferChars, int maxWords = 0) =>
        Count(CorpusFiles.Resolve(path), new TextCorpusOptions { LowerCase = lowerCase, BufferChars = bufferChars, MaxVocabDuringCounting = maxWords },
            null, Stopwatch.StartNew(), CancellationToken.None).Counter;

    private sealed record TextRead(long Chars, long InvalidUtf8, (string File, long Offset)? FirstInvalid);

    private static (WordCounter Counter, TextRead Text) Count(IReadOnlyList<string> files, TextCorpusOptions options,
        IProgress<CorpusReadProgress>? progress, Stopwatch clock, CancellationToken cancel)
    {
        var counter = new WordCounter(options.MaxVocabDuringCounting);
        var text = new CorpusText(files);
        long chars;
        using (var reader = new WordReader(text, options.BufferChars))
        {
            var lower = new LowerCaser(options.LowerCase);
            var ticker = new PassTicker(progress, 1, text, clock, cancel);
            WordToken kind;
            while ((kind = reader.Read(out var word)) != WordToken.EndOfText)
                if (kind == WordToken.Word)
                {
                    counter.Add(lower.Apply(word));
                    ticker.Tick();
                }
            chars = reader.CharsRead;
            ticker.Done();
        }
        if (counter.TotalCount == 0)
            throw new InvalidDataException($"the corpus contains no words: {string.Join(", ", files.Take(3))}{(files.Count > 3 ? ", …" : "")}");
        return (counter, new TextRead(chars, text.InvalidUtf8, text.FirstInvalidUtf8));
    }

    /// <summary>Pass 2: the ids of the words in the vocabulary, a line break ending a sentence.</summary>
    private static void Encode(IReadOnlyList<string> files, Vocabulary vocabulary, TextCorpusOptions options, Stream output, bool inMemory,
        IProgress<CorpusReadProgress>? progress, Stopwatch clock, CancellationToken cancel)
    {
        var writer = new CorpusIdsWriter(output, vocabulary);
        long raw = 0;
        var text = new CorpusText(files);
        using (var reader = new WordReader(text, options.BufferChars))
        {
            var lower = new LowerCaser(options.LowerCase);
            var ticker = new PassTicker(progress, 2, text, clock, cancel);
            WordToken kind;
            while ((kind = reader.Read(out var word)) != WordToken.EndOfText)
            {
                if (kind == WordToken.EndOfLine)
                {
                    writer.EndSentence();
                    continue;
                }
                raw++;
                ticker.Tick();
                if (!vocabulary.TryGetId(lower.Apply(word), out var id))
                    continue;
                if (inMemory && writer.Tokens == InMemoryTokens)
                    throw new InvalidDataException(
                        $"{files[0]}: more than {InMemoryTokens:N0} tokens are too many to keep in memory; give a cache folder (corpus.cacheDir) to keep the ids on disk");
                writer.Add(id);
            }
            ticker.Done();
        }
        if (raw == 0)
            throw new InvalidDataException($"the corpus contains no words: {files[0]}");
        if (writer.Tokens == 0)
            throw new InvalidDataException($"{files[0]}: none of its {raw} tokens is in the vocabulary ({vocabulary.Count} words)");
        writer.Complete();
    }

    /// <summary>Every 2^16 words of a pass: stops it if cancelled, and reports its progress at most twice a second.</summary>
    private sealed class PassTicker(IProgress<CorpusReadProgress>? progress, int pass, CorpusText text, Stopwatch clock, CancellationToken cancel)
    {
        private int _words;
        private TimeSpan _last;   // the first report comes half a second in

        public void Tick()
        {
            if ((++_words & 0xFFFF) != 0) return;
            if (cancel.IsCancellationRequested)
                throw new OperationCanceledException(
                    $"reading the corpus was stopped in pass {pass} ({(pass == 1 ? "counting words" : "encoding ids")}) after {text.FileBytesRead:N0} of {text.TotalBytes:N0} bytes; nothing was kept of it.",
                    cancel);
            if (progress is null) return;
            var now = clock.Elapsed;
            if (now - _last < TimeSpan.FromMilliseconds(500)) return;
            _last = now;
            progress.Report(new CorpusReadProgress(pass, text.FileBytesRead, text.TotalBytes, now));
        }

        public void Done() => progress?.Report(new CorpusReadProgress(pass, text.TotalBytes, text.TotalBytes, clock.Elapsed));
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
