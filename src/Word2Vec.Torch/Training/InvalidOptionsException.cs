namespace Word2Vec.Torch.Training;

/// <summary>Options that make no run; <see cref="Problems"/> names each key, value and rule.</summary>
public sealed class InvalidOptionsException : ArgumentException
{
    public InvalidOptionsException(IReadOnlyList<string> problems)
        : base(string.Join(Environment.NewLine + "  ", problems))
    {
        Problems = problems;
    }

    public IReadOnlyList<string> Problems { get; }
}
