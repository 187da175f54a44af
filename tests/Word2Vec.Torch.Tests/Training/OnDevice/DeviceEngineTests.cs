using TorchSharp;
using Word2Vec.Torch.Data;
using Word2Vec.Torch.Math;
using Word2Vec.Torch.Training;
using static TorchSharp.torch;

namespace Word2Vec.Torch.Tests.Training.OnDevice;

public sealed class DeviceEngineTests
{
    private static SgdStep Step(ScalarType dtype) =>
        new(new Word2VecArchitecture(ContextCombine.Sum, new NegativeSamplingLoss()), GradientMode.Manual, CPU, dtype);

    [Fact]
    public void ADeviceStepIsTheHostStepOnTheSamePairs()
    {
        var corpus = DeviceTestData.ZipfLines(6_000);
        var V = corpus.Vocabulary.Count;
        using var data = new DeviceCorpus(corpus, 1e-3, CPU, noiseTableSize: 10_000);
        using var source = new DeviceBatchSource(data, 5, 4, 2_000, 1, seed: 3, ScalarType.Float64);
        using var scope = torch.NewDisposeScope();
        var batch = source.Next()!;
        var copy = BatchCopy.Of(batch);

        // The same pairs as a host TrainingBatch, through the host engine.
        var host = new TrainingBatch();
        host.Prepare(copy.Count, 1, 4);
        host.Count = copy.Count;
        copy.Centres.CopyTo(host.Inputs, 0);
        Array.Fill(host.InputMask, 1f, 0, copy.Count);
        copy.Outsides.CopyTo(host.Targets, 0);
        copy.Negatives.CopyTo(host.Negatives, 0);

        using var deviceEngine = new DeviceEngine(EmbeddingModel.Initialize(V, 6, ScalarType.Float64, CPU, 5), Step(ScalarType.Float64));
        using var hostEngine = new TensorEngine(EmbeddingModel.Initialize(V, 6, ScalarType.Float64, CPU, 5), Step(ScalarType.Float64));
        for (var i = 0; i < 3; i++)
        {
            var a = deviceEngine.Step(batch, 0.05, wantLoss: true);
            var b = hostEngine.Step(host, 0.05, wantLoss: true);
            Assert.Equal(b, a);
        }
        Assert.True(double.IsNaN(deviceEngine.Step(batch, 0.05, wantLoss: false)));
        hostEngine.Step(host, 0.05, wantLoss: false);
        using var x = deviceEngine.ExportModel();
        using var y = hostEngine.ExportModel();
        Assert.Equal(y.CenterVectors.data<double>().ToArray(), x.CenterVectors.data<double>().ToArray());
        Assert.Equal(y.OutsideVectors.data<double>().ToArray(), x.OutsideVectors.data<double>().ToArray());
    }

    [Fact]
    public void TheRowScaleIsMinOfOneAndCapOverTheRowsCount()
    {
        using var rows = torch.tensor(new long[] { 0, 1, 1, 2, 2, 2, 4 });
        using var scale = SgdStep.RowScale(rows, 5, cap: 2, ScalarType.Float64);
        Assert.Equal(new long[] { 7, 1 }, scale.shape);
        var s = scale.data<double>().ToArray();
        Assert.Equal(new[] { 1, 1, 1, 2 / 3.0, 2 / 3.0, 2 / 3.0, 1 }, s);
    }

    [Fact]
    public void TheTensorStepNeedsManualGradients()
    {
        var step = new SgdStep(new Word2VecArchitecture(ContextCombine.Sum, new NegativeSamplingLoss()), GradientMode.Autograd, CPU, ScalarType.Float32);
        using var model = EmbeddingModel.Initialize(4, 2, ScalarType.Float32, CPU, 1);
        using var inputs = torch.tensor(new long[] { 1 }, new long[] { 1, 1 });
        using var mask = torch.ones(1, 1);
        using var targets = torch.tensor(new long[] { 2 });
        using var negatives = torch.tensor(new long[] { 3 }, new long[] { 1, 1 });
        Assert.Throws<NotSupportedException>(() => step.Apply(model, inputs, mask, targets, negatives, 0.1));
    }
}
