using System.Runtime.InteropServices;

namespace Word2Vec.Torch.Data;

/// <summary>
/// Counts words in order of first appearance. Words can be added as spans, so that counting a
/// large corpus allocates a string only for each new word, not for each token.
/// </summary>
public sealed class WordCounter
{
    private readonly Dictionary<string, int> _index = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> _spanIndex;
    private readonly List<string> _words = new();
    private readonly List<long> _counts = new();

    public WordCounter() => _spanIndex = _index.GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>Distinct words so far.</summary>
    public int Count => _words.Count;

    /// <summary>Tokens counted so far.</summary>
    public long TotalCount { get; private set; }

    /// <summary>The words, in order of first appearance.</summary>
    public IReadOnlyList<string> Words => _words;

    /// <summary>The counts, aligned with <see cref="Words"/>.</summary>
    public IReadOnlyList<long> Counts => _counts;

    /// <summary>Counts one occurrence of <paramref name="word"/>; returns its first-appearance index.</summary>
    public int Add(ReadOnlySpan<char> word)
    {
        ref var slot = ref CollectionsMarshal.GetValueRefOrAddDefault(_spanIndex, word, out var exists);
        if (!exists)
        {
            slot = _words.Count;
            _words.Add(word.ToString());
            _counts.Add(0);
        }
        CollectionsMarshal.AsSpan(_counts)[slot]++;
        TotalCount++;
        return slot;
    }

    /// <inheritdoc cref="Add(ReadOnlySpan{char})"/>
    public int Add(string word) => Add(word.AsSpan());
}
