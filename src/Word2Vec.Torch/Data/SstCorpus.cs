using System.Text;

namespace Word2Vec.Torch.Data;

/// <summary>
/// The Stanford Sentiment Treebank sentences, read and sampled exactly as the CS224N assignment's
/// <c>StanfordSentiment</c> class (<c>utils/treebank.py</c>) does: the vocabulary, the reject
/// probabilities, the 30× subsampled sentence list, the 10^6-slot negative table, random
/// contexts and negative samples.
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
/// The subsampled list is cached in the corpus, so a corpus is not safe to share between threads.
/// </remarks>
public sealed class SstCorpus
{
    /// <summary>The sentence file's name in the release.</summary>
    public const string SentencesFileName = "datasetSentences.txt";

    /// <summary>The release's folder name (in Stanford's zip).</summary>
    public const string ReleaseFolderName = "stanfordSentimentTreebank";

    private readonly int[][] _sentences;
    private readonly double[] _rejectProbability;
    private Cs224nNegativeTable? _negativeTable;
    private Subsampled? _subsampled;

    private sealed record Subsampled(ulong[] StartState, ulong[] EndState, int[][] Sentences, long TokenCount);

    private SstCorpus(string path, int[][] sentences, Vocabulary vocabulary, long tokenCount)
    {
        SourcePath = path;
        _sentences = sentences;
        Vocabulary = vocabulary;
        TokenCount = tokenCount;
        _rejectProbability = Cs224nSubsampling.RejectProbabilities(vocabulary);
    }

    /// <summary>The file the sentences were read from.</summary>
    public string SourcePath { get; }

    /// <summary>Words in order of first appearance, then UNK (count 1).</summary>
    public Vocabulary Vocabulary { get; }

    /// <summary>The sentences as word ids (11,855 for SST).</summary>
    public IReadOnlyList<int[]> Sentences => _sentences;

    /// <summary>Tokens in all sentences (227,245 for SST; the vocabulary's total is one more, for UNK).</summary>
    public long TokenCount { get; }

    /// <summary>rejectProb[id] = max(0, 1 − sqrt(1e-5 · wordcount / count[id])).</summary>
    public IReadOnlyList<double> RejectProbabilities => _rejectProbability;

    /// <summary>The reject probability of <paramref name="word"/> (KeyNotFoundException if unknown).</summary>
    public double RejectProbability(string word) => _rejectProbability[Vocabulary.GetId(word)];

    /// <summary>The negative-sampling table (built on first use, like the assignment's).</summary>
    public Cs224nNegativeTable NegativeTable => _negativeTable ??= new Cs224nNegativeTable(Vocabulary.Counts);

    /// <summary>Whether <see cref="Subsample"/> has run.</summary>
    public bool IsSubsampled => _subsampled is not null;

    /// <summary>The 30× subsampled sentence list (<see cref="Subsample"/> must have run).</summary>
    public IReadOnlyList<int[]> SubsampledSentences => (_subsampled ?? throw NotSubsampled()).Sentences;

    /// <summary>Tokens in <see cref="SubsampledSentences"/>.</summary>
    public long SubsampledTokenCount => (_subsampled ?? throw NotSubsampled()).TokenCount;

    /// <summary>The RNG state the current subsampled list was drawn from.</summary>
    public ulong[] SubsampleStartState => (ulong[])(_subsampled ?? throw NotSubsampled()).StartState.Clone();

    private static InvalidOperationException NotSubsampled() =>
        new("the subsampled sentence list is not built yet: call Subsample(rng) or GetRandomContext first");

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
        using (var reader = new StreamReader(file, new UTF8Encoding(false, throwOnInvalidBytes: true), detectEncodingFromByteOrderMarks: true))
        {
            if (reader.ReadLine() is null)
                throw new InvalidDataException($"the SST sentence file is empty: {file}");
            while (reader.ReadLine() is { } line)
            {
                var fields = PythonWhitespace.Split(line);
                var ids = new int[System.Math.Max(0, fields.Count - 1)];
                for (var i = 1; i < fields.Count; i++)
                    ids[i - 1] = counter.Add(fields[i].ToLowerInvariant());
                tokens += ids.Length;
                sentences.Add(ids);
            }
        }
        if (sentences.Count == 0)
            throw new InvalidDataException($"the SST sentence file has a header but no sentences: {file}");
        // WordCounter numbers words by first appearance, which is exactly the vocabulary's order.
        return new SstCorpus(file, sentences.ToArray(), Vocabulary.ByFirstAppearance(counter), tokens);
    }

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

    /// <summary>
    /// Builds the subsampled list (30 copies, tokens kept with probability 1 − rejectProb, sentences
    /// of ≤ 1 token dropped) with draws from <paramref name="rng"/>. It is built once: a later call
    /// with an RNG in the same state does not draw again but moves that RNG to where the first
    /// build left its own, so the stream after this call depends only on the RNG's state before
    /// it. A call with an RNG in another state builds a new list.
    /// </summary>
    public void Subsample(RandomSource rng)
    {
        ArgumentNullException.ThrowIfNull(rng);
        var start = rng.GetState();
        if (_subsampled is { } done && done.StartState.AsSpan().SequenceEqual(start))
        {
            rng.SetState(done.EndState);
            return;
        }
        var sentences = Cs224nSubsampling.Subsample(_sentences, _rejectProbability, rng);
        long tokens = 0;
        foreach (var s in sentences) tokens += s.Length;
        _subsampled = new Subsampled(start, rng.GetState(), sentences, tokens);
    }

    /// <summary>Rebuilds the subsampled list from a saved start state unless it is the current one.</summary>
    internal void EnsureSubsampledFrom(ulong[] startState)
    {
        if (_subsampled is { } done && done.StartState.AsSpan().SequenceEqual(startState))
            return;
        Subsample(RandomSource.FromState(startState));
    }

    /// <summary>
    /// <c>getRandomContext(C)</c>: a uniform sentence of the subsampled list, a uniform position in
    /// it, up to <paramref name="windowSize"/> tokens on each side without crossing the sentence,
    /// minus every token equal to the centre word; retried from the start if nothing is left.
    /// Builds the subsampled list first if needed (from <paramref name="rng"/>, as the assignment
    /// builds it lazily on the first context draw).
    /// </summary>
    public ContextWindow GetRandomContext(int windowSize, RandomSource rng)
    {
        Span<int> buffer = windowSize <= 256 ? stackalloc int[2 * windowSize] : new int[2 * windowSize];
        var n = GetRandomContext(windowSize, rng, buffer, out var centre);
        return new ContextWindow(centre, buffer[..n].ToArray());
    }

    /// <summary>
    /// <see cref="GetRandomContext(int, RandomSource)"/> without allocation: writes the outside words
    /// into <paramref name="outside"/> (length ≥ 2 · windowSize) and returns how many there are.
    /// </summary>
    public int GetRandomContext(int windowSize, RandomSource rng, Span<int> outside, out int centre) =>
        GetRandomContext(windowSize, rng, outside, out centre, out _, out _);

    /// <summary>Also says where the window is: its sentence in <see cref="SubsampledSentences"/>
    /// and the centre's position there.</summary>
    internal int GetRandomContext(int windowSize, RandomSource rng, Span<int> outside, out int centre,
        out int sentenceIndex, out int position)
    {
        if (windowSize < 1)
            throw new ArgumentOutOfRangeException(nameof(windowSize), windowSize, "must be at least 1");
        if (outside.Length < 2 * windowSize)
            throw new ArgumentException($"the buffer holds {outside.Length} words, a window up to {2 * windowSize}", nameof(outside));
        if (_subsampled is null)
            Subsample(rng);
        var all = _subsampled!.Sentences;
        if (all.Length == 0)
            throw new InvalidOperationException($"no sentence of {SourcePath} has two tokens left after subsampling");
        while (true)   // the assignment recurses; a loop draws the same numbers
        {
            sentenceIndex = rng.NextInt(all.Length);
            var sentence = all[sentenceIndex];
            position = rng.NextInt(sentence.Length);
            centre = sentence[position];
            var n = 0;
            var from = System.Math.Max(0, position - windowSize);
            var to = System.Math.Min(sentence.Length - 1, position + windowSize);
            for (var i = from; i <= to; i++)
                if (i != position && sentence[i] != centre)
                    outside[n++] = sentence[i];
            if (n > 0)
                return n;
        }
    }

    /// <summary>
    /// <c>getNegativeSamples(o, K)</c>: <paramref name="count"/> draws from the negative table, any
    /// draw equal to <paramref name="outside"/> redrawn. The centre word is not excluded and
    /// duplicates are allowed.
    /// </summary>
    public int[] GetNegativeSamples(int outside, int count, RandomSource rng)
    {
        var result = new int[count];
        GetNegativeSamples(outside, rng, result);
        return result;
    }

    /// <summary>Fills <paramref name="destination"/> with negatives for <paramref name="outside"/>.</summary>
    public void GetNegativeSamples(int outside, RandomSource rng, Span<int> destination)
    {
        var table = NegativeTable;
        if (Vocabulary.Count == 1)
            throw new InvalidOperationException("cannot draw negatives other than the only word of the vocabulary");
        for (var k = 0; k < destination.Length; k++)
        {
            int w;
            do w = table.Sample(rng); while (w == outside);
            destination[k] = w;
        }
    }
}
