using Word2Vec.Torch.Data;

namespace Word2Vec.Torch.Tests.Data;

/// <summary>Phrases as gensim finds them: the score by hand, the greedy rewrite, lines, passes, pruning.</summary>
public class PhraseModelTests
{
    private static PhraseModel Learn(string text, PhraseOptions? o = null) => PhraseModel.Learn(new WordReader(new StringReader(text)), o);

    private static string Rewrite(PhraseModel model, string text)
    {
        var output = new StringWriter();
        model.Rewrite(new WordReader(new StringReader(text)), output);
        return output.ToString();
    }

    // "new york" 4 times, "york city" once, filler words once each.
    private const string Text = "new york is big \n i saw new york city \n new york new york \n old new car";

    [Fact]
    public void TheScoreIsGensimsDefault()
    {
        var model = Learn(Text, new PhraseOptions(MinCount: 1, Threshold: 1));
        // Words: new 5, york 4, is, big, i, saw, city, old, car (9 distinct); bigrams (no line crossing):
        // new york ×4, york is, is big, i saw, saw new, york city, york new, old new, new car (9 distinct).
        Assert.Equal(9, model.DistinctWords);
        Assert.Equal(9, model.DistinctBigrams);
        Assert.Equal(18, model.Normalizer);
        Assert.Equal((4 - 1) / (5.0 * 4) * 18, model.Score("new", "york"), 12);
        Assert.Equal((1 - 1) / (4.0 * 1) * 18, model.Score("york", "city"), 12);
        Assert.Equal(double.NegativeInfinity, model.Score("big", "i"));   // across a line break: never counted
        Assert.Equal(double.NegativeInfinity, model.Score("new", "unseen"));
        Assert.Equal(["new_york"], model.Phrases().Select(p => p.Phrase).ToArray());
    }

    [Fact]
    public void AnEmptyFileIsAnErrorNamingItNotAnEmptyOutput()
    {
        using var tmp = new TempFolder();
        var path = tmp.Write("empty.txt", " \n\n  \n");
        var e = Assert.Throws<InvalidDataException>(() => PhraseModel.Learn(path));
        Assert.Contains(path, e.Message);
        Assert.Contains("no word", e.Message);
    }

    [Fact]
    public void TheRewriteJoinsGreedilyAndKeepsTheLines()
    {
        var model = Learn(Text, new PhraseOptions(MinCount: 1, Threshold: 1));
        Assert.Equal("new_york is big\ni saw new_york city\nnew_york new_york\nold new car\n", Rewrite(model, Text));
        // Greedy: in "new new york" the first pair scores nothing, the second joins.
        Assert.Equal("new new_york\n", Rewrite(model, "new new york"));
        // An unknown word passes through.
        Assert.Equal("zebra new_york\n", Rewrite(model, "zebra new york"));
    }

    [Fact]
    public void ASecondPassJoinsLongerPhrases()
    {
        var text = string.Concat(Enumerable.Repeat("the new york times said \n ", 20)) + "a b c d e f g h";
        var o = new PhraseOptions(MinCount: 2, Threshold: 0.5);
        var once = Rewrite(Learn(text, o), text);
        Assert.StartsWith("the_new york_times said\n", once);   // greedy: "the new" is joined first
        var twice = Rewrite(Learn(once, o), once);
        Assert.StartsWith("the_new_york_times said\n", twice);
    }

    [Fact]
    public void ThresholdAndMinCountKeepRarePairsApart()
    {
        Assert.Empty(Learn(Text, new PhraseOptions(MinCount: 5, Threshold: 1)).Phrases());   // (4 − 5) < 0
        Assert.Empty(Learn(Text, new PhraseOptions(MinCount: 1, Threshold: 3)).Phrases());   // 2.7 ≤ 3
    }

    [Fact]
    public void CountingIsBoundedByTheBigramCap()
    {
        var rng = new Random(3);
        var words = Enumerable.Range(0, 20_000).Select(_ => "w" + rng.Next(2_000)).ToArray();
        var model = Learn(string.Join(' ', words), new PhraseOptions(MaxBigrams: 1_000));
        Assert.True(model.DistinctBigrams <= 1_000, $"{model.DistinctBigrams} bigrams kept");
        Assert.True(model.PruneFloor >= 1);
        Assert.Equal(20_000, model.Tokens);
    }

    [Fact]
    public void BadOptionsAreRefused()
    {
        Assert.Contains("Delimiter = ' ': must be a non-empty string without whitespace",
            Assert.Throws<ArgumentException>(() => Learn(Text, new PhraseOptions(Delimiter: " "))).Message);
        Assert.Contains("MinCount = 0: must be at least 1", Assert.Throws<ArgumentException>(() => Learn(Text, new PhraseOptions(MinCount: 0))).Message);
        // Every problem at once.
        var both = Assert.Throws<ArgumentException>(() => Learn(Text, new PhraseOptions(Threshold: double.NaN, MaxBigrams: 0))).Message;
        Assert.Contains("Threshold = NaN: must be a finite number ≥ 0", both);
        Assert.Contains("MaxBigrams = 0: at least one bigram must be kept", both);
    }
}
