using Word2Vec.Torch.Data;

namespace Word2Vec.Torch.Tests.Data;

/// <summary>Files replaced whole or not at all, and sets of files committed together.</summary>
public sealed class AtomicFileTests : IDisposable
{
    private readonly TempFolder _tmp = new();

    public void Dispose() => _tmp.Dispose();

    /// <summary>A writer that dies half-way, as on a full disk.</summary>
    private static void DiskFull(Stream s)
    {
        s.Write("half a file"u8);
        throw new IOException("No space left on device");
    }

    private string[] Files() => Directory.GetFiles(_tmp.Path).Select(Path.GetFileName).OrderBy(f => f).ToArray()!;

    [Fact]
    public void AWriteReplacesTheFileWhole()
    {
        var path = _tmp.Write("a.txt", "old");
        AtomicFile.WriteAllText(path, "new");
        Assert.Equal("new", File.ReadAllText(path));
        Assert.Equal(new[] { "a.txt" }, Files());
    }

    [Fact]
    public void AFailedWriteLeavesTheOldFileAndNoTemporaryOne()
    {
        var path = _tmp.Write("a.txt", "old");
        Assert.Throws<IOException>(() => AtomicFile.Write(path, DiskFull));
        Assert.Equal("old", File.ReadAllText(path));
        Assert.Equal(new[] { "a.txt" }, Files());
    }

    [Fact]
    public void AFailedRenameLeavesNoTemporaryFile()
    {
        var folder = _tmp.File("taken");
        Directory.CreateDirectory(folder);   // a folder where the file should go: the rename fails
        var e = Assert.Throws<FileWriteException>(() => AtomicFile.WriteAllText(folder, "new"));
        Assert.Equal(folder, e.FilePath);
        Assert.StartsWith($"could not write {folder}: ", e.Message);
        Assert.DoesNotContain(".tmp", e.Message);   // the temporary file is gone: the message names the file it was for
        Assert.Empty(Files());
        Assert.True(Directory.Exists(folder));
    }

    /// <summary>Only a failure of the file being written is a <see cref="FileWriteException"/>: one of what the writer
    /// reads (a corpus file, a download) is its own, and comes as it was thrown.</summary>
    [Fact]
    public void AFailureOfTheFileIsAWriteFailureAndOneOfTheWritersIsNot()
    {
        var path = _tmp.File("a.bin");
        var write = Assert.Throws<FileWriteException>(() => AtomicFile.Write(path, s =>
        {
            s.Write("some bytes"u8);
            s.Seek(-1, SeekOrigin.Begin);   // the file stream's own IOException
        }));
        Assert.Equal(path, write.FilePath);
        Assert.StartsWith($"could not write {path}: ", write.Message);
        Assert.DoesNotContain(".tmp", write.Message);

        var read = new IOException("Input/output error : '/data/corpus.txt'");
        Assert.Same(read, Assert.Throws<IOException>(() => AtomicFile.Write(path, s =>
        {
            s.Write("some bytes"u8);
            throw read;
        })));
        Assert.Empty(Files());
    }

    [Fact]
    public void StagedFilesReplaceNothingUntilAllAreWritten()
    {
        _tmp.Write("vectors.txt", "old vectors");
        _tmp.Write("run.json", "old run");
        using (var files = new StagedFiles(_tmp.Path))
        {
            files.AddText("vectors.txt", "new vectors");
            Assert.Throws<IOException>(() => files.Add("run.json", DiskFull));
        }
        Assert.Equal("old vectors", File.ReadAllText(_tmp.File("vectors.txt")));
        Assert.Equal("old run", File.ReadAllText(_tmp.File("run.json")));
        Assert.Equal(new[] { "run.json", "vectors.txt" }, Files());

        using (var files = new StagedFiles(_tmp.Path))
        {
            files.AddText("vectors.txt", "new vectors");
            files.AddText("run.json", "new run");
            Assert.Equal("old run", File.ReadAllText(_tmp.File("run.json")));   // not yet
            Assert.Equal(new[] { _tmp.File("vectors.txt"), _tmp.File("run.json") }, files.Commit());
        }
        Assert.Equal("new run", File.ReadAllText(_tmp.File("run.json")));
        Assert.Equal(new[] { "run.json", "vectors.txt" }, Files());
    }

    [Fact]
    public void WhatTheNewVersionDoesNotWriteGoesOnlyAtTheCommit()
    {
        string[] Entries() => Directory.GetFileSystemEntries(_tmp.Path).Select(Path.GetFileName).OrderBy(f => f, StringComparer.Ordinal).ToArray()!;
        _tmp.Write("vectors.bin", "old binary vectors");
        _tmp.Write("vectors.txt", "old vectors");
        Directory.CreateDirectory(_tmp.File("evaluation-center"));
        _tmp.Write("evaluation-center/evaluation.md", "of the old vectors");
        using (var files = new StagedFiles(_tmp.Path))
        {
            files.AddText("vectors.txt", "new vectors");
            files.Remove("vectors.bin");
            files.Remove("evaluation-center");
            files.Remove("vectors.txt");       // staged anew as well: kept
            files.Remove("never-there.svg");
            Assert.Throws<IOException>(() => files.Add("run.json", DiskFull));
        }
        Assert.Equal(new[] { "evaluation-center", "vectors.bin", "vectors.txt" }, Entries());   // a failed write removes nothing
        using (var files = new StagedFiles(_tmp.Path))
        {
            files.AddText("vectors.txt", "new vectors");
            files.Remove("vectors.bin");
            files.Remove("evaluation-center");
            files.Remove("vectors.txt");
            Assert.Equal(new[] { "evaluation-center", "vectors.bin", "vectors.txt" }, Entries().Where(e => !AtomicFile.IsTemporary(e)));   // not yet
            files.Commit();
        }
        Assert.Equal(new[] { "vectors.txt" }, Entries());
        Assert.Equal("new vectors", File.ReadAllText(_tmp.File("vectors.txt")));
    }

    [Fact]
    public void ARenameThatFailsMidCommitSaysWhichFilesAreNewAndRemovesTheRest()
    {
        _tmp.Write("vectors.txt", "old vectors");
        _tmp.Write("run.json", "old run");
        _tmp.Write("loss.csv", "old loss");
        _tmp.Write("loss.svg", "old plot");
        using (var files = new StagedFiles(_tmp.Path))
        {
            files.AddText("vectors.txt", "new vectors");
            files.AddText("run.json", "new run");
            files.AddText("loss.csv", "new loss");
            files.Remove("loss.svg");
            // The staged run.json vanishes before the commit (someone cleaned the folder): its rename fails after vectors.txt's.
            File.Delete(Assert.Single(Directory.GetFiles(_tmp.Path, ".run.json.*.tmp")));
            var e = Assert.Throws<PartialCommitException>(() => files.Commit());
            Assert.Equal([_tmp.File("vectors.txt")], e.Replaced);
            Assert.Equal([_tmp.File("run.json"), _tmp.File("loss.csv")], e.NotReplaced);
            Assert.EndsWith("; the commit stopped part-way: vectors.txt replaced, run.json, loss.csv still the previous version", e.Message);
        }
        Assert.Equal("new vectors", File.ReadAllText(_tmp.File("vectors.txt")));
        Assert.Equal("old run", File.ReadAllText(_tmp.File("run.json")));
        Assert.Equal("old loss", File.ReadAllText(_tmp.File("loss.csv")));
        Assert.Equal(new[] { "loss.csv", "loss.svg", "run.json", "vectors.txt" }, Files());   // no removal, no staged file left
    }

    [LinuxFact("/proc refuses to lose a file, even to root (the tests run as root in CI)")]
    public void ARemovalThatFailsIsReportedAndTheNewVersionStaysWhole()
    {
        _tmp.Write("vectors.bin", "old binary vectors");
        IReadOnlyList<string> committed;
        using (var files = new StagedFiles(_tmp.Path))
        {
            files.AddText("vectors.txt", "new vectors");
            files.Remove("/proc/version");   // an old output that cannot go (a name outside the folder stands in for it)
            files.Remove("vectors.bin");
            committed = files.Commit();
            var failure = Assert.Single(files.RemovalFailures);
            Assert.StartsWith("/proc/version: ", failure);
        }
        Assert.Equal([_tmp.File("vectors.txt")], committed);
        Assert.Equal(new[] { "vectors.txt" }, Files());   // the other removal went ahead
        Assert.True(File.Exists("/proc/version"));
    }

    [Fact]
    public void LeftoversOfKilledWritesAreRecognisedAndRemoved()
    {
        _tmp.Write(".vectors.txt.4242.tmp", "a killed write");
        _tmp.Write(".checkpoint-0000000100.w2vckpt.17-3.tmp", "another");
        _tmp.Write("notes.tmp", "a person's file");
        _tmp.Write("vectors.txt", "kept");
        var removed = AtomicFile.RemoveLeftovers(_tmp.Path);
        Assert.Equal(2, removed.Count);
        Assert.Equal(new[] { "notes.tmp", "vectors.txt" }, Files());
    }

    [Fact]
    public void ThreadsWritingOneFileAtOnceEachWriteItWhole()
    {
        // Each write has a temporary file of its own: none fails on another's, and the file is one of them, whole.
        var path = _tmp.File("shared.txt");
        var texts = Enumerable.Range(0, 8).Select(i => new string((char)('a' + i), 100_000)).ToArray();
        Parallel.ForEach(texts, new ParallelOptions { MaxDegreeOfParallelism = 8 }, text => AtomicFile.WriteAllText(path, text));
        Assert.Contains(File.ReadAllText(path), texts);
        Assert.Equal(new[] { "shared.txt" }, Files());
    }
}
