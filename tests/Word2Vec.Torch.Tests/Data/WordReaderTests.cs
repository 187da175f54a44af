using Word2Vec.Torch.Data;

namespace Word2Vec.Torch.Tests.Data;

public class WordReaderTests
{
    private static List<string> ReadAll(string text, int bufferChars)
    {
        var items = new List<string>();
        using var reader = new WordReader(new StringReader(text), bufferChars);
        WordToken kind;
        while ((kind = reader.Read(out var word)) != WordToken.EndOfText)
            items.Add(kind == WordToken.Word ? word.ToString() : "</s>");
        return items;
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(7)]
    [InlineData(64)]
    public void WordsCutByAChunkBoundaryAreReadWhole(int bufferChars)
    {
        var text = " anarchism originated as a\tterm of abuse\n\nfirst used   against\r\nearly working class radicals";
        Assert.Equal(
            new[] { "anarchism", "originated", "as", "a", "term", "of", "abuse", "</s>", "first", "used", "against", "</s>",
                    "early", "working", "class", "radicals", "</s>" },
            ReadAll(text, bufferChars));
    }

    [Fact]
    public void AWordLongerThanTheBufferGrowsIt()
    {
        var longWord = new string('x', 1000);
        Assert.Equal(new[] { "a", longWord, "b", "</s>" }, ReadAll($"a {longWord} b", 16));
    }

    [Fact]
    public void ABigTextInSmallChunksMatchesSplit()
    {
        var words = TextFiles.ZipfWords(20_000);
        var text = " " + string.Join(' ', words);
        var read = ReadAll(text, 4096);
        Assert.Equal("</s>", read[^1]);
        Assert.Equal(words, read[..^1]);
    }

    [Fact]
    public void EmptyAndBlankTextsHaveNoWords()
    {
        Assert.Empty(ReadAll("", 8));
        Assert.Empty(ReadAll(" \n\n \t\n", 8));
    }
}
