using Word2Vec.Torch.Data;

namespace Word2Vec.Torch.Evaluation;

/// <summary>
/// Reads Penn-Treebank-style sentiment trees, one per line:
/// <c>(3 (2 It) (4 (4 (2 's) (4 great)) (2 .)))</c>. Every node is <c>(LABEL child …)</c> or
/// <c>(LABEL token)</c> with a label 0–4; the root's label is the sentence's class and the leaves,
/// left to right, its tokens.
/// </summary>
public static class SstTreeReader
{
    /// <exception cref="DataFormatException">A malformed tree (the message names the line and column), or none.</exception>
    public static IReadOnlyList<SstSentence> Load(string path)
    {
        InputFile.Require(path, "treebank file");
        var sentences = new List<SstSentence>();
        var lineNumber = 0;
        using var reader = new StringReader(StrictUtf8.ReadAllText(path));
        while (reader.ReadLine() is { } line)
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line)) continue;
            sentences.Add(Parse(line, path, lineNumber));
        }
        return sentences.Count > 0 ? sentences : throw new DataFormatException(path, 0, "no tree (the file is empty)");
    }

    /// <summary>Parses one tree.</summary>
    public static SstSentence Parse(string line, string source = "tree", int lineNumber = 1)
    {
        var parser = new Parser(line, source, lineNumber);
        var tokens = new List<string>();
        parser.SkipSpace();
        var label = parser.Node(tokens);
        parser.SkipSpace();
        if (!parser.AtEnd) throw parser.Error("text after the tree's closing ')'");
        return new SstSentence(tokens, label, lineNumber);
    }

    private sealed class Parser
    {
        private readonly string _s;
        private readonly string _source;
        private readonly int _line;
        private int _pos;

        public Parser(string s, string source, int line)
        {
            _s = s;
            _source = source;
            _line = line;
        }

        public bool AtEnd => _pos >= _s.Length;

        /// <summary>Only ASCII blanks separate; a token may hold a no-break space ("8\u00A01\/2").</summary>
        private static bool IsSpace(char c) => c is ' ' or '\t' or '\r' or '\n';

        public void SkipSpace()
        {
            while (_pos < _s.Length && IsSpace(_s[_pos])) _pos++;
        }

        /// <summary>Parses "(LABEL child …)" or "(LABEL token)", appending leaves to <paramref name="tokens"/>; returns the label.</summary>
        public int Node(List<string> tokens)
        {
            Expect('(');
            var labelStart = _pos;
            while (_pos < _s.Length && char.IsAsciiDigit(_s[_pos])) _pos++;
            if (_pos == labelStart) throw Error("expected a label 0–4 after '('");
            var label = int.Parse(_s.AsSpan(labelStart, _pos - labelStart));
            if (label > 4) throw Error($"label {label} is outside 0–4", labelStart);
            if (_pos >= _s.Length || !IsSpace(_s[_pos])) throw Error("expected a space after the label");
            SkipSpace();
            if (_pos < _s.Length && _s[_pos] == '(')
            {
                while (_pos < _s.Length && _s[_pos] == '(')
                {
                    Node(tokens);
                    SkipSpace();
                }
            }
            else
            {
                var start = _pos;
                while (_pos < _s.Length && _s[_pos] != ')' && _s[_pos] != '(' && !IsSpace(_s[_pos])) _pos++;
                if (_pos == start) throw Error("expected a token or a child node");
                tokens.Add(_s[start.._pos]);
                SkipSpace();
            }
            Expect(')');
            return label;
        }

        private void Expect(char c)
        {
            if (_pos >= _s.Length) throw Error($"the line ends where '{c}' was expected");
            if (_s[_pos] != c) throw Error($"expected '{c}', found '{_s[_pos]}'");
            _pos++;
        }

        public DataFormatException Error(string problem, int? at = null) =>
            new(_source, _line, $"column {(at ?? _pos) + 1}: {problem}");
    }
}
