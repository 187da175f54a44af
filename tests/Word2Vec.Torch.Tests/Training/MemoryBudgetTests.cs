using Word2Vec.Torch.Training;
using static Word2Vec.Torch.Tests.Training.TrainRuns;

namespace Word2Vec.Torch.Tests.Training;

/// <summary>Sizes refused before anything is allocated, naming the key, the value and the estimate.</summary>
public class MemoryBudgetTests
{
    private const long Gb = 1L << 30;

    [Fact]
    public void TheShippedSizesFitInAGigabyte()
    {
        Assert.Empty(MemoryBudget.Problems(Sst(40_000), Gb));
        Assert.Empty(MemoryBudget.Problems(Sst(40_000), 19_539, 227_245, Gb));
        Assert.Empty(MemoryBudget.Problems(TrainingOptions.ForText("text8"), 70_000, 17_000_000, Gb));
    }

    [Theory]
    [InlineData("training.windowsPerStep", 1_000_000_000)]
    [InlineData("training.batchSize", int.MaxValue)]
    [InlineData("training.chunkWords", int.MaxValue)]
    public void AStepTooLargeForMemoryNamesItsKey(string key, int value)
    {
        var o = key == "training.windowsPerStep" ? Sst(10) : Text(key == "training.chunkWords" ? EngineKind.Device : EngineKind.Tensor);
        if (key == "training.windowsPerStep") o.Training.WindowsPerStep = value;
        else if (key == "training.batchSize") o.Training.BatchSize = value;
        else o.Training.ChunkWords = value;
        var problem = Assert.Single(MemoryBudget.Problems(o, 24 * Gb), p => p.StartsWith($"{key} = {value}"));
        Assert.Matches(@"need about [\d.]+ (GB|TB)", problem);
        Assert.Contains("24.0 GB", problem);
        // OptionsValidator says the same, before a corpus is read.
        Assert.Contains(OptionsValidator.Problems(o), p => p.StartsWith($"{key} = {value}"));
    }

    [Fact]
    public void TheParametersAndTheCurveAreChecked()
    {
        var o = Sst(10, tweak: o => o.Model.Dimension = 4096);
        var problem = Assert.Single(MemoryBudget.Problems(o, 100_000_000, 1_000, 24 * Gb));
        Assert.StartsWith("model.dimension = 4096 for 100,000,000 words", problem);
        var steps = Assert.Single(MemoryBudget.Problems(Sst(long.MaxValue / 2, tweak: o => o.Progress.PrintEvery = 1), Gb));
        Assert.StartsWith("training.steps", steps);
        Assert.Contains("loss curve", steps);
    }

    [Fact]
    public void NaiveSoftmaxCountsItsBatchTimesTheVocabulary()
    {
        var o = Sst(10, tweak: o => o.Loss.Type = LossKind.NaiveSoftmax);
        Assert.Empty(MemoryBudget.Problems(o, 19_539, 227_245, 24 * Gb));
        o.Training.WindowsPerStep = 100_000;
        Assert.Contains(MemoryBudget.Problems(o, 19_539, 227_245, 24 * Gb), p => p.Contains("naive softmax"));
    }
}
