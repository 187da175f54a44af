using TorchSharp;
using Word2Vec.Torch.Backend;
using Word2Vec.Torch.Engines;
using Word2Vec.Torch.Tests.Data;
using Word2Vec.Torch.Training.Checkpoints;
using Word2Vec.Torch.Training;
using static TorchSharp.torch;

namespace Word2Vec.Torch.Tests.Training.Checkpoints;

public sealed class CheckpointTests : IDisposable
{
    private readonly TempFolder _tmp = new();

    public void Dispose() => _tmp.Dispose();

    private static CheckpointState State() => new()
    {
        Step = 42, WordsProcessed = 1234, SmoothedLoss = 9.5, BatchSourceState = new ulong[] { 1, 2, ulong.MaxValue },
        VocabSize = 5, OutsideRows = 5, Dimension = 3, Dtype = "float64", VocabularyHash = "abc",
        Fingerprint = new() { ["seed"] = "1" }, LossCurve = new() { new double[] { 10, 20, 20 } }, WallSeconds = 12.5,
    };

    [Fact]
    public void RoundTripsParametersAndState()
    {
        using var model = Embeddings.Initialize(5, 3, ScalarType.Float64, CPU, seed: 3);
        using var quarter = 0.25.ToScalar();
        model.OutsideVectors.add_(quarter, Held.One);
        var path = _tmp.File(CheckpointFile.FileName(42));
        CheckpointFile.Save(path, model, State());
        var (loaded, state) = CheckpointFile.Load(path, CPU);
        using (loaded)
        {
            Assert.Equal(model.CenterVectors.data<double>().ToArray(), loaded.CenterVectors.data<double>().ToArray());
            Assert.Equal(model.OutsideVectors.data<double>().ToArray(), loaded.OutsideVectors.data<double>().ToArray());
            Assert.Equal(42, state.Step);
            Assert.Equal(1234, state.WordsProcessed);
            Assert.Equal(9.5, state.SmoothedLoss);
            Assert.Equal(new ulong[] { 1, 2, ulong.MaxValue }, state.BatchSourceState);
            Assert.Equal((5L, 5L, 3L, "float64", "abc"), (state.VocabSize, state.OutsideRows, state.Dimension, state.Dtype, state.VocabularyHash));
            Assert.Equal(new Dictionary<string, string> { ["seed"] = "1" }, state.Fingerprint);
            Assert.Equal(new double[] { 10, 20, 20 }, Assert.Single(state.LossCurve));
            Assert.Equal(12.5, state.WallSeconds);
        }
        Assert.Empty(Directory.GetFiles(_tmp.Path, "*.tmp"));
    }

    [Fact]
    public void ACheckpointThatCannotBeReadIsAnIOErrorNotACorruptFile()
    {
        // Held by another writer (FileShare.None takes an exclusive lock): unreadable here, not corrupt.
        using var model = Embeddings.Initialize(5, 3, ScalarType.Float64, CPU, seed: 3);
        var path = _tmp.File(CheckpointFile.FileName(42));
        CheckpointFile.Save(path, model, State());
        using (new FileStream(path, FileMode.Open, FileAccess.ReadWrite, FileShare.None))
        {
            var e = Assert.Throws<IOException>(() => CheckpointFile.Load(path, CPU));
            Assert.Contains($"Cannot read checkpoint '{path}'", e.Message);
            Assert.Contains("left as it is", e.Message);
        }
        CheckpointFile.Load(path, CPU).Model.Dispose();   // intact once it can be read
    }

    [Fact]
    public void ACorruptCheckpointIsRefusedWithItsPath()
    {
        using var model = Embeddings.Initialize(5, 3, ScalarType.Float32, CPU, seed: 3);
        var path = _tmp.File(CheckpointFile.FileName(1));
        var s = State();
        s.Dtype = "float32";
        CheckpointFile.Save(path, model, s);
        var bytes = File.ReadAllBytes(path);
        bytes[bytes.Length / 2] ^= 0xFF;
        File.WriteAllBytes(path, bytes);
        var e = Assert.Throws<InvalidDataException>(() => CheckpointFile.Load(path, CPU));
        Assert.Contains(path, e.Message);
        Assert.Contains("corrupt", e.Message);

        File.WriteAllBytes(path, new byte[] { 1, 2, 3 });
        Assert.Contains("not a Word2Vec.Torch checkpoint", Assert.Throws<InvalidDataException>(() => CheckpointFile.Load(path, CPU)).Message);
    }

    /// <summary>The matrices are streamed in chunks of whole rows (64 MB in use): chunks of 2 rows, of 1 row, and
    /// smaller than a row (one row at a time) all give the same parameters.</summary>
    [Theory]
    [InlineData(2 * 3 * 8)]
    [InlineData(3 * 8 + 5)]
    [InlineData(7)]
    public void ReadsTheMatricesInChunksOfRows(int chunkBytes)
    {
        using var model = Embeddings.Initialize(5, 3, ScalarType.Float64, CPU, seed: 4);
        var path = _tmp.File(CheckpointFile.FileName(42));
        CheckpointFile.Save(path, model, State());
        var (loaded, _) = CheckpointFile.Load(path, CPU, chunkBytes);
        using (loaded)
        {
            Assert.Equal(model.CenterVectors.data<double>().ToArray(), loaded.CenterVectors.data<double>().ToArray());
            Assert.Equal(model.OutsideVectors.data<double>().ToArray(), loaded.OutsideVectors.data<double>().ToArray());
        }
    }

    [Theory]
    [InlineData("truncated")]
    [InlineData("header length")]
    [InlineData("header")]
    [InlineData("checksum")]
    public void ABrokenCheckpointIsCalledCorruptWithItsPath(string damage)
    {
        using var model = Embeddings.Initialize(5, 3, ScalarType.Float64, CPU, seed: 3);
        var path = _tmp.File(CheckpointFile.FileName(1));
        CheckpointFile.Save(path, model, State());
        var bytes = File.ReadAllBytes(path).ToList();
        switch (damage)
        {
            case "truncated": bytes.RemoveRange(bytes.Count - 40, 40); break;                     // a write cut short
            case "header length": bytes[8 + 3] = 0x7F; break;                                      // 2^31-ish bytes of header
            case "header": bytes[8 + 4] = (byte)'x'; break;                                        // not JSON any more
            case "checksum": bytes[^1] ^= 0x01; break;
        }
        File.WriteAllBytes(path, bytes.ToArray());
        var e = Assert.Throws<InvalidDataException>(() => CheckpointFile.Load(path, CPU));
        Assert.Contains(path, e.Message);
        Assert.Contains("corrupt", e.Message);
    }

    [Fact]
    public void ListsNewestFirstAndPrunesOldOnes()
    {
        using var model = Embeddings.Initialize(5, 3, ScalarType.Float64, CPU, seed: 3);
        foreach (var step in new[] { 5, 100, 20 }) CheckpointFile.Save(_tmp.File(CheckpointFile.FileName(step)), model, State());
        Assert.EndsWith(CheckpointFile.FileName(100), CheckpointFile.List(_tmp.Path)[0]);
        CheckpointFile.Prune(_tmp.Path, 2);
        Assert.Equal(new[] { CheckpointFile.FileName(100), CheckpointFile.FileName(20) }, CheckpointFile.List(_tmp.Path).Select(Path.GetFileName));
    }

    [Fact]
    public void InitializationIsTheAssignmentsAndSeeded()
    {
        using var a = Embeddings.Initialize(1000, 10, ScalarType.Float64, CPU, seed: 9);
        using var b = Embeddings.Initialize(1000, 10, ScalarType.Float64, CPU, seed: 9);
        var v = a.CenterVectors.data<double>().ToArray();
        Assert.Equal(v, b.CenterVectors.data<double>().ToArray());
        Assert.All(v, x => Assert.InRange(x, -0.05, 0.05));
        Assert.True(v.Max() > 0.045 && v.Min() < -0.045);
        Assert.All(a.OutsideVectors.data<double>().ToArray(), x => Assert.Equal(0.0, x));
    }
}
