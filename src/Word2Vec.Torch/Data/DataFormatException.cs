namespace Word2Vec.Torch.Data;

/// <summary>
/// A data file (vectors, analogy questions, similarity pairs, sentiment trees) that does not have
/// the expected format. The message names the file and the line; <see cref="LineNumber"/> is 1-based
/// (0 when the problem is not tied to one line).
/// </summary>
public sealed class DataFormatException : FormatException
{
    public DataFormatException(string filePath, int lineNumber, string problem)
        : base(lineNumber > 0 ? $"{filePath}, line {lineNumber}: {problem}" : $"{filePath}: {problem}")
    {
        FilePath = filePath;
        LineNumber = lineNumber;
        Problem = problem;
    }

    /// <summary>The file (or the name given to an in-memory source).</summary>
    public string FilePath { get; }

    /// <summary>1-based line number; 0 when not tied to a line.</summary>
    public int LineNumber { get; }

    /// <summary>The problem, without the location.</summary>
    public string Problem { get; }
}
