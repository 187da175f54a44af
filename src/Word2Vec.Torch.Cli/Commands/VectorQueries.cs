using System.CommandLine;
using System.Globalization;
using Word2Vec.Torch.Vectors;

namespace Word2Vec.Torch.Cli.Commands;

/// <summary>What the commands that query a vectors file share (neighbours, analogy): its options, the printing of
/// scored words, and the end of a query with unknown words (named, exit code 2).</summary>
internal static class VectorQueries
{
    public static Option<string> VectorsOption() =>
        new("--vectors", "-v") { Description = "A word2vec-format vectors file (text or binary).", Required = true };

    public static Option<int> TopnOption(string description) =>
        new("--topn", "-n") { Description = description, DefaultValueFactory = _ => 10 };

    /// <summary>--topn's value, refused below 1.</summary>
    public static int Topn(int value) => value >= 1 ? value : throw new ArgumentException($"--topn = {value}: must be at least 1.");

    /// <summary>"word 0.123, word 0.101, …".</summary>
    public static string Scored(IEnumerable<Neighbour> words) =>
        string.Join(", ", words.Select(n => $"{n.Word} {n.Similarity.ToString("F3", CultureInfo.InvariantCulture)}"));

    /// <summary>0 when every query word was known; else names the unknown ones on stderr and returns 2.</summary>
    public static int End(TextWriter stderr, string path, WordVectors vectors, IReadOnlyCollection<string> unknown)
    {
        if (unknown.Count == 0) return 0;
        stderr.WriteLine($"w2v: error: not in the vocabulary of {path} ({vectors.Count:N0} words): {string.Join(", ", unknown.Distinct().Select(w => $"'{w}'"))}");
        return CommandErrors.BadInput;
    }
}
