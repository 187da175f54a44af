using TorchSharp;
using Word2Vec.Torch.Engines.OnDevice;
using Word2Vec.Torch.Engines.TensorOps;
using Word2Vec.Torch.Engines;
using Word2Vec.Torch.Objective;
using Word2Vec.Torch.Tests.Backend;
using Word2Vec.Torch.Tests.Data;
using Word2Vec.Torch.Training;
using static TorchSharp.torch;
using static Word2Vec.Torch.Tests.Objective.ObjectiveTestData;

namespace Word2Vec.Torch.Tests.Engines.OnDevice;

/// <summary>Counts live native tensors (the collection runs alone): a device step must leave none behind.</summary>
[Collection(nameof(ProcessWideTorchState))]
public sealed class DeviceLeakTests
{
    [Fact]
    public void ManyDeviceStepsLeaveTheLiveTensorCountWhereItWas()
    {
        var corpus = TestCorpora.ZipfLines(20_000);
        using var data = new DeviceCorpus(corpus, 1e-3, TestDevice, noiseTableSize: 10_000);
        using var source = new DeviceBatchSource(data, 5, 5, 1_000, epochs: 3, seed: 1, ScalarType.Float32);
        using var again = new DeviceBatchSource(data, 5, 5, 1_000, epochs: 1, seed: 2, ScalarType.Float32);
        var architecture = new Word2VecArchitecture(ContextCombine.Sum, new NegativeSamplingLoss());
        using var engine = new DeviceEngine(Embeddings.Initialize(corpus.Vocabulary.Count, 8, ScalarType.Float32, TestDevice, 1),
            architecture, rowUpdateCap: 20);
        using (var warm = torch.NewDisposeScope()) engine.Step(DeviceTestData.Next(source)!, 0.025, wantLoss: true);

        var baseline = LiveTensors.Now();
        var steps = 0;
        while (true)
        {
            using var scope = torch.NewDisposeScope();
            var batch = DeviceTestData.Next(source);
            if (batch is null) break;
            engine.Step(batch, 0.025, wantLoss: steps % 7 == 0);
            steps++;
        }
        Assert.True(steps > 50, $"{steps} steps");
        LiveTensors.AssertNoneLeakedSince(baseline, $"{steps} device steps");

        // Outside a scope, disposing the batch frees its tensors.
        for (var i = 0; i < 5; i++) DeviceTestData.Next(again)!.Dispose();
        LiveTensors.AssertNoneLeakedSince(baseline, "5 batches disposed by hand");
        using (engine.Export()) { }
        LiveTensors.AssertNoneLeakedSince(baseline, "an exported model disposed");
    }
}
