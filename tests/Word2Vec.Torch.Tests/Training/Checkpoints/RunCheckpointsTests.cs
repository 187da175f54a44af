using TorchSharp;
using Word2Vec.Torch.Backend;
using Word2Vec.Torch.Engines;
using Word2Vec.Torch.Training;
using Word2Vec.Torch.Training.Checkpoints;
using static TorchSharp.torch;

namespace Word2Vec.Torch.Tests.Training.Checkpoints;

/// <summary>A run's checkpoints: the start (fresh or resumed), the writes, pruning and the compatibility checks.</summary>
public sealed class RunCheckpointsTests : IDisposable
{
    private static readonly string[] Words = { "a", "b", "c", "d" };
    private readonly TempFolder _tmp = new();
    private readonly List<string> _said = new();

    public void Dispose() => _tmp.Dispose();

    private static TrainingOptions Options(Action<TrainingOptions>? tweak = null)
    {
        var o = new TrainingOptions { Seed = 3 };
        o.Model.Dimension = 2;
        o.Checkpoints.Keep = 2;
        tweak?.Invoke(o);
        return o;
    }

    private static RunCheckpoints For(TrainingOptions o, string? dir) => new(o, dir, Words, ScalarType.Float32);

    private static CheckpointState StateAt(long step) => new()
    {
        Step = step, WordsProcessed = 10 * step, SmoothedLoss = 1.5, BatchSourceState = new ulong[] { 7, (ulong)step },
        LossCurve = new List<double[]> { new double[] { step, 2.0, 1.5 } }, WallSeconds = 1,
    };

    [Fact]
    public void WithoutAFolderARunStartsFromTheSeedAndWritesNothing()
    {
        var checkpoints = For(Options(), null);
        var (model, state) = checkpoints.Start(torch.CPU, ScalarType.Float32, _said.Add, out var resumed);
        using (model)
        {
            Assert.Null(resumed);
            Assert.Equal(0, state.Step);
            using var expected = Embeddings.Initialize(4, 2, ScalarType.Float32, torch.CPU, 3);
            Assert.Equal(expected.CenterVectors.data<float>().ToArray(), model.CenterVectors.data<float>().ToArray());
            checkpoints.Save(StateAt(5), model.Clone);
        }
        Assert.Empty(Directory.GetFiles(_tmp.Path));
    }

    [Fact]
    public void AResumeStartsWhereTheNewestCheckpointLeftOff()
    {
        var dir = _tmp.File("run");
        var first = For(Options(), dir);
        var (model, _) = first.Start(torch.CPU, ScalarType.Float32, _said.Add, out _);
        using (model)
        {
            model.CenterVectors.add_(model.OutsideVectors.add(Held.One, Held.One), Held.One);   // something to find again
            first.Save(StateAt(10), model.Clone);
            first.Save(StateAt(20), model.Clone);
            var written = File.GetLastWriteTimeUtc(Path.Combine(dir, CheckpointFile.FileName(20)));
            first.Save(StateAt(20), () => throw new InvalidOperationException("a step is saved once"));
            Assert.Equal(written, File.GetLastWriteTimeUtc(Path.Combine(dir, CheckpointFile.FileName(20))));

            var (resumed, state) = For(Options(), dir).Start(torch.CPU, ScalarType.Float32, _said.Add, out var path);
            using (resumed)
            {
                Assert.EndsWith(CheckpointFile.FileName(20), path);
                Assert.Equal(20, state.Step);
                Assert.Equal(200, state.WordsProcessed);
                Assert.Equal(new ulong[] { 7, 20 }, state.BatchSourceState);
                Assert.Equal(model.CenterVectors.data<float>().ToArray(), resumed.CenterVectors.data<float>().ToArray());
            }
        }
        // checkpoints.resume = false starts afresh even beside them.
        var (fresh, freshState) = For(Options(o => o.Checkpoints.Resume = false), dir).Start(torch.CPU, ScalarType.Float32, _said.Add, out var none);
        using (fresh) Assert.Null(none);
        Assert.Equal(0, freshState.Step);
    }

    [Fact]
    public void OnlyTheNewestKeepCheckpointsStay()
    {
        var dir = _tmp.File("prune");
        var checkpoints = For(Options(o => o.Checkpoints.Keep = 2), dir);
        var (model, _) = checkpoints.Start(torch.CPU, ScalarType.Float32, _said.Add, out _);
        using (model)
            foreach (var step in new long[] { 1, 2, 3, 4 })
                checkpoints.Save(StateAt(step), model.Clone);
        Assert.Equal(new[] { CheckpointFile.FileName(4), CheckpointFile.FileName(3) }, CheckpointFile.List(dir).Select(Path.GetFileName));
    }

    [Fact]
    public void NonFiniteParametersAreNeverWritten()
    {
        var dir = _tmp.File("nan");
        var checkpoints = For(Options(), dir);
        var (model, _) = checkpoints.Start(torch.CPU, ScalarType.Float32, _said.Add, out _);
        using (model)
        {
            Assert.Contains("no checkpoint had been written yet", checkpoints.Kept);
            checkpoints.Save(StateAt(2), model.Clone);
            model.OutsideVectors[1, 1] = torch.tensor(float.NaN);
            Assert.Contains("step 3", Assert.Throws<TrainingDivergedException>(() => checkpoints.Save(StateAt(3), model.Clone)).Message);
        }
        Assert.Equal(new[] { CheckpointFile.FileName(2) }, CheckpointFile.List(dir).Select(Path.GetFileName));
        Assert.Equal($"the last good checkpoint, of step 2, is kept in {dir}", checkpoints.Kept);
    }

    [Fact]
    public void ACheckpointThatDoesNotRecordAKeyIsRefusedNamingIt()
    {
        var dir = _tmp.File("old");
        var checkpoints = For(Options(), dir);
        var (model, _) = checkpoints.Start(torch.CPU, ScalarType.Float32, _said.Add, out _);
        using (model) checkpoints.Save(StateAt(3), model.Clone);
        // As an earlier version would have written it: without schedule.type.
        var path = CheckpointFile.List(dir)[0];
        var (m, state) = CheckpointFile.Load(path, torch.CPU);
        using (m)
        {
            state.Fingerprint.Remove("schedule.type");
            CheckpointFile.Save(path, m, state);
        }
        var e = Assert.Throws<InvalidDataException>(() => For(Options(), dir).Start(torch.CPU, ScalarType.Float32, _said.Add, out _));
        Assert.Contains("schedule.type", e.Message);
        Assert.Contains("another version", e.Message);
        Assert.Contains(path, e.Message);
    }

    private void SaveSteps(string dir, params long[] steps)
    {
        var checkpoints = For(Options(o => o.Checkpoints.Keep = 10), dir);
        var (model, _) = checkpoints.Start(torch.CPU, ScalarType.Float32, _said.Add, out _);
        using (model)
            foreach (var step in steps) checkpoints.Save(StateAt(step), model.Clone);
    }

    [Fact]
    public void TemporaryFilesOfKilledWritesAreRemovedAtTheStart()
    {
        var dir = _tmp.File("leftovers");
        Directory.CreateDirectory(dir);
        File.WriteAllText(Path.Combine(dir, ".checkpoint-0000000100.w2vckpt.999999.tmp"), "half a checkpoint");
        File.WriteAllText(Path.Combine(dir, ".vectors.bin.999999.tmp"), "half the vectors");
        var (model, _) = For(Options(), dir).Start(torch.CPU, ScalarType.Float32, _said.Add, out _);
        model.Dispose();
        Assert.Empty(Directory.GetFiles(dir));
        Assert.Contains(_said, m => m.Contains("removed 2 temporary file(s)"));
    }

    [Fact]
    public void ACorruptNewestCheckpointIsSetAsideAndTheNewestIntactOneUsed()
    {
        var dir = _tmp.File("corrupt");
        SaveSteps(dir, 10, 20);
        var newest = Path.Combine(dir, CheckpointFile.FileName(20));
        var bytes = File.ReadAllBytes(newest);
        bytes[bytes.Length / 2] ^= 0xFF;
        File.WriteAllBytes(newest, bytes);

        var (model, state) = For(Options(), dir).Start(torch.CPU, ScalarType.Float32, _said.Add, out var resumed);
        using (model)
        {
            Assert.EndsWith(CheckpointFile.FileName(10), resumed);
            Assert.Equal(10, state.Step);
        }
        Assert.Contains(_said, m => m.Contains(newest) && m.Contains("corrupt"));
        Assert.True(File.Exists(newest + ".corrupt"));
        Assert.Equal(new[] { CheckpointFile.FileName(10) }, CheckpointFile.List(dir).Select(Path.GetFileName));
    }

    [Fact]
    public void ACheckpointThatGoesBadAgainIsSetAsideBesideTheFirstNotOverIt()
    {
        var dir = _tmp.File("corrupt-twice");
        var newest = Path.Combine(dir, CheckpointFile.FileName(20));
        var asides = new List<byte[]>();
        for (var time = 1; time <= 3; time++)
        {
            SaveSteps(dir, 10, 20);
            var bytes = File.ReadAllBytes(newest);
            bytes[bytes.Length / 2] ^= (byte)time;
            File.WriteAllBytes(newest, bytes);
            asides.Add(bytes);
            var (model, _) = For(Options(), dir).Start(torch.CPU, ScalarType.Float32, _said.Add, out _);
            model.Dispose();
        }
        Assert.False(File.Exists(newest));
        string[] names = [newest + ".corrupt", newest + ".corrupt.2", newest + ".corrupt.3"];
        Assert.Equal(names, Directory.GetFiles(dir, "*.corrupt*").Order());
        Assert.Equal(asides, names.Select(File.ReadAllBytes));   // each time's file, none written over
        Assert.Contains(_said, m => m.Contains("set aside as " + Path.GetFileName(names[2])));
    }

    [Fact]
    public void ANewestCheckpointThatCannotBeReadStopsTheStartAndIsNotSetAside()
    {
        // A read error is no sign of corruption: the run stops, the file stays, no older checkpoint is used.
        var dir = _tmp.File("unreadable");
        SaveSteps(dir, 10, 20);
        var newest = Path.Combine(dir, CheckpointFile.FileName(20));
        using (new FileStream(newest, FileMode.Open, FileAccess.ReadWrite, FileShare.None))
        {
            var e = Assert.Throws<IOException>(() => For(Options(), dir).Start(torch.CPU, ScalarType.Float32, _said.Add, out _));
            Assert.Contains(newest, e.Message);
        }
        Assert.Equal(new[] { CheckpointFile.FileName(20), CheckpointFile.FileName(10) }, CheckpointFile.List(dir).Select(Path.GetFileName));
        Assert.Empty(Directory.GetFiles(dir, "*.corrupt"));
    }

    [Theory]
    [InlineData("vocabulary", "it was written for another vocabulary")]
    [InlineData("dtype", "its dtype is float32, the config's is float64")]
    public void ACheckpointOfAnotherVocabularyOrDtypeIsRefused(string change, string reason)
    {
        var dir = _tmp.File("other-" + change);
        SaveSteps(dir, 10);
        var run = change == "vocabulary"
            ? new RunCheckpoints(Options(), dir, ["the", "of", "and", "one"], ScalarType.Float32)   // as many words, others
            : new RunCheckpoints(Options(), dir, Words, ScalarType.Float64);
        var e = Assert.Throws<InvalidDataException>(() => run.Start(torch.CPU, change == "dtype" ? ScalarType.Float64 : ScalarType.Float32, _said.Add, out _));
        Assert.Contains(reason, e.Message);
        Assert.Contains(Path.Combine(dir, CheckpointFile.FileName(10)), e.Message);
        Assert.Single(CheckpointFile.List(dir));   // refused, never set aside
    }

    [Fact]
    public void OnlyTheNamesTheTrainerWritesAreCheckpoints()
    {
        var dir = _tmp.File("names");
        SaveSteps(dir, 10);
        File.Copy(Path.Combine(dir, CheckpointFile.FileName(10)), Path.Combine(dir, "checkpoint-backup.w2vckpt"));
        File.Copy(Path.Combine(dir, CheckpointFile.FileName(10)), Path.Combine(dir, "checkpoint-9999999999-old.w2vckpt"));
        // \d would take other scripts' digits, and "٠" sorts after every ASCII name: it would be the newest.
        File.Copy(Path.Combine(dir, CheckpointFile.FileName(10)), Path.Combine(dir, "checkpoint-٠٠٠٠٠٠٠٠٩٩.w2vckpt"));
        Assert.Equal(new[] { CheckpointFile.FileName(10) }, CheckpointFile.List(dir).Select(Path.GetFileName));
    }

    [Fact]
    public void WhenNoCheckpointReadsBackTheRunSaysItStartsAfresh()
    {
        var dir = _tmp.File("all-corrupt");
        Directory.CreateDirectory(dir);
        File.WriteAllText(Path.Combine(dir, CheckpointFile.FileName(10)), "not a checkpoint");
        var (model, state) = For(Options(), dir).Start(torch.CPU, ScalarType.Float32, _said.Add, out var resumed);
        model.Dispose();
        Assert.Null(resumed);
        Assert.Equal(0, state.Step);
        Assert.Contains(_said, m => m.Contains("no checkpoint of") && m.Contains("starting afresh at step 0"));
    }

    [Fact]
    public void FreshStartsInTheSameSecondArchiveIntoFoldersOfTheirOwn()
    {
        var dir = _tmp.File("same-second");
        SaveSteps(dir, 10);
        // Two earlier fresh starts in this second (replaced-TIME and replaced-TIME-2), each holding a checkpoint of the same name.
        var clock = new FixedClock(new DateTimeOffset(2026, 12, 2, 10, 30, 15, TimeSpan.Zero));
        var stem = Path.Combine(dir, "replaced-20261202T103015Z");
        foreach (var earlier in new[] { stem, stem + "-2" })
        {
            Directory.CreateDirectory(earlier);
            File.Copy(Path.Combine(dir, CheckpointFile.FileName(10)), Path.Combine(earlier, CheckpointFile.FileName(10)));
        }
        var third = new RunCheckpoints(Options(o => o.Checkpoints.Resume = false), dir, Words, ScalarType.Float32, clock);
        var (model, _) = third.Start(torch.CPU, ScalarType.Float32, _said.Add, out _);
        using (model) third.Save(StateAt(1), model);
        Assert.Equal([CheckpointFile.FileName(1)], CheckpointFile.List(dir).Select(Path.GetFileName));
        Assert.Equal([stem, stem + "-2", stem + "-3"], Directory.GetDirectories(dir).Order());
        Assert.All(Directory.GetDirectories(dir), d => Assert.Single(CheckpointFile.List(d)));
    }

    [Fact]
    public void StartingAfreshMovesTheOldRunsCheckpointsAsideAtItsFirstWrite()
    {
        var dir = _tmp.File("afresh");
        SaveSteps(dir, 10, 20);
        var fresh = For(Options(o => o.Checkpoints.Resume = false), dir);
        var (model, state) = fresh.Start(torch.CPU, ScalarType.Float32, _said.Add, out var resumed);
        using var _ = model;
        Assert.Null(resumed);
        Assert.Equal(0, state.Step);
        // Until it writes, a fresh run has moved nothing: one that fails now (no training example, say) leaves the
        // earlier run as it was.
        Assert.Equal(2, CheckpointFile.List(dir).Count);
        Assert.Empty(Directory.GetDirectories(dir));
        Assert.Empty(_said);

        fresh.Save(StateAt(5), model);
        Assert.Equal([CheckpointFile.FileName(5)], CheckpointFile.List(dir).Select(Path.GetFileName));
        var archive = Assert.Single(Directory.GetDirectories(dir));
        Assert.StartsWith("replaced-", Path.GetFileName(archive));
        Assert.Equal(2, CheckpointFile.List(archive).Count);
        Assert.Contains(_said, m => m.Contains(archive) && m.Contains(CheckpointFile.FileName(20)));
    }

    /// <summary>A checkpoint that cannot be written (here a folder in its place; a full disk the same) stops the run with
    /// what it keeps to resume from, and an afresh run's first failed write puts the earlier run's checkpoints back.</summary>
    [Fact]
    public void ACheckpointThatCannotBeWrittenSaysWhatIsKept()
    {
        var dir = _tmp.File("blocked");
        SaveSteps(dir, 10);
        var blocked = Path.Combine(dir, CheckpointFile.FileName(20));
        Directory.CreateDirectory(blocked);

        var resumed = For(Options(), dir);
        var (model, _) = resumed.Start(torch.CPU, ScalarType.Float32, _said.Add, out _);
        using (model)
        {
            var e = Assert.Throws<IOException>(() => resumed.Save(StateAt(20), model));
            Assert.StartsWith($"training stopped at step 20: could not write {blocked}: ", e.Message);
            Assert.EndsWith($"The last good checkpoint, of step 10, is kept in {dir}: once the file can be written, " +
                            "run the same command again to resume from it.", e.Message);
            Assert.DoesNotContain(".tmp", e.Message);
        }

        var fresh = For(Options(o => o.Checkpoints.Resume = false), dir);
        (model, _) = fresh.Start(torch.CPU, ScalarType.Float32, _said.Add, out _);
        using (model)
        {
            var e = Assert.Throws<IOException>(() => fresh.Save(StateAt(20), model));
            Assert.EndsWith("No checkpoint had been written yet (checkpoints.every = 5,000), so nothing was kept to resume from; " +
                            $"the earlier run's 1 checkpoint(s) are back in {dir}: once the file can be written, run again.", e.Message);
        }
        Assert.Equal([blocked], Directory.GetDirectories(dir));   // no replaced-TIME/ left
        Assert.Equal([CheckpointFile.FileName(10)], Directory.GetFiles(dir).Select(Path.GetFileName));   // and no temporary file
    }

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
