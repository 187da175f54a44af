using Word2Vec.Torch.Data;

namespace Word2Vec.Torch.Tests.Data;

public class VocabularyTests
{
    private static WordCounter Count(string text)
    {
        var counter = new WordCounter();
        foreach (var w in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            counter.Add(w);
        return counter;
    }

    [Fact]
    public void FirstAppearanceModeKeepsTheOrderAndAppendsUnk()
    {
        var v = Vocabulary.ByFirstAppearance(Count("b a b c a b"));
        Assert.Equal(new[] { "b", "a", "c", "UNK" }, v.Words);
        Assert.Equal(new long[] { 3, 2, 1, 1 }, v.Counts);
        Assert.Equal(7, v.TotalCount);   // 6 tokens + UNK's 1
        Assert.Equal(3, v.GetId("UNK"));
        Assert.Equal(2, v.GetId("c"));
        Assert.Equal("a", v[1]);
    }

    [Fact]
    public void FrequencyModeSortsByCountThenFirstAppearance()
    {
        var counter = Count("x y z y z w w q");   // x1 y2 z2 w2 q1
        var v = Vocabulary.ByFrequency(counter);
        Assert.Equal(new[] { "y", "z", "w", "x", "q" }, v.Words);
        Assert.Equal(8, v.TotalCount);

        var min2 = Vocabulary.ByFrequency(counter, minCount: 2);
        Assert.Equal(new[] { "y", "z", "w" }, min2.Words);
        Assert.Equal(6, min2.TotalCount);

        var top2 = Vocabulary.ByFrequency(counter, maxVocab: 2);
        Assert.Equal(new[] { "y", "z" }, top2.Words);
        Assert.False(top2.Contains("w"));
    }

    [Fact]
    public void AnUnknownWordIsNamedInTheError()
    {
        var v = Vocabulary.ByFrequency(Count("a b"));
        var e = Assert.Throws<KeyNotFoundException>(() => v.GetId("zebra"));
        Assert.Contains("'zebra'", e.Message);
        Assert.False(v.TryGetId("zebra", out _));
        Assert.True(v.TryGetId("b".AsSpan(), out var id));
        Assert.Equal(1, id);
    }

    [Fact]
    public void SaveAndLoadRoundTrip()
    {
        using var tmp = new TempFolder();
        var v = Vocabulary.ByFirstAppearance(Count("der café , café ñ der der"));
        var path = tmp.File("vocab.tsv");
        v.Save(path);
        Assert.Equal("der\t3\ncafé\t2\n,\t1\nñ\t1\nUNK\t1\n", File.ReadAllText(path));
        var back = Vocabulary.Load(path);
        Assert.Equal(v.Words, back.Words);
        Assert.Equal(v.Counts, back.Counts);
        Assert.Equal(v.TotalCount, back.TotalCount);
    }

    [Fact]
    public void AWordThatBeginsWithAByteOrderMarkSurvivesAtRowZero()
    {
        // U+FEFF inside a text (files joined with cat) is part of a word; as row 0 its bytes open the file.
        using var tmp = new TempFolder();
        var v = Vocabulary.ByFirstAppearance(Count("\uFEFFder der café"));
        var path = tmp.File("vocab.tsv");
        v.Save(path);
        Assert.Equal("\uFEFFder", Vocabulary.Load(path).Words[0]);
        Assert.Equal(v.Words, Vocabulary.Load(path).Words);
    }

    [Fact]
    public void LoadingABadFileNamesIt()
    {
        using var tmp = new TempFolder();
        var missing = tmp.File("missing.tsv");
        Assert.Contains(missing, Assert.Throws<FileNotFoundException>(() => Vocabulary.Load(missing)).Message);
        var bad = tmp.File("bad.tsv");
        File.WriteAllText(bad, "a\t1\nb two\n");
        var e = Assert.Throws<DataFormatException>(() => Vocabulary.Load(bad));
        Assert.Equal(2, e.LineNumber);
        Assert.Contains(bad, e.Message);
        Assert.Contains("line 2", e.Message);
        var empty = tmp.File("empty.tsv");
        File.WriteAllText(empty, "");
        Assert.Contains(empty, Assert.Throws<DataFormatException>(() => Vocabulary.Load(empty)).Message);
    }

    [Fact]
    public void DuplicateWordsAreRejected() =>
        Assert.Throws<ArgumentException>(() => new Vocabulary(new[] { "a", "a" }, new long[] { 1, 1 }));
}
