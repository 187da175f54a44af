using TorchSharp;
using Word2Vec.Torch.Engines.TensorOps;
using Word2Vec.Torch.Sampling;
using static TorchSharp.torch;

namespace Word2Vec.Torch.Tests.Engines.TensorOps;

/// <summary>The tensor engine's batch tensors: the host arrays copied into kept tensors, every id checked on the host.</summary>
public class HostBatchTensorsTests
{
    private static TrainingBatch Batch(int count, int width, int k, int seed, int vocab = 50)
    {
        var rng = new Random(seed);
        var b = new TrainingBatch();
        b.Prepare(count, width, k);
        for (var i = 0; i < count * width; i++) { b.Inputs[i] = rng.Next(vocab); b.InputMask[i] = rng.Next(2); }
        for (var i = 0; i < count; i++) b.Targets[i] = rng.Next(vocab);
        for (var i = 0; i < count * k; i++) b.Negatives[i] = rng.Next(vocab);
        b.Count = count;
        return b;
    }

    [Fact]
    public void EachBatchComesOutAsItsArraysWhateverTheSizesBefore()
    {
        using var host = new HostBatchTensors(torch.CPU, ScalarType.Float64, 50);
        foreach (var (count, width, k) in new[] { (4, 1, 3), (9, 10, 5), (2, 10, 5), (7, 1, 0) })   // grows, shrinks, no negatives
        {
            using var scope = torch.NewDisposeScope();
            var batch = Batch(count, width, k, count);
            var (inputs, mask, targets, negatives) = host.Of(batch);
            Assert.Equal(new long[] { count, width }, inputs.shape);
            Assert.Equal(batch.Inputs.Take(count * width), inputs.reshape(-1).data<long>().ToArray());
            Assert.Equal(ScalarType.Float64, mask.dtype);
            Assert.Equal(batch.InputMask.Take(count * width).Select(m => (double)m), mask.reshape(-1).data<double>().ToArray());
            Assert.Equal(batch.Targets.Take(count), targets.data<long>().ToArray());
            if (k == 0) Assert.Null(negatives);
            else Assert.Equal(batch.Negatives.Take(count * k), negatives!.reshape(-1).data<long>().ToArray());
        }
    }

    [Theory]
    [InlineData("input", 50)]
    [InlineData("target", -1)]
    [InlineData("negative", 1000)]
    public void AnIdOutsideTheVocabularyIsNamed(string where, long id)
    {
        using var host = new HostBatchTensors(torch.CPU, ScalarType.Float32, 50);
        var batch = Batch(3, 1, 2, 1);
        switch (where)
        {
            case "input": batch.Inputs[2] = id; break;
            case "target": batch.Targets[1] = id; break;
            default: batch.Negatives[5] = id; break;
        }
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => host.Of(batch));
        Assert.Contains($"{where} of the batch is {id}", e.Message);
        Assert.Contains("50-word vocabulary", e.Message);
    }
}
