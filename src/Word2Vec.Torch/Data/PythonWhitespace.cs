namespace Word2Vec.Torch.Data;

/// <summary>
/// Python 3's <c>str.split()</c> with no argument: split on runs of whitespace as Python's
/// <c>str.isspace()</c> defines it, ignoring leading and trailing whitespace.
/// </summary>
/// <remarks>
/// Python's whitespace is .NET's <see cref="char.IsWhiteSpace(char)"/> (tab..CR, space, U+0085,
/// U+00A0, U+1680, U+2000–U+200A, U+2028, U+2029, U+202F, U+205F, U+3000) plus the four ASCII
/// information separators U+001C–U+001F. The no-break space U+00A0 matters for SST: its
/// mojibake lines hold "Â" + U+00A0 (a doubly-encoded no-break space) and "Ã" + U+00A0 (the
/// doubly-encoded "à"), which Python splits into two tokens.
/// </remarks>
public static class PythonWhitespace
{
    public static bool IsWhiteSpace(char c) => char.IsWhiteSpace(c) || (c >= '\u001C' && c <= '\u001F');

    /// <summary>The fields of <paramref name="s"/>, as <c>s.split()</c> gives them.</summary>
    public static List<string> Split(string s)
    {
        var fields = new List<string>();
        var i = 0;
        while (i < s.Length)
        {
            while (i < s.Length && IsWhiteSpace(s[i])) i++;
            var start = i;
            while (i < s.Length && !IsWhiteSpace(s[i])) i++;
            if (i > start)
                fields.Add(s.Substring(start, i - start));
        }
        return fields;
    }
}
