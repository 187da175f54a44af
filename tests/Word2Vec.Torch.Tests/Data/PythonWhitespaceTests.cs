using Word2Vec.Torch.Data;

namespace Word2Vec.Torch.Tests.Data;

public class PythonWhitespaceTests
{
    [Fact]
    public void SplitsLikePythonStrSplit()
    {
        // Python: "  1\tvoil\u00c3\u00a0 2\u00c2\u00a01\\/2 \x1c x  ".split()
        //   == ['1', 'voilÃ', '2Â', '1\\/2', 'x']
        Assert.Equal(new[] { "1", "voilÃ", "2Â", "1\\/2", "x" },
            PythonWhitespace.Split("  1\tvoil\u00C3\u00A0 2\u00C2\u00A01\\/2 \u001C x  "));
        Assert.Empty(PythonWhitespace.Split(" \t\r\n"));
        Assert.False(PythonWhitespace.IsWhiteSpace('\u200B'));   // zero-width space is not whitespace in Python
        Assert.True(PythonWhitespace.IsWhiteSpace('\u3000'));
    }
}
