using Word2Vec.Torch.Data;

namespace Word2Vec.Torch.Sampling;

/// <summary>
/// The sampling of the CS224N assignment's <c>StanfordSentiment</c> class (<c>utils/treebank.py</c>)
/// over an <see cref="SstCorpus"/>: the reject probabilities, the 30× subsampled sentence list (built
/// once, then cached), the 10^6-slot negative table, random contexts and negative samples. It holds
/// the subsampled list, so a sampler is not safe to share between threads.
/// </summary>
public sealed class Cs224nSampler
{
    private readonly SstCorpus _corpus;
    private readonly double[] _rejectProbability;
    private Cs224nNegativeTable? _negativeTable;
    private Subsampled? _subsampled;

    private sealed record Subsampled(ulong[] StartState, ulong[] EndState, int[][] Sentences, long TokenCount);

    public Cs224nSampler(SstCorpus corpus)
    {
        _corpus = corpus ?? throw new ArgumentNullException(nameof(corpus));
        _rejectProbability = Cs224nSubsampling.RejectProbabilities(corpus.Vocabulary);
    }

    public SstCorpus Corpus => _corpus;

    /// <summary>rejectProb[id] = max(0, 1 − sqrt(1e-5 · wordcount / count[id])).</summary>
    public IReadOnlyList<double> RejectProbabilities => _rejectProbability;

    /// <summary>The reject probability of <paramref name="word"/> (KeyNotFoundException if unknown).</summary>
    public double RejectProbability(string word) => _rejectProbability[_corpus.Vocabulary.GetId(word)];

    /// <summary>The negative-sampling table (built on first use, like the assignment's).</summary>
    public Cs224nNegativeTable NegativeTable => _negativeTable ??= new Cs224nNegativeTable(_corpus.Vocabulary.Counts);

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
        var sentences = Cs224nSubsampling.Subsample(_corpus.Sentences, _rejectProbability, rng);
        // A window needs an outside word other than its centre; without a sentence of two different words the
        // assignment's redraw of an empty context would never end.
        if (!sentences.Any(s => s.Length > 1 && s.AsSpan(1).ContainsAnyExcept(s[0])))
            throw new InvalidDataException(
                $"no sentence of {_corpus.SourcePath} has two different words left after subsampling: no window has a context word to train on.");
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
        var all = _subsampled!.Sentences;   // one of them has two different words (Subsample)
        while (true)   // the assignment recurses; a loop draws the same numbers
        {
            sentenceIndex = rng.NextInt(all.Length);
            var sentence = all[sentenceIndex];
            position = rng.NextInt(sentence.Length);
            centre = sentence[position];
            var n = 0;
            var from = Math.Max(0, position - windowSize);
            var to = Math.Min(sentence.Length - 1, position + windowSize);
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
        if (_corpus.Vocabulary.Count == 1)
            throw new InvalidOperationException("cannot draw negatives other than the only word of the vocabulary");
        for (var k = 0; k < destination.Length; k++)
        {
            int w;
            do w = table.Sample(rng); while (w == outside);
            destination[k] = w;
        }
    }
}
