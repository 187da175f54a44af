using TorchSharp;
using Word2Vec.Torch.Data;
using Word2Vec.Torch.Engines.OnDevice;
using Word2Vec.Torch.Engines.TensorOps;
using Word2Vec.Torch.Engines;
using Word2Vec.Torch.Objective;
using Word2Vec.Torch.Sampling;
using Word2Vec.Torch.Tests.Data;
using static TorchSharp.torch;

namespace Word2Vec.Torch.Tests.Engines.OnDevice;

public sealed class DeviceEngineTests
{
    private static Word2VecArchitecture SkipGramNs => new(ContextCombine.Sum, new NegativeSamplingLoss());

    [Fact]
    public void ADeviceStepIsTheHostStepOnTheSamePairs()
    {
        var corpus = TestCorpora.ZipfLines(6_000);
        var V = corpus.Vocabulary.Count;
        using var data = new DeviceCorpus(corpus, 1e-3, CPU, noiseTableSize: 10_000);
        using var source = new DeviceBatchSource(data, 5, 4, 2_000, 1, seed: 3, ScalarType.Float64);
        using var scope = torch.NewDisposeScope();
        var batch = DeviceTestData.Next(source)!;
        var copy = BatchCopy.Of(batch);

        // The same pairs as a host TrainingBatch, through the host engine.
        var host = new TrainingBatch();
        host.Prepare(copy.Count, 1, 4);
        host.Count = copy.Count;
        copy.Centres.CopyTo(host.Inputs, 0);
        Array.Fill(host.InputMask, 1f, 0, copy.Count);
        copy.Outsides.CopyTo(host.Targets, 0);
        copy.Negatives.CopyTo(host.Negatives, 0);

        using var deviceEngine = new DeviceEngine(Embeddings.Initialize(V, 6, ScalarType.Float64, CPU, 5), SkipGramNs);
        using var hostEngine = new TensorEngine(Embeddings.Initialize(V, 6, ScalarType.Float64, CPU, 5), SkipGramNs);
        for (var i = 0; i < 3; i++)
        {
            var a = deviceEngine.Step(batch, 0.05, wantLoss: true);
            var b = hostEngine.Step(host, 0.05, wantLoss: true);
            Assert.Equal(b, a);
        }
        Assert.True(double.IsNaN(deviceEngine.Step(batch, 0.05, wantLoss: false)));
        hostEngine.Step(host, 0.05, wantLoss: false);
        using var x = deviceEngine.Export();
        using var y = hostEngine.Export();
        Assert.Equal(y.CenterVectors.data<double>().ToArray(), x.CenterVectors.data<double>().ToArray());
        Assert.Equal(y.OutsideVectors.data<double>().ToArray(), x.OutsideVectors.data<double>().ToArray());
    }
}
