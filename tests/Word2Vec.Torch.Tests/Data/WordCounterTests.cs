using Word2Vec.Torch.Data;

namespace Word2Vec.Torch.Tests.Data;

public class WordCounterTests
{
    [Fact]
    public void ABoundedCountReducesAsWord2VecCDoes()
    {
        var counter = new WordCounter(maxWords: 3);
        foreach (var w in "a a b c".Split(' ')) counter.Add(w);
        Assert.Empty(counter.Reductions);
        // The fourth distinct word: the words seen at most once (b, c, d) go, the floor becomes 2.
        Assert.Equal(-1, counter.Add("d"));
        Assert.Equal(new[] { "a" }, counter.Words);
        Assert.Equal(new CountReduction(5, 1, 4, 1), Assert.Single(counter.Reductions));
        foreach (var w in "b b b e e a f".Split(' ')) counter.Add(w);
        // a 3, b 3, e 2, then f makes four: the words seen at most twice go (e, f), the floor becomes 3.
        Assert.Equal(new[] { "a", "b" }, counter.Words);
        Assert.Equal(new long[] { 3, 3 }, counter.Counts);
        Assert.Equal(new CountReduction(12, 2, 4, 2), counter.Reductions[1]);
        Assert.Equal(12, counter.TotalCount);   // every token is counted, kept or not
        Assert.Equal(1, counter.Add("b"));
    }

    [Fact]
    public void AnUnboundedCountKeepsEveryWord()
    {
        var counter = new WordCounter();
        for (var i = 0; i < 10_000; i++) counter.Add("w" + i);
        Assert.Equal(10_000, counter.Count);
        Assert.Empty(counter.Reductions);
        Assert.Throws<ArgumentOutOfRangeException>(() => new WordCounter(-1));
    }
}
