using TorchSharp;
using Word2Vec.Torch.Engines.OnDevice;
using Word2Vec.Torch.Sampling;
using Word2Vec.Torch.Training;
using static TorchSharp.torch;

namespace Word2Vec.Torch.Tests.Engines.OnDevice;

/// <summary>Corpora and host copies of device batches for the device-pipeline tests (all on the CPU device).</summary>
public static class DeviceTestData
{
    public static long[] L(Tensor t) => t.cpu().data<long>().ToArray();

    /// <summary>The source's next batch, or null at the end (its tensors in the caller's dispose scope, if any).</summary>
    public static DeviceBatch? Next(DeviceBatchSource source)
    {
        var batch = new DeviceBatch();
        return source.NextBatch(batch) ? batch : null;
    }

    /// <summary>Every batch of one run of a source, copied to the host.</summary>
    public static List<BatchCopy> Drain(DeviceBatchSource source, int max = int.MaxValue)
    {
        var list = new List<BatchCopy>();
        for (var i = 0; i < max; i++)
        {
            using var scope = torch.NewDisposeScope();
            var b = Next(source);
            if (b is null) break;
            list.Add(BatchCopy.Of(b));
        }
        return list;
    }
}

/// <summary>A device batch's tensors as host arrays.</summary>
public sealed record BatchCopy(long[] Centres, long[] Outsides, long[] Negatives, int K, long[] CentrePositions, long[] OutsidePositions,
    long[] KeptPositions, float[] Mask, long ChunkStart, long ChunkEnd, long Epoch, long WordsProcessed)
{
    public int Count => Centres.Length;

    public static BatchCopy Of(DeviceBatch b)
    {
        Assert.Equal(new[] { (long)b.Count, 1L }, b.Inputs.shape);
        Assert.Equal(new[] { (long)b.Count, 1L }, b.InputMask.shape);
        Assert.Equal(new[] { (long)b.Count }, b.Targets.shape);
        Assert.Equal(b.Count, b.Negatives.shape[0]);
        Assert.Equal(new[] { b.KeptWords }, b.KeptPositions.shape);
        foreach (var t in new[] { b.Inputs, b.Targets, b.Negatives, b.CenterPositions, b.OutsidePositions, b.KeptPositions })
            Assert.Equal(ScalarType.Int64, t.dtype);
        return new BatchCopy(DeviceTestData.L(b.Inputs), DeviceTestData.L(b.Targets), DeviceTestData.L(b.Negatives), (int)b.Negatives.shape[1],
            DeviceTestData.L(b.CenterPositions), DeviceTestData.L(b.OutsidePositions), DeviceTestData.L(b.KeptPositions),
            b.InputMask.cpu().to(ScalarType.Float32).data<float>().ToArray(), b.ChunkStart, b.ChunkEnd, b.Epoch, b.WordsProcessed);
    }

    public void AssertEqual(BatchCopy other)
    {
        Assert.Equal(Centres, other.Centres);
        Assert.Equal(Outsides, other.Outsides);
        Assert.Equal(Negatives, other.Negatives);
        Assert.Equal(KeptPositions, other.KeptPositions);
        Assert.Equal((ChunkStart, ChunkEnd, Epoch, WordsProcessed), (other.ChunkStart, other.ChunkEnd, other.Epoch, other.WordsProcessed));
    }
}
