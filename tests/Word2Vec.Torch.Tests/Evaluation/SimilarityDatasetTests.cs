using Word2Vec.Torch.Data;
using Word2Vec.Torch.Evaluation;

namespace Word2Vec.Torch.Tests.Evaluation;

public class SimilarityDatasetTests
{
    [Theory]
    [InlineData("WordSim-353", "eval/wordsim353.tsv", 353, "love", "sex", 6.77)]
    [InlineData("SimLex-999", "eval/simlex999.txt", 999, "old", "new", 1.58)]
    [InlineData("MEN", "eval/men.txt", 3000, "sun", "sunlight", 50.0)]
    [InlineData("RW", "eval/rw.txt", 2034, "squishing", "squirt", 5.88)]
    [InlineData("MTurk-771", "eval/mturk771.txt", 771, "access", "gateway", 3.791666667)]
    public void EveryRealFileParsesCompletely(string name, string file, int pairs, string w1, string w2, double score)
    {
        var d = SimilarityDataset.Load(TestData.Path(file.Split('/')), name);
        Assert.Equal(name, d.Name);
        Assert.Equal(pairs, d.Pairs.Count);
        Assert.Equal((w1, w2, score), (d.Pairs[0].Word1, d.Pairs[0].Word2, d.Pairs[0].Score));
        Assert.All(d.Pairs, p => Assert.False(p.Word2.EndsWith('\r')));
    }

    [Theory]
    [InlineData("originals/SimLex-999/SimLex-999.txt", 999, "old", "new", 1.58)]   // its score after a POS column
    [InlineData("originals/wordsim353/combined.csv", 353, "love", "sex", 6.77)]     // commas
    [InlineData("originals/wordsim353/combined.tab", 353, "love", "sex", 6.77)]
    [InlineData("originals/wordsim353/set2.csv", 200, "energy", "secretary", 1.81)]
    [InlineData("originals/MEN/MEN_dataset_natural_form_full", 3000, "sun", "sunlight", 50.0)]
    public void TheFilesAsTheirAuthorsShipThemParseToo(string file, int pairs, string w1, string w2, double score)
    {
        var d = SimilarityDataset.Load(TestData.Path(["eval", .. file.Split('/')]));
        Assert.Equal(pairs, d.Pairs.Count);
        Assert.Equal((w1, w2, score), (d.Pairs[0].Word1, d.Pairs[0].Word2, d.Pairs[0].Score));
    }

    [Fact]
    public void MensLemmaFormLosesItsPosSuffixes()
    {
        var d = SimilarityDataset.Parse(new StringReader("sun-n sunlight-n 50.000000\nautomobile-n car-n 50.000000\nrun-v walk-v 30\n"), "men-lemma", "MEN");
        Assert.Equal(new[] { ("sun", "sunlight"), ("automobile", "car"), ("run", "walk") }, d.Pairs.Select(p => (p.Word1, p.Word2)));
        var hyphens = SimilarityDataset.Parse(new StringReader("x-ray x-n 5\nwell-being health 7\n"), "words", "w");   // not every word: kept
        Assert.Equal("x-n", hyphens.Pairs[0].Word2);
    }

    [Fact]
    public void AFileThatIsNotUtf8IsAnErrorNamingTheLine()
    {
        using var tmp = new TempFolder();
        var path = tmp.Write("latin1.txt", [.. "love sex 6.77\ncaf"u8, 0xE9, .. " coffee 8\n"u8]);
        var e = Assert.Throws<DataFormatException>(() => SimilarityDataset.Load(path));
        Assert.Equal(2, e.LineNumber);
        Assert.Contains("not valid UTF-8", e.Message);
    }

    [Fact]
    public void TheStandardListCoversTheFiveDatasets()
    {
        var all = SimilarityDatasets.LoadStandard(TestData.Root);
        Assert.Equal(new[] { 353, 999, 3000, 2034, 771 }, all.Select(d => d.Pairs.Count));
    }

    [Fact]
    public void FormatQuirksAreHandled()
    {
        const string text = "# comment\r\n\r\nword1 word2 score\r\nTiger\tcat\t7.35\textra\t1\r\nsun  sunlight   50.000000\r\n#another\nA B 1e1\n";
        var d = SimilarityDataset.Parse(new StringReader(text), "quirks.txt", "quirks");
        Assert.Equal(new[] { ("Tiger", "cat", 7.35, 4), ("sun", "sunlight", 50.0, 5), ("A", "B", 10.0, 7) },
            d.Pairs.Select(p => (p.Word1, p.Word2, p.Score, p.LineNumber)));
    }

    [Theory]
    [InlineData("a b 1\nc d x\n", 2, "'x' of 'c' – 'd' is not a number")]
    [InlineData("a b 1\nc d\n", 2, "expected 'word1 word2 score'")]
    [InlineData("king queen NaN\nc d 1\n", 1, "the score 'NaN' of 'king' – 'queen' is not a number")]   // a header has no number there
    [InlineData("a b 1\nc d Infinity\n", 2, "the score 'Infinity' of 'c' – 'd' is not a number")]
    public void BadRowsFailWithTheirLineNumber(string text, int line, string problem)
    {
        var e = Assert.Throws<DataFormatException>(() => SimilarityDataset.Parse(new StringReader(text), "s.txt", "s"));
        Assert.Equal(line, e.LineNumber);
        Assert.Contains(problem, e.Message);
    }

    [Theory]
    [InlineData("")]
    [InlineData("word1\tword2\tscore\n")]
    public void AFileWithoutPairsIsAnErrorNamingIt(string text)
    {
        using var tmp = new TempFolder();
        var path = tmp.Write("empty.txt", text);
        var e = Assert.Throws<DataFormatException>(() => SimilarityDataset.Load(path));
        Assert.Equal($"{path}: no word pair (the file is empty, or holds a header only)", e.Message);
    }
}
