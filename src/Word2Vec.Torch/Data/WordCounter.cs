using System.Runtime.InteropServices;

namespace Word2Vec.Torch.Data;

/// <summary>One reduction of a bounded count (<see cref="WordCounter"/>'s maxWords).</summary>
/// <param name="AfterTokens">Tokens counted when the table grew past its bound.</param>
/// <param name="Floor">Words seen at most this many times so far were dropped.</param>
/// <param name="WordsBefore">Distinct words before.</param>
/// <param name="WordsAfter">Distinct words kept.</param>
public readonly record struct CountReduction(long AfterTokens, long Floor, int WordsBefore, int WordsAfter);

/// <summary>
/// Counts words in order of first appearance. Words can be added as spans, so that counting a
/// large corpus allocates a string only for each new word, not for each token.
/// </summary>
/// <remarks>
/// Bounded (<c>maxWords</c> &gt; 0), it is word2vec.c's ReduceVocab (gensim's max_vocab_size): when
/// a new word makes the table hold more than maxWords, the words counted at most <c>floor</c>
/// times are dropped and the floor goes up by one (starting at 1), until the table fits; each
/// reduction is kept in <see cref="Reductions"/>. A dropped word seen again starts from zero, so
/// the counts of rare words are lower bounds, as in word2vec.c; the order of first appearance of the
/// words kept is unchanged.
/// </remarks>
public sealed class WordCounter
{
    private Dictionary<string, int> _index = new(StringComparer.Ordinal);
    private Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> _spanIndex;
    private List<string> _words = new();
    private List<long> _counts = new();
    private readonly List<CountReduction> _reductions = new();
    private long _floor = 1;

    /// <param name="maxWords">The most distinct words held at once (0: no bound).</param>
    public WordCounter(int maxWords = 0)
    {
        if (maxWords < 0) throw new ArgumentOutOfRangeException(nameof(maxWords), maxWords, "must be 0 (no bound) or positive");
        MaxWords = maxWords;
        _spanIndex = _index.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    /// <summary>The bound on distinct words (0: none).</summary>
    public int MaxWords { get; }

    /// <summary>The reductions so far, in order.</summary>
    public IReadOnlyList<CountReduction> Reductions => _reductions;

    /// <summary>Distinct words so far.</summary>
    public int Count => _words.Count;

    /// <summary>Tokens counted so far.</summary>
    public long TotalCount { get; private set; }

    /// <summary>The words, in order of first appearance.</summary>
    public IReadOnlyList<string> Words => _words;

    /// <summary>The counts, aligned with <see cref="Words"/>.</summary>
    public IReadOnlyList<long> Counts => _counts;

    /// <summary>Counts one occurrence of <paramref name="word"/>; returns its first-appearance index
    /// (−1 when a reduction dropped it at once).</summary>
    public int Add(ReadOnlySpan<char> word)
    {
        ref var slot = ref CollectionsMarshal.GetValueRefOrAddDefault(_spanIndex, word, out var exists);
        if (!exists)
        {
            slot = _words.Count;
            _words.Add(word.ToString());
            _counts.Add(0);
        }
        var index = slot;
        CollectionsMarshal.AsSpan(_counts)[index]++;
        TotalCount++;
        if (!exists && MaxWords > 0 && _words.Count > MaxWords)
            return Reduce(_words[index]);
        return index;
    }

    /// <summary>Drops the words counted at most floor times, raising the floor, until the table fits;
    /// returns the index of <paramref name="added"/> afterwards (−1: dropped).</summary>
    private int Reduce(string added)
    {
        var before = _words.Count;
        while (_words.Count > MaxWords)
        {
            var words = new List<string>(_words.Count);
            var counts = new List<long>(_words.Count);
            for (var i = 0; i < _words.Count; i++)
                if (_counts[i] > _floor)
                {
                    words.Add(_words[i]);
                    counts.Add(_counts[i]);
                }
            _words = words;
            _counts = counts;
            _floor++;
        }
        _index = new Dictionary<string, int>(_words.Count * 2, StringComparer.Ordinal);
        for (var i = 0; i < _words.Count; i++) _index.Add(_words[i], i);
        _spanIndex = _index.GetAlternateLookup<ReadOnlySpan<char>>();
        _reductions.Add(new CountReduction(TotalCount, _floor - 1, before, _words.Count));
        return _index.TryGetValue(added, out var id) ? id : -1;
    }

    /// <inheritdoc cref="Add(ReadOnlySpan{char})"/>
    public int Add(string word) => Add(word.AsSpan());
}
