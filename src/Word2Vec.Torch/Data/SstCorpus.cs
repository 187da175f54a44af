using System.Text;

namespace Word2Vec.Torch.Data;

/// <summary>
/// The Stanford Sentiment Treebank sentences, read exactly as the CS224N assignment's
/// <c>StanfordSentiment</c> class (<c>utils/treebank.py</c>) reads them: the sentences as word ids
/// and the vocabulary. Its sampling (reject probabilities, the subsampled list, negatives, random
/// contexts) lives in the Sampling layer (<c>Cs224nSampler</c>).
/// </summary>
/// <remarks>
/// Reading: skip the header; for each other line <c>line.strip().split()[1:]</c>, lower-cased.
/// The assignment's numbers (11,855 sentences, 227,245 tokens, 19,539 vocabulary rows with UNK)
/// come out only for this reading: the file decoded as UTF-8 (Python 3's default here) and split
/// on <em>Python's</em> whitespace. Splitting on ASCII space/tab only gives 227,242 tokens,
/// because three mojibake tokens hold a U+00A0 no-break space ("2Â\u00A01\/2",
/// "voilÃ\u00A0"…) that <c>str.split()</c> treats as whitespace. Repairing the mojibake first
/// (Latin-1 → UTF-8, as the Python 2 loader did) gives 227,245 tokens but 19,537 rows. So the file
/// is read as-is, split with <see cref="PythonWhitespace"/>, and lower-cased with
/// <see cref="string.ToLowerInvariant"/> (same result as <c>str.lower()</c> on this file). Lines
/// are split like Python's universal newlines (LF, CR, CRLF), which <see cref="StreamReader.ReadLine"/> does.
/// </remarks>
public sealed class SstCorpus
{
    /// <summary>The sentence file's name in the release.</summary>
    public const string SentencesFileName = "datasetSentences.txt";

    /// <summary>The release's folder name (in Stanford's zip).</summary>
    public const string ReleaseFolderName = "stanfordSentimentTreebank";

    private readonly int[][] _sentences;

    private SstCorpus(string path, int[][] sentences, Vocabulary vocabulary, long tokenCount)
    {
        SourcePath = path;
        _sentences = sentences;
        Vocabulary = vocabulary;
        TokenCount = tokenCount;
    }

    /// <summary>The file the sentences were read from.</summary>
    public string SourcePath { get; }

    /// <summary>Words in order of first appearance, then UNK (count 1).</summary>
    public Vocabulary Vocabulary { get; }

    /// <summary>The sentences as word ids (11,855 for SST).</summary>
    public IReadOnlyList<int[]> Sentences => _sentences;

    /// <summary>Tokens in all sentences (227,245 for SST; the vocabulary's total is one more, for UNK).</summary>
    public long TokenCount { get; }

    /// <summary>
    /// Reads SST from <paramref name="path"/>: the file <c>datasetSentences.txt</c> itself, a folder
    /// that holds it, or a folder holding the release folder <c>stanfordSentimentTreebank/</c>.
    /// </summary>
    public static SstCorpus Load(string path)
    {
        var file = FindSentencesFile(path);
        var counter = new WordCounter();
        var sentences = new List<int[]>();
        long tokens = 0;
        using var reader = new StringReader(StrictUtf8.ReadAllText(file));
        var header = reader.ReadLine() ?? throw new InvalidDataException($"the SST sentence file is empty: {file}");
        if (!IsHeader(header))
            throw new DataFormatException(file, 1,
                $"expected the header 'sentence_index<TAB>sentence' of {SentencesFileName}, got '{Shorten(header)}' (is this the SST release?)");
        var lineNumber = 1;
        while (reader.ReadLine() is { } line)
        {
            lineNumber++;
            if (!IsSentenceLine(line))
                throw new DataFormatException(file, lineNumber,
                    $"expected '<sentence index><TAB><sentence>' as in {SentencesFileName}, got '{Shorten(line)}'");
            var fields = PythonWhitespace.Split(line);
            var ids = new int[Math.Max(0, fields.Count - 1)];
            for (var i = 1; i < fields.Count; i++)
                ids[i - 1] = counter.Add(fields[i].ToLowerInvariant());
            tokens += ids.Length;
            sentences.Add(ids);
        }
        if (sentences.Count == 0)
            throw new InvalidDataException($"the SST sentence file has a header but no sentences: {file}");
        // WordCounter numbers words by first appearance, which is exactly the vocabulary's order.
        return new SstCorpus(file, sentences.ToArray(), Vocabulary.ByFirstAppearance(counter), tokens);
    }

    /// <summary>The release's header line, "sentence_index&lt;TAB&gt;sentence".</summary>
    private static bool IsHeader(string line) => line.Trim().Equals("sentence_index\tsentence", StringComparison.OrdinalIgnoreCase);

    /// <summary>A sentence line: a decimal index, a tab, then the sentence.</summary>
    private static bool IsSentenceLine(string line)
    {
        var tab = line.IndexOf('\t');
        return tab > 0 && line.AsSpan(0, tab).IndexOfAnyExceptInRange('0', '9') < 0;
    }

    private static string Shorten(string s) => s.Length <= 60 ? s : s[..57] + "...";

    /// <summary>Resolves the three accepted forms of the SST location to the sentence file.</summary>
    public static string FindSentencesFile(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (File.Exists(path))
            return path;
        if (Directory.Exists(path))
        {
            var direct = Path.Combine(path, SentencesFileName);
            if (File.Exists(direct))
                return direct;
            var release = Path.Combine(path, ReleaseFolderName, SentencesFileName);
            if (File.Exists(release))
                return release;
            throw new FileNotFoundException(
                $"no SST sentence file in {path}: looked for {direct} and {release}", direct);
        }
        throw new FileNotFoundException($"SST not found: {path} is neither a file nor a folder", path);
    }
}
