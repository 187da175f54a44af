namespace Word2Vec.Torch.Vectors;

/// <summary>
/// Lower-cased lookups over (the first <c>limit</c> rows of) a vocabulary, as word2vec.c's
/// compute-accuracy and gensim's case-insensitive evaluations do: when several rows lower-case to
/// the same form, the first (the most frequent, in a word2vec file) stands for all of them.
/// </summary>
public sealed class CaseInsensitiveVocabulary
{
    private readonly Dictionary<string, int> _first;

    /// <param name="words">The vocabulary, most frequent first.</param>
    /// <param name="limit">Only the first <paramref name="limit"/> words (all when null).</param>
    public CaseInsensitiveVocabulary(IReadOnlyList<string> words, int? limit = null)
    {
        Count = Math.Min(limit ?? words.Count, words.Count);
        if (Count < 0) throw new ArgumentOutOfRangeException(nameof(limit), limit, "The limit must not be negative.");
        _first = new Dictionary<string, int>(Count, StringComparer.Ordinal);
        var canonical = new long[Count];
        for (var i = 0; i < Count; i++)
        {
            var lower = Normalize(words[i]);
            if (!_first.TryGetValue(lower, out var first))
            {
                first = i;
                _first.Add(lower, i);
            }
            canonical[i] = first;
        }
        Canonical = canonical;
    }

    /// <summary>How many rows are considered.</summary>
    public int Count { get; }

    /// <summary>For each considered row, the row that stands for its lower-cased form.</summary>
    public IReadOnlyList<long> Canonical { get; }

    /// <summary>The canonical row of a word's lower-cased form.</summary>
    public bool TryGetIndex(string word, out int index) => _first.TryGetValue(Normalize(word), out index);

    /// <summary>The lower-casing used throughout the evaluation (culture-invariant).</summary>
    public static string Normalize(string word) => word.ToLowerInvariant();
}
