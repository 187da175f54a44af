using System.IO.Compression;
using System.Text;
using Word2Vec.Torch.Data;
using Word2Vec.Torch.Evaluation;
using Word2Vec.Torch.Tests.Data;
using static Word2Vec.Torch.Tests.Cli.CliRunner;

namespace Word2Vec.Torch.Tests.Cli;

/// <summary>
/// Bad input of every kind, as a new user would give it: each is a clear error (exit 2, naming the
/// file or the key), or a stated warning, never a crash or a silent acceptance; a failed start
/// writes nothing.
/// </summary>
public sealed class InputErrorTests : IDisposable
{
    private readonly TempFolder _tmp = new();

    public void Dispose() => _tmp.Dispose();

    private string OutDir => _tmp.File("out");

    private string TextConfig(string corpus, string extra = "") => Config(_tmp, $$"""
        { "corpus": { "format": "text", "path": "{{Json(corpus)}}", "minCount": 1 },
          "model": { "dimension": 4 }, "training": { "steps": 3, "batchSize": 64 }, "device": "cpu",
          "output": { "dir": "{{Json(OutDir)}}", "plots": false } {{extra}} }
        """);

    /// <summary>A failed start leaves no output folder (or an empty one).</summary>
    private void AssertNothingWritten() =>
        Assert.True(!Directory.Exists(OutDir) || !Directory.EnumerateFileSystemEntries(OutDir).Any(),
            $"a failed start wrote: {string.Join(", ", Directory.Exists(OutDir) ? Directory.GetFileSystemEntries(OutDir) : Array.Empty<string>())}");

    private (int Code, string Err) Fails(params string[] args)
    {
        var (code, stdout, err) = Run(args);
        Assert.True(code == 2, $"exit {code}: {err}{stdout}");
        AssertNothingWritten();
        return (code, err);
    }

    private string Corpus(string text, string name = "corpus.txt") => _tmp.Write(name, text);

    private string Words(int n) => string.Join(' ', TextFiles.ZipfWords(n));

    [Fact]
    public void AnSstPathThatDoesNotExistIsAnErrorNeverTheDefaultCorpus()
    {
        var config = Config(_tmp, $$"""{ "corpus": { "format": "sst", "path": "no/such/sst" }, "training": { "steps": 3 }, "device": "cpu", "output": { "dir": "{{Json(OutDir)}}" } }""");
        var (_, err) = Fails("train", "--config", config);
        Assert.Contains("corpus.path = \"no/such/sst\": not found", err);
    }

    [Fact]
    public void APlainTextFileReadAsSstIsAnErrorNamingTheLine()
    {
        var text = Corpus("the cat sat on the mat\nthe dog sat too\n");
        var config = Config(_tmp, $$"""{ "corpus": { "format": "sst", "path": "{{Json(text)}}" }, "training": { "steps": 3 }, "device": "cpu", "output": { "dir": "{{Json(OutDir)}}" } }""");
        var (_, err) = Fails("train", "--config", config);
        Assert.Contains($"{text}, line 1", err);
        Assert.Contains("sentence_index", err);

        File.WriteAllText(text, "sentence_index\tsentence\n1\tA fine film .\nno index here\n");
        (_, err) = Fails("train", "--config", config);
        Assert.Contains($"{text}, line 3", err);
    }

    [Fact]
    public void ACacheFolderThatIsAFileIsNamedByItsKey()
    {
        var file = Corpus("not a folder", "cache.txt");
        var (_, err) = Fails("train", "--config", TextConfig(Corpus(Words(300))), "--set", $"corpus.cacheDir={file}");
        Assert.Contains($"corpus.cacheDir = \"{file}\" is a file, not a folder.", err);
    }

    /// <summary>A one-word vocabulary: lowering corpus.minCount is suggested only where it is above 1, raising
    /// corpus.maxVocab only where it cut the vocabulary.</summary>
    [Theory]
    [InlineData("one\n", "corpus.minCount=1", "word2vec needs at least two: use a larger corpus.")]
    [InlineData("one one\n", "corpus.minCount=2", "word2vec needs at least two: use a larger corpus.")]   // one word however counted
    [InlineData("one one one two three\n", "corpus.minCount=2", "word2vec needs at least two: lower corpus.minCount, or use a larger corpus.")]
    [InlineData("one one one two three\n", "corpus.maxVocab=1", "word2vec needs at least two: raise corpus.maxVocab, or use a larger corpus.")]
    public void ATooSmallVocabularySuggestsOnlyWhatCanHelp(string text, string set, string message)
    {
        var (_, err) = Fails("train", "--config", TextConfig(Corpus(text)), "--set", set);
        Assert.Contains(message, err);
    }

    [Fact]
    public void AnArgumentErrorReadsWithoutDotNetsParameterNote()
    {
        // Pure hierarchical softmax has no outside word vectors: centerPlusOutside is refused, in words of its own.
        var config = TextConfig(Corpus(Words(300)), """, "loss": { "type": "hierarchicalSoftmax" }""");
        var (code, stdout, err) = Run("train", "--config", config);
        Assert.True(code == 0, err + stdout);
        (code, _, err) = Run("eval", config, "--vectors", "centerPlusOutside", "--data", TestData.Root);
        Assert.Equal(2, code);
        Assert.Contains("inner nodes", err);
        Assert.DoesNotContain("(Parameter", err);
    }

    [Fact]
    public void SstWithoutStepsIsAnError()
    {
        var config = Config(_tmp, $$"""{ "corpus": { "format": "sst", "path": "{{Json(TestData.SstFolder)}}" }, "training": { "steps": 0 }, "device": "cpu", "output": { "dir": "{{Json(OutDir)}}" } }""");
        Assert.Contains("training.steps = 0", Fails("train", "--config", config).Err);
    }

    [Theory]
    [InlineData("training.steps=0x10")]
    [InlineData("training.steps=1,000")]
    [InlineData("model.dimension=1e2")]
    [InlineData("schedule.learningRate=NaN")]
    [InlineData("schedule.learningRate=Infinity")]
    public void OddNumberFormsAreRefusedBlamingTheCommandLine(string set)
    {
        var (_, err) = Fails("train", "--config", TextConfig(Corpus(Words(300))), "--set", set);
        Assert.Contains("command line", err);
        Assert.Contains(set[..set.IndexOf('=')], err);
    }

    [Fact]
    public void AnOutOfRangeOverrideBlamesTheCommandLineNotTheFile()
    {
        var config = TextConfig(Corpus(Words(300)));
        var (_, err) = Fails("train", "--config", config, "--set", "model.dimension=0");
        Assert.Contains("command line (--set): model.dimension = 0", err);
        Assert.DoesNotContain(config, err);
    }

    [Theory]
    [InlineData("training.windowsPerStep", "1000000000", "sst")]
    [InlineData("training.batchSize", "2147483647", "text")]
    public void SizesNoMachineHoldsAreRefusedWithTheirEstimate(string key, string value, string format)
    {
        var config = format == "sst"
            ? Config(_tmp, $$"""{ "corpus": { "format": "sst", "path": "{{Json(TestData.SstFolder)}}" }, "training": { "steps": 3 }, "device": "cpu", "output": { "dir": "{{Json(OutDir)}}" } }""")
            : TextConfig(Corpus(Words(300)));
        var (_, err) = Fails("train", "--config", config, "--set", $"{key}={value}");
        Assert.Contains($"{key} = {value}", err);
        Assert.Contains("need about", err);
    }

    [Fact]
    public void AOneWordVocabularyNamesTheFileAndTheKeys()
    {
        var corpus = Corpus("alone alone alone alone alone\n");
        var (_, err) = Fails("train", "--config", TextConfig(corpus));
        Assert.Contains(corpus, err);
        Assert.Contains("corpus.minCount", err);
        Assert.Contains("corpus.maxVocab", err);
        (_, err) = Fails("train", "--config", TextConfig(Corpus(Words(300), "many.txt")), "--set", "corpus.maxVocab=1");
        Assert.Contains("corpus.maxVocab = 1", err);
    }

    [Theory]
    [InlineData("3")]   // by steps
    [InlineData("0")]   // by epochs
    public void ACorpusOfOneWordSentencesGivesNoExampleAndIsAnErrorNotUntrainedVectors(string steps)
    {
        var corpus = Corpus("a\nb\na\nb\n");
        var (_, err) = Fails("train", "--config", TextConfig(corpus), "--set", $"training.steps={steps}");
        Assert.Contains($"text corpus {corpus}: 4 tokens kept, 2 words with count >= 1: no training example", err);
    }

    [Fact]
    public void AFreshStartThatFailsLeavesTheEarlierRunsCheckpointsWhereTheyWere()
    {
        var (code, _, err) = CliRunner.Run("train", "--config", TextConfig(Corpus(Words(300), "many.txt")));
        Assert.True(code == 0, err);
        var before = Directory.GetFiles(OutDir, "*.w2vckpt").Order().ToList();
        Assert.NotEmpty(before);

        // No training example: the run fails before it writes, so the earlier run is still the one a resume continues.
        (code, _, err) = CliRunner.Run("train", "--config", TextConfig(Corpus("a\nb\na\nb\n")), "--no-resume");
        Assert.Equal(2, code);
        Assert.Contains("no training example", err);
        Assert.Equal(before, Directory.GetFiles(OutDir, "*.w2vckpt").Order());
        Assert.Empty(Directory.GetDirectories(OutDir, "replaced-*"));
    }

    [Fact]
    public void AnOutputFolderWhoseFilesTheCorpusWouldReadIsRefusedBeforeAnyWork()
    {
        // A run there would write vectors.txt where the corpus reads, and the next run would train on it.
        var folder = Directory.CreateDirectory(_tmp.File("texts")).FullName;
        File.WriteAllText(Path.Combine(folder, "corpus.txt"), Words(300));
        foreach (var path in new[] { folder, Path.Combine(folder, "*.txt"), Path.Combine(_tmp.Path, "**", "*") })
        {
            var (_, err) = Fails("train", "--config", TextConfig(path), "--set", $"output.dir={folder}");
            Assert.Contains($"output.dir = \"{folder}\" is where corpus.path = \"{Json(path)}\" reads", err);
            Assert.Contains("vectors.txt", err);
            Assert.Equal(["corpus.txt"], Directory.GetFileSystemEntries(folder).Select(Path.GetFileName));
        }
        // A pattern that cannot match the outputs is no such corpus: the run trains, and writes there.
        var (code, _, err2) = CliRunner.Run("train", "--config", TextConfig(Path.Combine(folder, "corpus*.txt")), "--set", $"output.dir={folder}");
        Assert.True(code == 0, err2);
        Assert.True(File.Exists(Path.Combine(folder, "vectors.txt")));
    }

    [Fact]
    public void AnOutputNameThatIsAFolderIsRefusedBeforeTraining()
    {
        var blocker = Directory.CreateDirectory(Path.Combine(OutDir, "vectors.txt")).FullName;
        var (code, stdout, err) = CliRunner.Run("train", "--config", TextConfig(Corpus(Words(300))));
        Assert.Equal(2, code);
        Assert.Contains($"{blocker} is a folder, so this output cannot replace it", err);
        Assert.DoesNotContain("step", stdout);   // refused before training, not after it
        Assert.Equal([blocker], Directory.GetFileSystemEntries(OutDir));
    }

    [Fact]
    public void NoResumeDoesNotHideABadCheckpointsResume()
    {
        var (_, err) = Fails("train", "--config", TextConfig(Corpus(Words(300))), "--set", "checkpoints.resume=maybe", "--no-resume");
        Assert.Contains("checkpoints.resume = \"maybe\" is not valid: expected true or false", err);
    }

    [Fact]
    public void ATextCorpusLeftAtTheSstDefaultIsAnErrorNotTheSstFilesReadAsText()
    {
        // "sst", the default path, names the SST release's folder wherever a data folder has it: never read as a text corpus.
        var config = Config(_tmp, $$"""{ "corpus": { "format": "text" }, "training": { "steps": 3 }, "device": "cpu", "output": { "dir": "{{Json(OutDir)}}" } }""");
        var (_, err) = Fails("train", "--config", config);
        Assert.Contains("corpus.path = \"sst\": corpus.format = text needs corpus.path to name the text corpus", err);
    }

    [Fact]
    public void ResumingOnACorpusChangedInPlaceNamesTheCheckpointAndTheWayOut()
    {
        // The same words in the same order of frequency (the fingerprint matches), twice the tokens.
        var text = Words(300) + "\n";
        var corpus = Corpus(text);
        var (code, stdout, err) = Run("train", "--config", TextConfig(corpus));
        Assert.True(code == 0, err + stdout);
        File.AppendAllText(corpus, text);
        (code, stdout, err) = Run("train", "--config", TextConfig(corpus), "--set", "training.steps=6");
        Assert.True(code == 2, $"exit {code}: {err}{stdout}");
        Assert.Contains("cannot resume from " + Path.Combine(OutDir, "checkpoint-"), err);
        Assert.Contains("the state was saved for a corpus of", err);
        Assert.Contains("--no-resume", err);
        Assert.DoesNotContain("(Parameter", err);
    }

    [Fact]
    public void ACorruptZipAndABinaryFileNameTheFile()
    {
        var zip = _tmp.Write("corpus.zip", Encoding.ASCII.GetBytes("PK\u0003\u0004 this is not really a zip archive at all"));
        var (_, err) = Fails("train", "--config", TextConfig(zip));
        Assert.Contains(zip, err);
        Assert.Contains("zip", err);

        var binary = _tmp.Write("corpus.bin", new byte[] { 0x7F, (byte)'E', (byte)'L', (byte)'F', 0, 0, 1, 2, 3 });
        (_, err) = Fails("train", "--config", TextConfig(binary));
        Assert.Contains(binary, err);
        Assert.Contains("not a text file", err);
    }

    [Fact]
    public void InvalidUtf8InACorpusIsAWarningWithTheCountAndTheFirstOffset()
    {
        var bytes = Encoding.UTF8.GetBytes(Words(2000) + " ").Concat(new byte[] { 0xFF, (byte)'x', (byte)' ', 0xC3, (byte)' ' })
            .Concat(Encoding.UTF8.GetBytes(Words(200))).ToArray();
        var offset = Encoding.UTF8.GetByteCount(Words(2000) + " ");
        var corpus = _tmp.Write("latin1.txt", bytes);
        var (code, stdout, err) = Run("train", "--config", TextConfig(corpus));
        Assert.True(code == 0, err + stdout);
        Assert.Contains($"{corpus}: 2 byte sequence(s) are not valid UTF-8 (the first at byte {offset:N0})", err);
    }

    [Fact]
    public void AnOutputDirThatIsAFileIsAnError()
    {
        var file = _tmp.Write("not-a-folder", "x");
        var config = Config(_tmp, $$"""{ "corpus": { "format": "text", "path": "{{Json(Corpus(Words(300)))}}", "minCount": 1 }, "training": { "steps": 3 }, "device": "cpu", "output": { "dir": "{{Json(file)}}" } }""");
        var (code, _, err) = Run("train", "--config", config);
        Assert.Equal(2, code);
        Assert.Contains("is a file, not a folder", err);
    }

    [LinuxFact("/dev/null")]
    public void AnOutputDirThatIsADeviceIsAnError()
    {
        var config = Config(_tmp, $$"""{ "corpus": { "format": "text", "path": "{{Json(Corpus(Words(300)))}}", "minCount": 1 }, "training": { "steps": 3 }, "device": "cpu", "output": { "dir": "/dev/null" } }""");
        var (code, _, err) = Run("train", "--config", config);
        Assert.Equal(2, code);
        Assert.Contains("output.dir = \"/dev/null\" is a file", err);
    }

    [Fact]
    public void ADataFolderThatDoesNotExistIsAnError()
    {
        // It used to be skipped for the next data folder, which could hold another corpus of the same name.
        var config = Config(_tmp, $$"""
            { "corpus": { "format": "text", "path": "corpus.txt", "dataDir": "/no/such/data" }, "device": "cpu",
              "output": { "dir": "{{Json(OutDir)}}" } }
            """);
        var (_, err) = Fails("train", "--config", config);
        Assert.Contains("corpus.dataDir = \"/no/such/data\": no such folder", err);
    }

    [Fact]
    public void AConfigPathThatIsAFolderIsAnError()
    {
        var (code, _, err) = Run("train", "--config", _tmp.Path);
        Assert.Equal(2, code);
        Assert.Contains("is a folder", err);
    }

    [LinuxFact("flock(1) plays the other run")]
    public void ASecondRunIntoTheSameFolderFailsAtOnce()
    {
        Directory.CreateDirectory(OutDir);
        var psi = new System.Diagnostics.ProcessStartInfo("flock") { UseShellExecute = false, RedirectStandardOutput = true };
        foreach (var a in new[] { "-n", "-o", Path.Combine(OutDir, FolderLock.LockName), "-c", "echo held; sleep 600" }) psi.ArgumentList.Add(a);
        using var other = System.Diagnostics.Process.Start(psi)!;
        try
        {
            Assert.Equal("held", other.StandardOutput.ReadLine());
            var (code, _, err) = Run("train", "--config", TextConfig(Corpus(Words(300))));
            Assert.Equal(2, code);
            Assert.Contains("in use by another run", err);
            Assert.Contains(OutDir, err);
            Assert.DoesNotContain(Directory.GetFiles(OutDir), f => Path.GetFileName(f).StartsWith("vectors"));

            // An evaluation into a run's folder takes the same lock: the run there would replace what it reads.
            var vectors = Path.Combine(OutDir, "vectors.txt");
            File.WriteAllText(vectors, "3 2\nking 1 0\nqueen 0.9 0.1\nman 0 1\n");
            (code, _, err) = Run("eval", vectors, "--data", TestData.Root);
            Assert.Equal(2, code);
            Assert.Contains("in use by another run", err);
            // Without --out the message names the default folder and the option that chooses another one.
            Assert.Contains($"the report's folder (--out left out) = \"{OutDir}\"", err);
            Assert.Contains("wait for it to end or name another with --out.", err);
            Assert.False(File.Exists(Path.Combine(OutDir, "evaluation.md")));

            // With --out naming the folder, the message names the option.
            (code, _, err) = Run("eval", vectors, "--data", TestData.Root, "--out", OutDir);
            Assert.Equal(2, code);
            Assert.Contains($"--out = \"{OutDir}\" is in use by another run", err);
            Assert.Contains("choose another --out.", err);
        }
        finally
        {
            other.Kill(entireProcessTree: true);
            other.WaitForExit();
        }
    }

    [Fact]
    public void AFailedEvaluationLeavesNoFolderOfItsOwn()
    {
        var vectors = _tmp.Write("vectors.txt", "4 2\nking 1 0\nqueen 0.9 0.1\nman 0 1\nwoman 0.1 0.9\n");
        // Every file there, analogies to answer, then a similarity file with a bad score: the evaluation fails after
        // it has locked its folder.
        var data = _tmp.File("data");
        foreach (var file in EvaluationReport.RequiredFiles())
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Path.Combine(data, file))!);
            File.WriteAllText(Path.Combine(data, file), "");
        }
        File.WriteAllText(Path.Combine(data, "eval", "questions-words.txt"), ": family\nking queen man woman\n");
        File.WriteAllText(Path.Combine(data, "eval", "wordsim353.tsv"), "king queen 9\nman woman x\n");
        var report = _tmp.File("report");

        var (code, _, err) = Run("eval", vectors, "--data", data, "--out", report);
        Assert.Equal(2, code);
        Assert.Contains("wordsim353.tsv, line 2: the score 'x'", err);
        Assert.False(Directory.Exists(report), "the failed evaluation left its folder");

        // A folder that was there stays, with what it held.
        Directory.CreateDirectory(report);
        File.WriteAllText(Path.Combine(report, "notes.txt"), "mine");
        (code, _, _) = Run("eval", vectors, "--data", data, "--out", report);
        Assert.Equal(2, code);
        Assert.Equal(["notes.txt"], Directory.GetFileSystemEntries(report).Select(Path.GetFileName));
    }

    /// <summary>A report that cannot be written once the evaluation is done (a full disk; here a folder in place of one
    /// of its files) is not lost: it is printed first, and the error says it was not saved and the old files stand.</summary>
    [Fact]
    public void AnEvaluationWhoseReportCannotBeWrittenPrintsItFirst()
    {
        var vectors = _tmp.Write("vectors.txt", "4 2\nking 1 0\nqueen 0.9 0.1\nman 0 1\nwoman 0.1 0.9\n");
        var data = _tmp.File("data");
        Directory.CreateDirectory(Path.Combine(data, "eval"));
        Directory.CreateDirectory(Path.Combine(data, "sst", "trees"));
        File.WriteAllText(Path.Combine(data, "eval", "questions-words.txt"), ": family\nking queen man woman\n");
        foreach (var set in new[] { "wordsim353.tsv", "simlex999.txt", "men.txt", "rw.txt", "mturk771.txt" })
            File.WriteAllText(Path.Combine(data, "eval", set), "king queen 9\nman woman 8\n");
        foreach (var part in new[] { "train", "dev", "test" })
            File.WriteAllText(Path.Combine(data, "sst", "trees", part + ".txt"),
                "(3 (2 king) (3 queen))\n(1 (2 man) (1 woman))\n(4 (4 king) (2 man))\n(0 (0 woman) (2 queen))\n");
        var report = Directory.CreateDirectory(_tmp.File("report")).FullName;
        File.WriteAllText(Path.Combine(report, "evaluation.md"), "the earlier report");
        // Known only once the classifiers have run, so the folder is found at the commit, after the evaluation.
        var blocker = Directory.CreateDirectory(Path.Combine(report, "confusion-binary-network-50-relu.svg")).FullName;

        var (code, stdout, err) = Run("eval", vectors, "--data", data, "--out", report);
        Assert.Equal(2, code);
        Assert.Contains("| family | 1 | 1 | 100.00 % | 100.00 % |", stdout);
        Assert.Contains($"{blocker} is a folder, so this output cannot replace it; the report above was not saved, " +
                        "and no file of an earlier report was replaced", err);
        Assert.Equal("the earlier report", File.ReadAllText(Path.Combine(report, "evaluation.md")));
        Assert.DoesNotContain(Directory.GetFiles(report), f => Path.GetFileName(f) != "evaluation.md");
    }

    [Theory]
    [InlineData("2000000000 1\nthe 1\n", "promises 2,000,000,000 words")]
    [InlineData("2 2\nthe 1 NaN\nof 3 4\n", "line 2: word 'the': value 2 is NaN")]
    [InlineData("2 2\nthe 1 2\nof -Infinity 4\n", "line 3: word 'of': value 1 is -Infinity")]
    public void VectorFilesThatLieOrHoldNonNumbersAreErrorsNamingTheLine(string content, string problem)
    {
        var path = _tmp.Write("v.txt", content);
        var (code, _, err) = Run("neighbours", "--vectors", path, "the");
        Assert.Equal(2, code);
        Assert.Contains(path, err);
        Assert.Contains(problem, err);
    }

    [Fact]
    public void AVectorFileWithAnInvalidUtf8WordIsAnErrorNamingTheLine()
    {
        var path = _tmp.Write("v.txt", Encoding.UTF8.GetBytes("2 2\nthe 1 2\n").Concat(new byte[] { 0xFF, (byte)'x' }).Concat(Encoding.UTF8.GetBytes(" 3 4\n")).ToArray());
        var (code, _, err) = Run("neighbours", "--vectors", path, "the");
        Assert.Equal(2, code);
        Assert.Contains($"{path}, line 3", err);
        Assert.Contains("not valid UTF-8", err);
    }

    [Fact]
    public void NeighboursPrintsEveryKnownWordAndNamesTheUnknownOnes()
    {
        var path = _tmp.Write("v.txt", "3 2\nking 1 0\nqueen 0.9 0.1\nman 0 1\n");
        var (code, stdout, err) = Run("neighbours", "--vectors", path, "emperor", "king", "pope", "man");
        Assert.Equal(2, code);
        Assert.Contains("king: queen", stdout);
        Assert.Contains("man: ", stdout);
        Assert.Contains("'emperor', 'pope'", err);
    }

    /// <summary>A run by epochs, or by more steps than its epochs hold, shorter than progress.printEvery: its last
    /// step is reported, so the final loss is a number; the steps that did not run are named.</summary>
    [Theory]
    [InlineData("0")]
    [InlineData("100000")]
    public void AShortHealthyRunReportsItsLoss(string steps)
    {
        var (code, stdout, err) = Run("train", "--config", TextConfig(Corpus(Words(300))), "--set", $"training.steps={steps}", "--set", "progress.printEvery=1000");
        Assert.True(code == 0, err + stdout);
        Assert.DoesNotContain("final loss NaN", stdout);
        Assert.Matches(@"final loss \d", stdout);
        var json = File.ReadAllText(Path.Combine(OutDir, "run.json"));
        Assert.DoesNotContain("NaN", json);
        if (steps != "0") Assert.Contains("training.steps = 100,000, but the corpus's training.epochs = 1 ended the run at step", stdout + err);
    }

    /// <summary>A folder where an output goes is found before training: the previous run's outputs and checkpoints
    /// stay as they were.</summary>
    [Fact]
    public void AFolderInTheWayOfAnOutputIsRefusedBeforeTrainingAndReplacesNothing()
    {
        var config = TextConfig(Corpus(Words(300)));
        var (code, stdout, err) = Run("train", "--config", config);
        Assert.True(code == 0, err + stdout);
        var before = Directory.GetFiles(OutDir).ToDictionary(f => f, File.ReadAllBytes);
        var blocker = Path.Combine(OutDir, "loss.csv");
        File.Delete(blocker);
        Directory.CreateDirectory(blocker);
        (code, stdout, err) = Run("train", "--config", config, "--no-resume", "--set", "seed=9");
        Assert.True(code == 2, err);
        Assert.Contains($"{blocker} is a folder, so this output cannot replace it", err);
        foreach (var (file, bytes) in before.Where(b => b.Key != blocker))
            Assert.True(bytes.AsSpan().SequenceEqual(File.ReadAllBytes(file)), $"{file} was replaced");
        Assert.Empty(Directory.GetDirectories(OutDir, "replaced-*"));
    }

    /// <summary>A folder put in an output's way while the run trains: found before any rename, so the previous run's
    /// outputs stay whole and the message says how to write the new ones (a rerun resumes at the last step).</summary>
    [Fact]
    public async Task AFolderThatComesInTheWayDuringTrainingReplacesNothing()
    {
        var config = TextConfig(Corpus(Words(300)));
        var (code, stdout, err) = Run("train", "--config", config);
        Assert.True(code == 0, err + stdout);
        var before = Directory.GetFiles(OutDir).Where(f => !f.EndsWith(".w2vckpt")).ToDictionary(f => f, File.ReadAllBytes);
        // A checkpoint every step makes the run last seconds; its first one moves the earlier run's aside, the sign
        // that it trains.
        var run = Task.Run(() => Run("train", "--config", config, "--no-resume", "--set", "seed=9",
            "--set", "training.steps=3000", "--set", "training.epochs=1000", "--set", "checkpoints.every=1", "--set", "checkpoints.keep=1"));
        Assert.True(SpinWait.SpinUntil(() => run.IsCompleted || Directory.GetDirectories(OutDir, "replaced-*").Length > 0, TimeSpan.FromMinutes(2)));
        File.Delete(Path.Combine(OutDir, "loss.csv"));
        Directory.CreateDirectory(Path.Combine(OutDir, "loss.csv"));
        Assert.False(run.IsCompleted, "the run ended before the folder was put in its way");
        (code, stdout, err) = await run;
        Assert.True(code == 2, err);
        Assert.Contains("loss.csv is a folder, so this output cannot replace it); no file of the previous run was replaced", err);
        Assert.Contains("run it again with checkpoints.resume = true (without --no-resume): it resumes at its last step", err);
        foreach (var (file, bytes) in before.Where(b => !b.Key.EndsWith("loss.csv")))
            Assert.True(bytes.AsSpan().SequenceEqual(File.ReadAllBytes(file)), $"{file} was replaced");
        Assert.DoesNotContain(Directory.GetFiles(OutDir), f => AtomicFile.IsTemporary(Path.GetFileName(f)));
    }

    [Fact]
    public void TheOldRunsEvaluationsAndTheOutputsThisRunDoesNotWriteAreRemoved()
    {
        Directory.CreateDirectory(OutDir);
        Directory.CreateDirectory(Path.Combine(OutDir, "evaluation-centerPlusOutside"));
        File.WriteAllText(Path.Combine(OutDir, "evaluation.md"), "about the old vectors");
        File.WriteAllText(Path.Combine(OutDir, "evaluation-centerPlusOutside", "evaluation.md"), "about the old checkpoint");
        File.WriteAllText(Path.Combine(OutDir, "confusion-binary-softmax-regression.csv"), "old");
        File.WriteAllText(Path.Combine(OutDir, "vectors.txt"), "old text vectors, which this run (binary only) does not write");
        var (code, stdout, err) = Run("train", "--config", TextConfig(Corpus(Words(300))), "--set", "output.text=false", "--set", "output.binary=true");
        Assert.True(code == 0, err + stdout);
        Assert.False(File.Exists(Path.Combine(OutDir, "evaluation.md")));
        Assert.False(Directory.Exists(Path.Combine(OutDir, "evaluation-centerPlusOutside")));
        Assert.False(File.Exists(Path.Combine(OutDir, "confusion-binary-softmax-regression.csv")));
        Assert.False(File.Exists(Path.Combine(OutDir, "vectors.txt")), "an old vectors file would be read as this run's");
        Assert.True(File.Exists(Path.Combine(OutDir, "vectors.bin")));
        Assert.DoesNotContain(Directory.GetFiles(OutDir), f => AtomicFile.IsTemporary(Path.GetFileName(f)) || Path.GetFileName(f).StartsWith(".w2v.lock"));
    }
}
