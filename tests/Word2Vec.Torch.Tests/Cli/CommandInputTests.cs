using static Word2Vec.Torch.Tests.Cli.CliRunner;

namespace Word2Vec.Torch.Tests.Cli;

/// <summary>
/// Bad input to the commands besides train (phrases, neighbours, eval) and to the command line itself:
/// each is exit 2 with a message naming the option and its value, refused before any work, and
/// nothing of the user's is touched.
/// </summary>
public sealed class CommandInputTests : IDisposable
{
    private readonly TempFolder _tmp = new();

    public void Dispose() => _tmp.Dispose();

    private string Vectors() => _tmp.Write("v.txt", "3 2\nking 1 0\nqueen 0.9 0.1\nman 0 1\n");

    private static void AssertBadInput((int Code, string Out, string Err) run, string message)
    {
        Assert.True(run.Code == 2, $"exit {run.Code}: {run.Err}{run.Out}");
        Assert.Contains(message, run.Err);
    }

    [Theory]
    [InlineData("--min-count", "0", "--min-count = 0: must be at least 1")]
    [InlineData("--threshold", "-1", "--threshold = -1: must be a finite number ≥ 0")]
    [InlineData("--delimiter", "a b", "--delimiter = 'a b': must be a non-empty string without whitespace")]
    [InlineData("--max-bigrams", "0", "--max-bigrams = 0: at least one bigram must be kept")]
    [InlineData("--data", "/no/such/data", "--data = \"/no/such/data\": no such folder")]
    public void PhrasesRefusesABadOptionByItsName(string option, string value, string message)
    {
        var input = _tmp.Write("in.txt", "new york new york\n");
        AssertBadInput(Run("phrases", input, _tmp.File("out.txt"), option, value), message);
        Assert.False(File.Exists(_tmp.File("out.txt")));
    }

    [Fact]
    public void PhrasesRefusesAFolderAsInputOrOutput()
    {
        var input = _tmp.Write("in.txt", "new york new york\n");
        Directory.CreateDirectory(_tmp.File("folder"));
        AssertBadInput(Run("phrases", _tmp.File("folder"), _tmp.File("out.txt")), "is a folder: give a text file");
        AssertBadInput(Run("phrases", input, _tmp.File("folder")), "is a folder: name the file to write");
        Assert.Empty(Directory.GetFileSystemEntries(_tmp.File("folder")));
    }

    [Fact]
    public void PhrasesRefusesAnEmptyOutputAndABinaryInput()
    {
        var input = _tmp.Write("in.txt", "new york new york\n");
        AssertBadInput(Run("phrases", input, ""), "the output is empty: name the file to write");
        var binary = _tmp.Write("in.bin", new byte[] { (byte)'a', 0, (byte)'b', 0, (byte)'\n', 0 });   // UTF-16 "ab"
        AssertBadInput(Run("phrases", binary, _tmp.File("out.txt")), $"{binary} is not a text file: a NUL byte at offset 1");
        Assert.False(File.Exists(_tmp.File("out.txt")));
    }

    [Fact]
    public void PhrasesWarnsOfInvalidUtf8AsTrainDoes()
    {
        var input = _tmp.Write("latin1.txt", new byte[] { (byte)'c', (byte)'a', (byte)'f', 0xE9, (byte)' ', (byte)'o', (byte)'k', (byte)'\n' });
        var (code, stdout, err) = Run("phrases", input, _tmp.File("out.txt"));
        Assert.True(code == 0, err + stdout);
        Assert.Contains($"w2v: warning: {input}: 1 byte sequence(s) are not valid UTF-8 (the first at byte 3)", err);
        Assert.Equal("caf\uFFFD ok", File.ReadLines(_tmp.File("out.txt")).Single());
    }

    [Fact]
    public void PhrasesKeepsTheUsersFilesNamedLikeAPassOutput()
    {
        // Pass 1's output used to be OUT.pass1: a user's file of that name, even the input, was replaced and deleted.
        var text = string.Concat(Enumerable.Repeat("we read the new york times today\n", 30)) + "and one more line\n";
        var input = _tmp.Write("out.txt.pass1", text);
        var (code, stdout, err) = Run("phrases", input, _tmp.File("out.txt"), "--passes", "2", "--min-count", "2", "--threshold", "0.3");
        Assert.True(code == 0, err + stdout);
        Assert.Equal(text, File.ReadAllText(input));
        Assert.Equal("we_read_the_new york_times_today", File.ReadLines(_tmp.File("out.txt")).First());
        Assert.Equal(["out.txt", "out.txt.pass1"], Directory.GetFiles(_tmp.Path).Select(Path.GetFileName).Order());
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-1")]
    public void NeighboursRefusesATopnBelowOne(string topn) =>
        AssertBadInput(Run("neighbours", "--vectors", Vectors(), "--topn", topn, "king"), $"--topn = {topn}: must be at least 1");

    [Theory]
    [InlineData("--topn", "0")]
    [InlineData("--topn", "-3")]
    [InlineData("--restrict", "-1")]
    public void AnalogyRefusesACountBelowOne(string option, string value) =>
        AssertBadInput(Run("analogy", "--vectors", Vectors(), option, value, "man", "king", "queen"), $"{option} = {value}: must be at least 1");

    /// <summary>--data names the evaluation data: a folder without the sets is an error, never a fall-back to another
    /// data folder (./data, $W2V_DATA, ../shared/data) or to the working directory; a file is not a folder.</summary>
    [Fact]
    public void EvalDataIsTheNamedFolderOrAnError()
    {
        var empty = Directory.CreateDirectory(_tmp.File("no-sets")).FullName;
        AssertBadInput(Run("eval", Vectors(), "--data", empty, "--out", _tmp.File("report")),
            $"the evaluation data folder {empty} holds no eval/questions-words.txt");
        AssertBadInput(Run("eval", Vectors(), "--data", Vectors(), "--out", _tmp.File("report")), $"--data = \"{Vectors()}\": a file, not a folder");
        // The analogies alone: every other set is named before any work is done.
        Directory.CreateDirectory(Path.Combine(empty, "eval"));
        File.Copy(TestData.Path("eval", "questions-words.txt"), Path.Combine(empty, "eval", "questions-words.txt"));
        AssertBadInput(Run("eval", Vectors(), "--data", empty, "--out", _tmp.File("report")),
            $"the evaluation data folder {empty} lacks eval/wordsim353.tsv, eval/simlex999.txt, eval/men.txt, eval/rw.txt, eval/mturk771.txt, " +
            "sst/trees/train.txt, sst/trees/dev.txt, sst/trees/test.txt.");
        Assert.False(Directory.Exists(_tmp.File("report")));
    }

    [Fact]
    public void AMissingInputSaysEveryPlaceItWasLookedFor() =>
        // The working directory is looked in first, then the data folders.
        AssertBadInput(Run("phrases", "no-such-corpus.txt", _tmp.File("out.txt")),
            "the phrases input = \"no-such-corpus.txt\": not found. Looked in: the working directory, ");

    [Fact]
    public void AnAnalogyWithNoWordLeftToAnswerSaysSo()
    {
        var path = _tmp.Write("three.txt", "3 2\nking 1 0\nqueen 0.9 0.1\nman 0 1\n");
        var (code, stdout, err) = Run("analogy", "--vectors", path, "man", "king", "queen");
        Assert.True(code == 0, err);
        Assert.Equal("man : king :: queen : (no candidate is left: the question's own words are never an answer)", stdout.Trim());
    }

    [Fact]
    public void AFolderGivenAsVectorsIsNamedAsAFolder() =>
        AssertBadInput(Run("neighbours", "--vectors", _tmp.Path, "king"), $"vectors file '{_tmp.Path}' is a folder, not a file");

    [LinuxFact("symbolic links")]
    public void AConfigOrVectorsFileThatIsALinkToNothingIsNamedWithWhereItLeads()
    {
        var gone = _tmp.File("moved-away");
        var config = _tmp.File("c.json");
        File.CreateSymbolicLink(config, gone);
        var vectors = _tmp.File("v.txt");
        File.CreateSymbolicLink(vectors, gone);
        var why = $"is a symbolic link to {gone}, which does not exist";
        AssertBadInput(Run("train", "--config", config), $"Config file '{config}' {why}.");
        AssertBadInput(Run("neighbours", "--vectors", vectors, "king"), $"vectors file '{vectors}' {why}.");
        AssertBadInput(Run("analogy", "--vectors", vectors, "man", "king", "woman"), $"vectors file '{vectors}' {why}.");
        AssertBadInput(Run("eval", vectors, "--data", TestData.Root), $"vectors file '{vectors}' {why} (train first?).");
    }

    [Fact]
    public void NeighboursWithATopnBeyondTheVocabularyListsEveryOtherWord()
    {
        // topn + the query's words overflowed an int, and the list was allocated at topn.
        var (code, stdout, err) = Run("neighbours", "--vectors", Vectors(), "--topn", int.MaxValue.ToString(), "king");
        Assert.True(code == 0, err);
        Assert.StartsWith("king: queen 0.994, man 0.000", stdout);
    }

    [Theory]
    [InlineData("neighbours", "--vectors", "v.txt", "--topn", "abc", "king")]   // a value of the wrong type
    [InlineData("analogy", "--vectors", "v.txt", "--method", "cosine", "man", "king", "woman")]   // not a method
    [InlineData("train", "--config", "c.json", "--no-such-option")]
    [InlineData("no-such-command")]
    public void ACommandLineThatDoesNotParseIsBadInput(params string[] args)
    {
        var (code, stdout, err) = Run(args);
        Assert.Equal(2, code);
        // Error lines and where the usage is, as every bad input: not the whole help, not .NET's type names.
        var lines = err.TrimEnd().Split('\n');
        Assert.All(lines, l => Assert.StartsWith("w2v: ", l));
        Assert.Matches(@"^w2v: see 'w2v ([a-z]+ )?--help'\.$", lines[^1]);
        Assert.DoesNotContain("System.", err);
        Assert.Empty(stdout);
    }

    [Theory]
    [InlineData("--topn = 'abc': expected a whole number (of at most 2,147,483,647).", "neighbours", "--vectors", "v.txt", "--topn", "abc", "king")]
    [InlineData("--method = 'cosine': expected one of CosAdd, CosMul.", "analogy", "--vectors", "v.txt", "--method", "cosine", "man", "king", "woman")]
    [InlineData("--seed = 'abc': expected a whole number.", "gradcheck", "--seed", "abc")]
    [InlineData("--min-seconds = 'x': expected a number.", "speed", "--min-seconds", "x")]
    [InlineData("Option '--config' is required.", "train")]
    public void AValueOfTheWrongTypeSaysWhatWasExpected(string message, params string[] args)
    {
        var (code, _, err) = Run(args);
        Assert.Equal(2, code);
        Assert.Contains($"w2v: error: {message}\n", err);
    }

    [Fact]
    public void EvaluatingTheCheckpointOfARunThatNeverRanNamesItsFolderAndMakesNone()
    {
        var runDir = _tmp.File("never-ran");
        var config = Config(_tmp, $$"""{ "output": { "dir": "{{Json(runDir)}}" } }""");
        AssertBadInput(Run("eval", config, "--vectors", "center", "--data", TestData.Root), $"output.dir = \"{runDir}\" of {config} does not exist");
        Assert.False(Directory.Exists(runDir));
    }

    [Fact]
    public void EvalTakesTheOverridesTrainTook()
    {
        var config = Config(_tmp, $$"""{ "output": { "dir": "{{Json(_tmp.File("a"))}}" } }""");
        var other = _tmp.File("b");
        Directory.CreateDirectory(other);
        File.Copy(Vectors(), Path.Combine(other, "vectors.txt"));
        // The config's own folder has no vectors; --set output.dir points at those of the run made with it (found and
        // read: the report's folder, a file here, is what stops it, before any evaluation runs).
        AssertBadInput(Run("eval", config, "--data", TestData.Root), $"vectors file '{Path.Combine(_tmp.File("a"), "vectors.txt")}' does not exist");
        var notAFolder = _tmp.Write("report", "a file");
        AssertBadInput(Run("eval", config, "--set", $"output.dir={other}", "--data", TestData.Root, "--out", notAFolder),
            $"--out = \"{notAFolder}\" is a file, not a folder");
        AssertBadInput(Run("eval", Vectors(), "--set", "output.dir=x"), "--set overrides a config's keys");
    }

    [Fact]
    public void EvalNamesAMissingVectorsFileBeforeLookingForTheData()
    {
        var missing = _tmp.File("nope.txt");
        AssertBadInput(Run("eval", missing, "--data", "/no/such/data"), $"vectors file '{missing}' does not exist");
    }

    [Fact]
    public void EvalRefusesAReportFolderItCannotWriteBeforeEvaluating()
    {
        var report = Directory.CreateDirectory(_tmp.File("report")).FullName;
        var blocker = Directory.CreateDirectory(Path.Combine(report, "evaluation.md")).FullName;
        var run = Run("eval", Vectors(), "--data", TestData.Root, "--out", report);
        AssertBadInput(run, $"{blocker} is a folder, so this output cannot replace it");
        Assert.DoesNotContain("evaluating", run.Out);
    }
}
