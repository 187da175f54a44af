using System.Text;

namespace Word2Vec.Torch.Data;

/// <summary>
/// Words ↔ ids, with each word's count. Two ways to build one:
/// <list type="bullet">
/// <item><see cref="ByFirstAppearance"/> (the CS224N assignment's <c>tokens()</c>): ids in order of
/// first appearance, then a pseudo-word <c>"UNK"</c> of count 1 as the last row.</item>
/// <item><see cref="ByFrequency"/> (text corpora, as word2vec.c sorts its vocabulary): descending
/// count, ties broken by first appearance, words under <c>minCount</c> dropped, at most
/// <c>maxVocab</c> rows.</item>
/// </list>
/// <see cref="TotalCount"/> is always the sum of the rows' counts (so it includes UNK's 1 in
/// CS224N mode, and only the kept words in text mode, like word2vec.c's <c>train_words</c>).
/// </summary>
public sealed class Vocabulary
{
    /// <summary>The CS224N pseudo-word appended as the last row.</summary>
    public const string Unknown = "UNK";

    private readonly string[] _words;
    private readonly long[] _counts;
    private readonly Dictionary<string, int> _ids;
    private readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> _spanIds;

    /// <summary>A vocabulary with these rows, in this order (ids 0, 1, …).</summary>
    public Vocabulary(IReadOnlyList<string> words, IReadOnlyList<long> counts)
    {
        ArgumentNullException.ThrowIfNull(words);
        ArgumentNullException.ThrowIfNull(counts);
        if (words.Count != counts.Count)
            throw new ArgumentException($"{words.Count} words but {counts.Count} counts");
        _words = words.ToArray();
        _counts = counts.ToArray();
        _ids = new Dictionary<string, int>(_words.Length, StringComparer.Ordinal);
        for (var i = 0; i < _words.Length; i++)
        {
            var w = _words[i] ?? throw new ArgumentException($"word {i} is null");
            if (w.Length == 0)
                throw new ArgumentException($"word {i} is empty");
            if (_counts[i] < 0)
                throw new ArgumentException($"word '{w}' has a negative count ({_counts[i]})");
            if (!_ids.TryAdd(w, i))
                throw new ArgumentException($"word '{w}' appears twice (ids {_ids[w]} and {i})");
            TotalCount += _counts[i];
        }
        _spanIds = _ids.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    /// <summary>Number of rows (words, including UNK where there is one).</summary>
    public int Count => _words.Length;

    /// <summary>Sum of all counts.</summary>
    public long TotalCount { get; }

    /// <summary>The words, by id.</summary>
    public IReadOnlyList<string> Words => _words;

    /// <summary>The counts, by id.</summary>
    public IReadOnlyList<long> Counts => _counts;

    /// <summary>The word with this id.</summary>
    public string this[int id] => GetWord(id);

    public string GetWord(int id) =>
        (uint)id < (uint)_words.Length ? _words[id]
            : throw new ArgumentOutOfRangeException(nameof(id), id, $"the vocabulary has {_words.Length} words");

    public long GetCount(int id) =>
        (uint)id < (uint)_counts.Length ? _counts[id]
            : throw new ArgumentOutOfRangeException(nameof(id), id, $"the vocabulary has {_counts.Length} words");

    /// <summary>The id of <paramref name="word"/>; <see cref="KeyNotFoundException"/> naming it if absent.</summary>
    public int GetId(string word) =>
        TryGetId(word, out var id) ? id
            : throw new KeyNotFoundException($"unknown word '{word}' (not among the {_words.Length} words of the vocabulary)");

    public bool TryGetId(string word, out int id) => _ids.TryGetValue(word, out id);

    public bool TryGetId(ReadOnlySpan<char> word, out int id) => _spanIds.TryGetValue(word, out id);

    public bool Contains(string word) => _ids.ContainsKey(word);

    /// <summary>
    /// CS224N mode: the counted words in order of first appearance, then <see cref="Unknown"/> with
    /// count 1 (which also raises <see cref="TotalCount"/> by 1, as the assignment's <c>wordcount</c>).
    /// </summary>
    public static Vocabulary ByFirstAppearance(WordCounter counter, bool appendUnknown = true)
    {
        ArgumentNullException.ThrowIfNull(counter);
        var words = new List<string>(counter.Words);
        var counts = new List<long>(counter.Counts);
        if (appendUnknown)
        {
            if (counter.Words.Contains(Unknown))
                throw new InvalidDataException($"the corpus already contains the word '{Unknown}', which CS224N mode appends as a pseudo-word");
            words.Add(Unknown);
            counts.Add(1);
        }
        return new Vocabulary(words, counts);
    }

    /// <summary>
    /// Text mode: words with count ≥ <paramref name="minCount"/>, by descending count (ties by first
    /// appearance), cut to the <paramref name="maxVocab"/> most frequent (0 = no limit).
    /// </summary>
    public static Vocabulary ByFrequency(WordCounter counter, int minCount = 1, int maxVocab = 0)
    {
        ArgumentNullException.ThrowIfNull(counter);
        if (minCount < 1)
            throw new ArgumentOutOfRangeException(nameof(minCount), minCount, "must be at least 1");
        if (maxVocab < 0)
            throw new ArgumentOutOfRangeException(nameof(maxVocab), maxVocab, "must be 0 (no limit) or positive");
        var kept = new List<int>();
        for (var i = 0; i < counter.Count; i++)
            if (counter.Counts[i] >= minCount)
                kept.Add(i);
        // Stable order: count descending, then first-appearance index ascending.
        kept.Sort((a, b) => counter.Counts[a] != counter.Counts[b] ? counter.Counts[b].CompareTo(counter.Counts[a]) : a.CompareTo(b));
        if (maxVocab > 0 && kept.Count > maxVocab)
            kept.RemoveRange(maxVocab, kept.Count - maxVocab);
        return new Vocabulary(kept.Select(i => counter.Words[i]).ToList(), kept.Select(i => counter.Counts[i]).ToList());
    }

    /// <summary>Writes one <c>word&lt;TAB&gt;count</c> line per row, in id order (UTF-8, LF, no BOM), atomically.</summary>
    public void Save(string path) => AtomicFile.Write(path, s => Save(s, path));

    /// <summary><see cref="Save(string)"/> onto a stream (left open); <paramref name="name"/> names it in errors.</summary>
    public void Save(Stream stream, string name)
    {
        using var writer = new StreamWriter(stream, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), 1 << 16, leaveOpen: true);
        writer.NewLine = "\n";
        foreach (var (w, c) in _words.Zip(_counts))
        {
            if (w.AsSpan().IndexOfAny('\t', '\n', '\r') >= 0)
                throw new InvalidDataException($"word '{w}' contains a tab or line break and cannot be saved to {name}");
            writer.Write(w);
            writer.Write('\t');
            writer.WriteLine(c.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
    }

    /// <summary>Reads a file written by <see cref="Save(string)"/>; ids are line numbers (from 0).</summary>
    /// <exception cref="DataFormatException">A line that is not "word TAB count" (the message names its line), a repeated word, an empty file.</exception>
    public static Vocabulary Load(string path)
    {
        InputFile.Require(path, "vocabulary file");
        var words = new List<string>();
        var counts = new List<long>();
        var lineNo = 0;
        // No byte-order mark is taken off: a word may begin with U+FEFF (one in the middle of a text), and row 0 is a word.
        using var reader = new StreamReader(path, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), detectEncodingFromByteOrderMarks: false);
        while (reader.ReadLine() is { } line)
        {
            lineNo++;
            if (line.Length == 0)
                continue;   // tolerate empty lines (a trailing one, say)
            var tab = line.LastIndexOf('\t');
            if (tab <= 0 || !long.TryParse(line.AsSpan(tab + 1), System.Globalization.NumberStyles.None,
                    System.Globalization.CultureInfo.InvariantCulture, out var count))
                throw new DataFormatException(path, lineNo, $"expected 'word<TAB>count', got '{line}'");
            words.Add(line[..tab]);
            counts.Add(count);
        }
        if (words.Count == 0)
            throw new DataFormatException(path, 0, "the vocabulary file is empty");
        try
        {
            return new Vocabulary(words, counts);
        }
        catch (ArgumentException e)
        {
            throw new DataFormatException(path, 0, e.Message);
        }
    }
}
