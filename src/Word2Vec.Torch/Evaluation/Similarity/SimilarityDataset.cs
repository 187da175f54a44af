using System.Globalization;
using Word2Vec.Torch.Data;

namespace Word2Vec.Torch.Evaluation;

/// <summary>
/// A word-similarity dataset: lines <c>word1 word2 score [more columns]</c>. One parser covers
/// the formats' differences: tab-separated fields (or whitespace when a line has no tab), CRLF or
/// LF, <c>#</c> comment lines, blank lines, extra columns (RW's individual ratings) and one
/// header line (a first row whose score is not a number, as in <c>word1 word2 score</c>).
/// </summary>
public sealed class SimilarityDataset
{
    private SimilarityDataset(string name, string source, IReadOnlyList<WordPair> pairs)
    {
        Name = name;
        Source = source;
        Pairs = pairs;
    }

    /// <summary>The dataset's name (e.g. "WordSim-353").</summary>
    public string Name { get; }

    /// <summary>Where the pairs came from.</summary>
    public string Source { get; }

    public IReadOnlyList<WordPair> Pairs { get; }

    /// <param name="path">The file.</param>
    /// <param name="name">The dataset's name; the file name without extension when null.</param>
    /// <exception cref="DataFormatException">A line with fewer than three fields or a score that is
    /// not a number (other than in a header line).</exception>
    public static SimilarityDataset Load(string path, string? name = null)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"No similarity file '{path}'.", path);
        using var reader = new StreamReader(path);
        return Parse(reader, path, name ?? Path.GetFileNameWithoutExtension(path));
    }

    public static SimilarityDataset Parse(TextReader reader, string source, string name)
    {
        var pairs = new List<WordPair>();
        var sawRow = false;
        var lineNumber = 0;
        string? line;
        while ((line = reader.ReadLine()) is not null)
        {
            lineNumber++;
            var text = line.Trim();
            if (text.Length == 0 || text[0] == '#') continue;
            var fields = text.Contains('\t')
                ? text.Split('\t').Select(f => f.Trim()).ToArray()
                : text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            var firstRow = !sawRow;
            sawRow = true;
            if (fields.Length < 3 || fields[0].Length == 0 || fields[1].Length == 0)
                throw new DataFormatException(source, lineNumber, $"expected 'word1 word2 score', got '{Shorten(text)}'");
            if (!double.TryParse(fields[2], NumberStyles.Float, CultureInfo.InvariantCulture, out var score) || !double.IsFinite(score))
            {
                if (firstRow) continue; // a header line
                throw new DataFormatException(source, lineNumber, $"the score '{Shorten(fields[2])}' of '{fields[0]}' – '{fields[1]}' is not a number");
            }
            pairs.Add(new WordPair(fields[0], fields[1], score, lineNumber));
        }
        return new SimilarityDataset(name, source, pairs);
    }

    private static string Shorten(string s) => s.Length <= 60 ? s : s[..57] + "...";
}
