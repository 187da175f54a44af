using Word2Vec.Torch.Engines.OnDevice;
using Word2Vec.Torch.Sampling;
using Word2Vec.Torch.Training;
using static Word2Vec.Torch.Tests.Training.TrainRuns;

namespace Word2Vec.Torch.Tests.Training;

/// <summary>The one place that turns options into a run.</summary>
[Collection("Text8Slice")]
public class RunFactoryTests(Text8SliceFixture text)
{
    [Theory]
    [MemberData(nameof(Engines), MemberType = typeof(TrainRuns))]
    public void EachEngineGetsTheBatchesItTakes(EngineKind engine)
    {
        using var run = RunFactory.Create(Text(engine), text.Path);
        var batches = run.GetType().GetGenericArguments().Single();
        Assert.Equal(engine == EngineKind.Device ? typeof(DeviceBatch) : typeof(TrainingBatch), batches);
        Assert.Contains("tokens kept", run.Description);
        using (var model = run.Train(null).Embeddings) Assert.Equal(run.Vocabulary.Count, model.VocabSize);
        Assert.Throws<InvalidOperationException>(() => run.Train(null));   // a run trains once
    }

    [Fact]
    public void InvalidOptionsAreRefusedBeforeTheCorpusIsRead()
    {
        var e = Assert.Throws<InvalidOptionsException>(() =>
            RunFactory.Create(Sst(10, EngineKind.Device), "/no/such/corpus"));
        Assert.Contains("training.engine = device", e.Message);
    }

    [Theory]
    [InlineData(EngineKind.Cpu, "auto", true, "cpu")]   // the cpu engines' parameters live in managed memory
    [InlineData(EngineKind.CpuBatched, "auto", true, "cpu")]
    [InlineData(EngineKind.Tensor, "auto", true, "cuda:0")]
    [InlineData(EngineKind.Device, "auto", true, "cuda:0")]
    [InlineData(EngineKind.Tensor, "auto", false, "cpu")]
    [InlineData(EngineKind.Tensor, "cuda:1", true, "cuda:1")]
    public void TheDeviceIsTheConfigsWhereTheEngineCanUseIt(EngineKind engine, string device, bool cudaAvailable, string expected)
    {
        var o = Text(engine, o => o.Device = device);
        Assert.Equal(expected, RunFactory.DeviceOf(o, () => cudaAvailable).ToString());
    }

    [Fact]
    public void CudaWhereThereIsNoneIsAnErrorNamingTheDevice()
    {
        var e = Assert.Throws<ArgumentException>(() => RunFactory.DeviceOf(Text(EngineKind.Tensor, o => o.Device = "cuda"), () => false));
        Assert.Contains("device 'cuda' was asked for, but CUDA is not available", e.Message);
    }

    [Fact]
    public void TheSstRunReadsTheAssignmentsCorpus()
    {
        using var run = RunFactory.Create(Sst(10), TestData.SstFolder);
        Assert.Equal(19_539, run.Vocabulary.Count);
        Assert.Contains("11,855 sentences", run.Description);
    }
}
