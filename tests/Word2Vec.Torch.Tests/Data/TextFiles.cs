using System.IO.Compression;
using System.Text;
using Word2Vec.Torch.Data;
using Word2Vec.Torch.Sampling;

namespace Word2Vec.Torch.Tests.Data;

/// <summary>Small generated corpora for the text tests.</summary>
public static class TextFiles
{
    /// <summary>Words drawn from a Zipf-like distribution over <paramref name="types"/> made-up
    /// words ("the" is the most frequent).</summary>
    public static List<string> ZipfWords(int count, int types = 300, ulong seed = 11)
    {
        var names = Enumerable.Range(0, types).Select(i => i == 0 ? "the" : "w" + i.ToString("x") + new string('q', i % 7)).ToArray();
        var weights = Enumerable.Range(0, types).Select(i => 1.0 / (i + 1)).ToArray();
        var sampler = new AliasTable(weights);
        var rng = new RandomSource(seed);
        return Enumerable.Range(0, count).Select(_ => names[sampler.Sample(rng)]).ToList();
    }

    /// <summary>text8 style: one line, a leading space, single spaces, no final newline.</summary>
    public static void WriteText8(string path, IEnumerable<string> words) =>
        File.WriteAllText(path, " " + string.Join(' ', words), new UTF8Encoding(false));

    /// <summary>One sentence a line.</summary>
    public static void WriteLines(string path, IEnumerable<IEnumerable<string>> sentences) =>
        File.WriteAllText(path, string.Concat(sentences.Select(s => string.Join(' ', s) + "\n")), new UTF8Encoding(false));

    /// <summary>Zips <paramref name="file"/> as the single entry of <paramref name="zipPath"/>.</summary>
    public static void Zip(string file, string zipPath)
    {
        using var zip = ZipFile.Open(zipPath, ZipArchiveMode.Create);
        zip.CreateEntryFromFile(file, Path.GetFileName(file));
    }

    /// <summary>The words of a corpus, decoded back from ids.</summary>
    public static List<string> Decode(TextCorpus corpus) => corpus.Tokens.Select(t => corpus.Vocabulary[t]).ToList();
}
