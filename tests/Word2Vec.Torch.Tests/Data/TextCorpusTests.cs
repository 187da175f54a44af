using System.IO.Compression;
using Word2Vec.Torch.Data;
using Word2Vec.Torch.Sampling;

namespace Word2Vec.Torch.Tests.Data;

public class TextCorpusTests
{
    [Fact]
    public void Text8StyleFileCountsAndEncodesRoundTrip()
    {
        using var tmp = new TempFolder();
        var words = TextFiles.ZipfWords(50_000);
        var path = tmp.File("text8-small");
        TextFiles.WriteText8(path, words);

        var corpus = TextCorpus.Load(path, minCount: 5);
        var counts = words.GroupBy(w => w).ToDictionary(g => g.Key, g => (long)g.Count());
        var kept = counts.Where(kv => kv.Value >= 5).Select(kv => kv.Key).ToHashSet();

        Assert.Equal(kept.Count, corpus.Vocabulary.Count);
        Assert.Equal("the", corpus.Vocabulary[0]);
        foreach (var (w, id) in corpus.Vocabulary.Words.Select((w, i) => (w, i)))
            Assert.Equal(counts[w], corpus.Vocabulary.GetCount(id));
        for (var i = 1; i < corpus.Vocabulary.Count; i++)
            Assert.True(corpus.Vocabulary.GetCount(i) <= corpus.Vocabulary.GetCount(i - 1));

        var expectedTokens = words.Where(kept.Contains).ToList();
        Assert.Equal(expectedTokens, TextFiles.Decode(corpus));
        Assert.Equal(corpus.Vocabulary.TotalCount, corpus.TokenCount);
        Assert.Equal(new[] { corpus.Tokens.Length }, corpus.SentenceEnds);   // text8: one line

        var stats = corpus.Statistics!;
        Assert.Equal(words.Count, stats.RawTokens);
        Assert.Equal(counts.Count, stats.DistinctWords);
        Assert.Equal(new FileInfo(path).Length, stats.CharsRead);
        Assert.True(stats.PeakWorkingSetBytes > 0);
    }

    [Fact]
    public void MinCountAndMaxVocabAreApplied()
    {
        using var tmp = new TempFolder();
        var path = tmp.File("small.txt");
        TextFiles.WriteText8(path, "a b a c a b d d d d e".Split(' '));   // a3 b2 c1 d4 e1
        var all = TextCorpus.Load(path, minCount: 1);
        Assert.Equal(new[] { "d", "a", "b", "c", "e" }, all.Vocabulary.Words);
        var min2 = TextCorpus.Load(path, minCount: 2);
        Assert.Equal(new[] { "d", "a", "b" }, min2.Vocabulary.Words);
        Assert.Equal("a b a a b d d d d".Split(' '), TextFiles.Decode(min2));
        var top2 = TextCorpus.Load(path, minCount: 1, maxVocab: 2);
        Assert.Equal(new[] { "d", "a" }, top2.Vocabulary.Words);
        Assert.Equal("a a a d d d d".Split(' '), TextFiles.Decode(top2));
        Assert.Throws<InvalidDataException>(() => TextCorpus.Load(path, minCount: 5));
    }

    [Fact]
    public void SentencePerLineFilesKeepTheirSentencesPlainOrZipped()
    {
        using var tmp = new TempFolder();
        var words = TextFiles.ZipfWords(3_000, types: 40);
        var rng = new RandomSource(5);
        var sentences = new List<List<string>>();
        for (var i = 0; i < words.Count;)
        {
            var n = Math.Min(rng.NextInt(1, 30), words.Count - i);
            sentences.Add(words.GetRange(i, n));
            i += n;
        }
        var path = tmp.File("lines.txt");
        TextFiles.WriteLines(path, sentences);
        var zip = tmp.File("lines.zip");
        TextFiles.Zip(path, zip);

        foreach (var (file, buffer) in new[] { (path, WordReader.DefaultBufferChars), (zip, WordReader.DefaultBufferChars), (path, 5) })
        {
            var corpus = TextCorpus.Load(file, minCount: 1, bufferChars: buffer);
            Assert.Equal(words, TextFiles.Decode(corpus));
            var expectedEnds = sentences.Select(s => s.Count).Aggregate(new List<int>(), (acc, n) => { acc.Add((acc.Count == 0 ? 0 : acc[^1]) + n); return acc; });
            Assert.Equal(expectedEnds, corpus.SentenceEnds);
        }
    }

    [Fact]
    public void AZippedText8FileReadsLikeThePlainOne()
    {
        using var tmp = new TempFolder();
        var path = tmp.File("wiki-small");
        TextFiles.WriteText8(path, TextFiles.ZipfWords(20_000));
        var zip = tmp.File("wiki-small.zip");
        TextFiles.Zip(path, zip);
        var plain = TextCorpus.Load(path, minCount: 3);
        var zipped = TextCorpus.Load(zip, minCount: 3, bufferChars: 1000);
        Assert.Equal(plain.Vocabulary.Words, zipped.Vocabulary.Words);
        Assert.Equal(plain.Tokens, zipped.Tokens);
        Assert.Equal(plain.SentenceEnds, zipped.SentenceEnds);
    }

    [Fact]
    public void WordsAreDroppedNotSentencesWhenTheyAreRare()
    {
        using var tmp = new TempFolder();
        var path = tmp.File("lines.txt");
        File.WriteAllText(path, "a b\nrare\n\nb a a\n");
        var corpus = TextCorpus.Load(path, minCount: 2);
        Assert.Equal("a b b a a".Split(' '), TextFiles.Decode(corpus));
        Assert.Equal(new[] { 2, 5 }, corpus.SentenceEnds);   // the line of only rare words vanishes
    }

    [Fact]
    public void LowerCasingIsOptional()
    {
        using var tmp = new TempFolder();
        var path = tmp.File("case.txt");
        File.WriteAllText(path, "The the THE Über über");
        Assert.Equal(5, TextCorpus.Load(path, minCount: 1).Vocabulary.Count);
        var lower = TextCorpus.Load(path, minCount: 1, lowerCase: true);
        Assert.Equal(new[] { "the", "über" }, lower.Vocabulary.Words);
    }

    [Fact]
    public void BadFilesAreClearErrors()
    {
        using var tmp = new TempFolder();
        var missing = tmp.File("missing.txt");
        Assert.Contains(missing, Assert.Throws<FileNotFoundException>(() => TextCorpus.Load(missing)).Message);
        var empty = tmp.File("empty.txt");
        File.WriteAllText(empty, "");
        Assert.Contains(empty, Assert.Throws<InvalidDataException>(() => TextCorpus.Load(empty, minCount: 1)).Message);
        var blank = tmp.File("blank.txt");
        File.WriteAllText(blank, "  \n\n  ");
        Assert.Contains(blank, Assert.Throws<InvalidDataException>(() => TextCorpus.Load(blank, minCount: 1)).Message);
        var emptyZip = tmp.File("empty.zip");
        TextFiles.Zip(empty, emptyZip);
        Assert.Contains(emptyZip, Assert.Throws<InvalidDataException>(() => TextCorpus.Load(emptyZip, minCount: 1)).Message);
        var twoEntries = tmp.File("two.zip");
        using (var zip = ZipFile.Open(twoEntries, ZipArchiveMode.Create))
        {
            zip.CreateEntryFromFile(blank, "a.txt");
            zip.CreateEntryFromFile(blank, "b.txt");
        }
        var e = Assert.Throws<InvalidDataException>(() => TextCorpus.Load(twoEntries, minCount: 1));
        Assert.Contains(twoEntries, e.Message);
        Assert.Contains("a.txt", e.Message);
    }
}
