namespace Word2Vec.Torch.Data;

/// <summary>A commit that failed after some files had replaced their old versions: which are new, which are old.</summary>
public sealed class PartialCommitException(IReadOnlyList<string> replaced, IReadOnlyList<string> notReplaced, Exception inner)
    : IOException($"{inner.Message}; the commit stopped part-way: {string.Join(", ", replaced.Select(Path.GetFileName))} replaced, " +
                  $"{string.Join(", ", notReplaced.Select(Path.GetFileName))} still the previous version", inner)
{
    public IReadOnlyList<string> Replaced { get; } = replaced;
    public IReadOnlyList<string> NotReplaced { get; } = notReplaced;
}
