using System.Globalization;
using System.Text.RegularExpressions;
using Word2Vec.Torch.Data;

namespace Word2Vec.Torch.Evaluation;

/// <summary>
/// A word-similarity dataset: lines <c>word1 word2 score [more columns]</c>. One parser covers
/// the formats' differences: tab-separated fields (else commas, else whitespace), CRLF or LF,
/// <c>#</c> comment lines, blank lines, extra columns (RW's individual ratings) and one header
/// line (a first row whose score is not a number, as in <c>word1 word2 score</c>).
/// </summary>
public sealed partial class SimilarityDataset
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
    /// <exception cref="DataFormatException">A line with fewer than three fields, a score that is
    /// not a finite number (other than in a header line), a file without pairs.</exception>
    public static SimilarityDataset Load(string path, string? name = null)
    {
        InputFile.Require(path, "similarity file");
        var set = Parse(new StringReader(StrictUtf8.ReadAllText(path)), path, name ?? Path.GetFileNameWithoutExtension(path));
        return set.Pairs.Count > 0 ? set : throw new DataFormatException(path, 0, "no word pair (the file is empty, or holds a header only)");
    }

    /// <summary>
    /// Rows of word1, word2 and a score, split at tabs, else commas (WordSim-353's combined.csv, MTurk-771.csv),
    /// else spaces. A first row whose third field is no number is a header, and names the score's column: the
    /// first after the words called like one (SimLex-999.txt's "SimLex999", after its POS column), else the third.
    /// MEN's lemma form ("sun-n sunlight-n 50") loses its POS suffixes when every word has one.
    /// </summary>
    public static SimilarityDataset Parse(TextReader reader, string source, string name)
    {
        var pairs = new List<WordPair>();
        var sawRow = false;
        var scoreColumn = 2;
        var lineNumber = 0;
        string? line;
        while ((line = reader.ReadLine()) is not null)
        {
            lineNumber++;
            var text = line.Trim();
            if (text.Length == 0 || text[0] == '#') continue;
            var fields = Split(text);
            var firstRow = !sawRow;
            sawRow = true;
            if (fields.Length < Math.Max(3, scoreColumn + 1) || fields[0].Length == 0 || fields[1].Length == 0)
                throw new DataFormatException(source, lineNumber, $"expected 'word1 word2 score', got '{Shorten(text)}'");
            var isNumber = double.TryParse(fields[scoreColumn], NumberStyles.Float, CultureInfo.InvariantCulture, out var score);
            if (!isNumber || !double.IsFinite(score))
            {
                if (firstRow && !isNumber)   // a header names its columns; NaN or ∞ is a score, and a bad one
                {
                    scoreColumn = ScoreColumn(fields);   // a header line
                    continue;
                }
                throw new DataFormatException(source, lineNumber, $"the score '{Shorten(fields[scoreColumn])}' of '{fields[0]}' – '{fields[1]}' is not a number");
            }
            pairs.Add(new WordPair(fields[0], fields[1], score, lineNumber));
        }
        if (pairs.Count > 0 && pairs.All(p => PosSuffix().IsMatch(p.Word1) && PosSuffix().IsMatch(p.Word2)))
            pairs = pairs.Select(p => p with { Word1 = p.Word1[..^2], Word2 = p.Word2[..^2] }).ToList();
        return new SimilarityDataset(name, source, pairs);
    }

    private static string[] Split(string text) =>
        text.Contains('\t') ? text.Split('\t').Select(f => f.Trim()).ToArray()
        : text.Contains(',') ? text.Split(',').Select(f => f.Trim()).ToArray()
        : text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);

    private static int ScoreColumn(string[] header)
    {
        for (var i = 2; i < header.Length; i++)
        {
            var h = header[i].ToLowerInvariant();
            if (h.Contains("sim") || h.Contains("mean") || h.Contains("score")) return i;
        }
        return 2;
    }

    [GeneratedRegex("^.+-[nvj]$")]
    private static partial Regex PosSuffix();

    private static string Shorten(string s) => s.Length <= 60 ? s : s[..57] + "...";
}
