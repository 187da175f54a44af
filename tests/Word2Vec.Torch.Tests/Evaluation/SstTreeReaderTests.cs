using Word2Vec.Torch.Data;
using Word2Vec.Torch.Evaluation;

namespace Word2Vec.Torch.Tests.Evaluation;

public class SstTreeReaderTests
{
    [Fact]
    public void TheThreeSplitsParseCompletely()
    {
        var bank = SstTreebank.Load(TestData.Path("sst", "trees"));
        Assert.Equal((8544, 1101, 2210), (bank.Train.Count, bank.Dev.Count, bank.Test.Count));
        var counts = Enumerable.Range(0, 5).Select(l => bank.Train.Count(s => s.Label == l)).ToArray();
        Assert.Equal(new[] { 1092, 2218, 1624, 2322, 1288 }, counts);
        var first = bank.Train[0];
        Assert.Equal(3, first.Label);
        Assert.Equal(new[] { "The", "Rock", "is", "destined", "to", "be" }, first.Tokens.Take(6));
        Assert.All(bank.Dev.Concat(bank.Test), s => Assert.NotEmpty(s.Tokens));
        // Tokens may hold a no-break space: "8\u00A01\/2" (the film title 8½) is one token.
        Assert.Contains(bank.Train[4341].Tokens, t => t == "8\u00A01\\/2");
    }

    [Fact]
    public void ATreeFileThatIsNotUtf8IsAnErrorNamingTheLine()
    {
        using var tmp = new TempFolder();
        var path = tmp.Write("train.txt", [.. "(3 (2 good) (2 film))\n(1 (2 caf"u8, 0xE9, .. ") (1 bad))\n"u8]);
        var e = Assert.Throws<DataFormatException>(() => SstTreeReader.Load(path));
        Assert.Equal(2, e.LineNumber);
        Assert.Contains("not valid UTF-8", e.Message);
    }

    [Fact]
    public void ATreeGivesItsRootLabelAndLeavesInOrder()
    {
        var s = SstTreeReader.Parse("(3 (2 It) (4 (4 (2 's) (4 great)) (2 .)))");
        Assert.Equal(3, s.Label);
        Assert.Equal(new[] { "It", "'s", "great", "." }, s.Tokens);
        var leaf = SstTreeReader.Parse("  (0 -LRB-)  ");
        Assert.Equal((0, "-LRB-"), (leaf.Label, leaf.Tokens.Single()));
    }

    [Theory]
    [InlineData("(3 (2 It) (4 good)", "column 19: the line ends where ')' was expected")]
    [InlineData("(5 (2 It))", "column 2: label 5 is outside 0–4")]
    [InlineData("(3 (2 It)) x", "column 12: text after the tree's closing ')'")]
    [InlineData("(x (2 It))", "column 2: expected a label")]
    [InlineData("(3)", "column 3: expected a space after the label")]
    [InlineData("(3 )", "column 4: expected a token or a child node")]
    public void MalformedTreesFailWithLineAndColumn(string tree, string problem)
    {
        var e = Assert.Throws<DataFormatException>(() => SstTreeReader.Parse(tree, "trees.txt", 7));
        Assert.Equal(7, e.LineNumber);
        Assert.Contains(problem, e.Message);
        Assert.StartsWith("trees.txt, line 7:", e.Message);
    }

    [Fact]
    public void TaskLabelsMapAsSpecified()
    {
        Assert.Equal(new int?[] { 0, 1, 2, 3, 4 }, Enumerable.Range(0, 5).Select(l => SentimentLabels.Map(SentimentTask.FiveClass, l)));
        Assert.Equal(new int?[] { 0, 0, null, 1, 1 }, Enumerable.Range(0, 5).Select(l => SentimentLabels.Map(SentimentTask.Binary, l)));
        var sentences = Enumerable.Range(0, 5).Select(l => new SstSentence(new[] { "w" }, l, l + 1)).ToList();
        var (rows, classes) = SentimentLabels.Select(SentimentTask.Binary, sentences);
        Assert.Equal(new long[] { 0, 1, 3, 4 }, rows);
        Assert.Equal(new long[] { 0, 0, 1, 1 }, classes);
    }

    [Fact]
    public void AFileWithoutTreesIsAnErrorNamingIt()
    {
        using var tmp = new TempFolder();
        var path = tmp.Write("dev.txt", "\n\n");
        Assert.Equal($"{path}: no tree (the file is empty)", Assert.Throws<DataFormatException>(() => SstTreeReader.Load(path)).Message);
    }
}
