using Word2Vec.Torch.Data;
using Word2Vec.Torch.Evaluation;

namespace Word2Vec.Torch.Tests.Evaluation;

public class AnalogyQuestionSetTests
{
    [Fact]
    public void TheGoogleSetParsesCompletely()
    {
        var set = AnalogyQuestionSet.Load(TestData.Path("eval", "questions-words.txt"));
        Assert.Equal(19_544, set.Questions.Count);
        Assert.Equal(14, set.Sections.Count);
        var sizes = set.Questions.GroupBy(q => q.Section).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(506, sizes["capital-common-countries"]);
        Assert.Equal(4_524, sizes["capital-world"]);
        Assert.Equal(866, sizes["currency"]);
        Assert.Equal(2_467, sizes["city-in-state"]);
        Assert.Equal(506, sizes["family"]);
        Assert.Equal(1_599, sizes["gram6-nationality-adjective"]);
        Assert.Equal(870, sizes["gram9-plural-verbs"]);
        Assert.Equal(8_869, set.Questions.Count(q => AnalogyQuestionSet.IsSemantic(q.Section)));
        Assert.Equal(10_675, set.Questions.Count(q => !AnalogyQuestionSet.IsSemantic(q.Section)));
        var first = set.Questions[0];
        Assert.Equal(("Athens", "Greece", "Baghdad", "Iraq", 2), (first.A, first.B, first.C, first.D, first.LineNumber));
    }

    [Theory]
    [InlineData("a b c d\n", 1, "before the first")]
    [InlineData(": s\na b c\n", 2, "four words")]
    [InlineData(": s\na b c d e\n", 2, "four words")]
    [InlineData(":\na b c d\n", 1, "without a name")]
    [InlineData(": s\na b c d\n: s\n", 3, "twice")]
    public void MalformedLinesFailWithTheirLineNumber(string text, int line, string problem)
    {
        var e = Assert.Throws<DataFormatException>(() => AnalogyQuestionSet.Parse(new StringReader(text), "q.txt"));
        Assert.Equal(line, e.LineNumber);
        Assert.Contains(problem, e.Message);
        Assert.StartsWith($"q.txt, line {line}:", e.Message);
    }

    [Theory]
    [InlineData("")]
    [InlineData(": capital-common-countries\n: family\n")]
    public void AFileWithoutQuestionsIsAnErrorNamingIt(string text)
    {
        using var tmp = new TempFolder();
        var path = tmp.Write("questions.txt", text);
        var e = Assert.Throws<DataFormatException>(() => AnalogyQuestionSet.Load(path));
        Assert.Equal($"{path}: no analogy question (the file is empty, or holds section headers only)", e.Message);
    }
}
