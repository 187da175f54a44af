using Word2Vec.Torch.Data;

namespace Word2Vec.Torch.Evaluation;

/// <summary>
/// Analogy questions in the Google format (word2vec's <c>questions-words.txt</c>): section
/// headers <c>: name</c>, then lines of four space-separated words <c>a b c d</c>.
/// </summary>
public sealed class AnalogyQuestionSet
{
    private AnalogyQuestionSet(string source, IReadOnlyList<string> sections, IReadOnlyList<AnalogyQuestion> questions)
    {
        Source = source;
        Sections = sections;
        Questions = questions;
    }

    /// <summary>Where the questions came from.</summary>
    public string Source { get; }

    /// <summary>Section names in file order.</summary>
    public IReadOnlyList<string> Sections { get; }

    /// <summary>All questions in file order.</summary>
    public IReadOnlyList<AnalogyQuestion> Questions { get; }

    /// <summary>Semantic sections are those whose name does not start with "gram" (word2vec's convention).</summary>
    public static bool IsSemantic(string section) => !section.StartsWith("gram", StringComparison.OrdinalIgnoreCase);

    /// <exception cref="DataFormatException">A question before the first section, a line without
    /// four words, an empty or repeated section name, a file without questions.</exception>
    public static AnalogyQuestionSet Load(string path)
    {
        InputFile.Require(path, "analogy file");
        var set = Parse(new StringReader(StrictUtf8.ReadAllText(path)), path);
        return set.Questions.Count > 0 ? set
            : throw new DataFormatException(path, 0, "no analogy question (the file is empty, or holds section headers only)");
    }

    public static AnalogyQuestionSet Parse(TextReader reader, string source)
    {
        var sections = new List<string>();
        var questions = new List<AnalogyQuestion>();
        string? section = null;
        var lineNumber = 0;
        string? line;
        while ((line = reader.ReadLine()) is not null)
        {
            lineNumber++;
            var text = line.Trim();
            if (text.Length == 0) continue;
            if (text[0] == ':')
            {
                section = text[1..].Trim();
                if (section.Length == 0)
                    throw new DataFormatException(source, lineNumber, "a section header without a name");
                if (sections.Contains(section))
                    throw new DataFormatException(source, lineNumber, $"section '{section}' appears twice");
                sections.Add(section);
                continue;
            }
            var words = text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            if (words.Length != 4)
                throw new DataFormatException(source, lineNumber, $"expected four words 'a b c d', got {words.Length}: '{text}'");
            if (section is null)
                throw new DataFormatException(source, lineNumber, "a question before the first ': section' header");
            questions.Add(new AnalogyQuestion(section, words[0], words[1], words[2], words[3], lineNumber));
        }
        return new AnalogyQuestionSet(source, sections, questions);
    }
}
