using System.IO.Compression;
using System.Text;
using Word2Vec.Torch.Data;
using Word2Vec.Torch.Sampling;

namespace Word2Vec.Torch.Tests.Data;

/// <summary>Small encoded corpora the sampling, engine and training tests build on.</summary>
public static class TestCorpora
{
    /// <summary>A corpus whose token at position i is word i (count 1 each, so never subsampled): ids give positions back.</summary>
    public static TextCorpus Positional(IReadOnlyList<int> sentenceLengths)
    {
        var n = sentenceLengths.Sum();
        var vocabulary = new Vocabulary(Enumerable.Range(0, n).Select(i => "p" + i).ToList(), Enumerable.Repeat(1L, n).ToList());
        var ends = new List<int>();
        foreach (var length in sentenceLengths)
            ends.Add((ends.Count == 0 ? 0 : ends[^1]) + length);
        return new TextCorpus(vocabulary, Enumerable.Range(0, n).ToArray(), ends.ToArray());
    }

    /// <summary>Zipf words ("the" is id 0, about 16 % of the tokens) in lines of 1–40 words.</summary>
    public static TextCorpus ZipfLines(int words, ulong seed = 3)
    {
        var list = TextFiles.ZipfWords(words, seed: seed);
        var counter = new WordCounter();
        list.ForEach(w => counter.Add(w));
        var vocabulary = Vocabulary.ByFrequency(counter);
        var rng = new RandomSource(seed);
        var ends = new List<int>();
        for (var i = 0; i < list.Count;)
        {
            i = Math.Min(list.Count, i + rng.NextInt(1, 40));
            ends.Add(i);
        }
        return new TextCorpus(vocabulary, list.Select(vocabulary.GetId).ToArray(), ends.ToArray());
    }

    /// <summary>For each position, the index of its sentence.</summary>
    public static int[] SentenceOf(TextCorpus corpus)
    {
        var (tokens, ends) = corpus.ToArrays();
        var of = new int[tokens.Length];
        for (int s = 0, start = 0; s < ends.Length; start = ends[s], s++)
            Array.Fill(of, s, start, ends[s] - start);
        return of;
    }

    /// <summary>The first <paramref name="bytes"/> bytes of the text8-style Wikipedia corpus (cut at a
    /// space), written to <paramref name="path"/>: real text for short training runs.</summary>
    public static void WriteText8Slice(string path, int bytes)
    {
        using var zip = ZipFile.OpenRead(TestData.Path("corpus", "wiki2015-text8style.zip"));
        using var stream = zip.Entries[0].Open();
        var buffer = new byte[bytes];
        var n = 0;
        while (n < bytes && stream.Read(buffer, n, bytes - n) is var r and > 0) n += r;
        var text = Encoding.ASCII.GetString(buffer, 0, n);
        File.WriteAllText(path, text[..text.LastIndexOf(' ')], new UTF8Encoding(false));
    }
}
