using Word2Vec.Torch.Training;
using static Word2Vec.Torch.Tests.Training.TrainRuns;

namespace Word2Vec.Torch.Tests.Training;

/// <summary>The one place that refuses options: ranges, and the combinations no engine runs, naming the keys.</summary>
public class OptionsValidatorTests
{
    [Fact]
    public void TheDefaultsAreTheAssignmentsValidRun() => Assert.Empty(OptionsValidator.Problems(new TrainingOptions()));

    [Theory]
    [MemberData(nameof(Engines), MemberType = typeof(TrainRuns))]
    public void EveryEngineRunsWord2VecCsSettingsOnAText(EngineKind engine) => Assert.Empty(OptionsValidator.Problems(Text(engine)));

    [Theory]
    [InlineData(EngineKind.Tensor)]
    [InlineData(EngineKind.TensorAutograd)]
    [InlineData(EngineKind.Cpu)]
    [InlineData(EngineKind.CpuBatched)]
    public void EveryHostEngineRunsTheSstAssignment(EngineKind engine) => Assert.Empty(OptionsValidator.Problems(Sst(10, engine)));

    [Theory]
    [InlineData(0, 0, true)]          // no bound
    [InlineData(1_000_000, 0, true)]
    [InlineData(1, 0, false)]         // a table of one word
    [InlineData(-5, 0, false)]
    [InlineData(50_000, 100_000, false)]   // smaller than the vocabulary it must keep
    [InlineData(100_000, 100_000, true)]
    public void TheCountingBoundMustHoldTheVocabulary(int bound, int maxVocab, bool valid)
    {
        var problems = OptionsValidator.Problems(Text(EngineKind.Cpu, o => { o.Corpus.MaxVocabDuringCounting = bound; o.Corpus.MaxVocab = maxVocab; }));
        if (valid) Assert.Empty(problems);
        else Assert.Contains(problems, p => p.StartsWith($"corpus.maxVocabDuringCounting = {bound}:"));
    }

    [Fact]
    public void TheDeviceEngineNamesEachKeyItCannotRun()
    {
        var o = Sst(10, EngineKind.Device, o => { o.Model.Architecture = Architecture.Cbow; o.Loss.Type = LossKind.NaiveSoftmax; });
        var problems = OptionsValidator.Problems(o);
        Assert.Equal(4, problems.Count);
        Assert.Contains(problems, p => p.StartsWith("corpus.format = sst: training.engine = device"));
        Assert.Contains(problems, p => p.StartsWith("model.architecture = cbow"));
        Assert.Contains(problems, p => p.StartsWith("loss.type = naiveSoftmax"));
        Assert.Contains(problems, p => p.StartsWith("training.reduction = meanOverWindows"));
    }

    [Fact]
    public void AnEvaluatedRunMustWriteAVectorsFile()
    {
        var problem = Assert.Single(OptionsValidator.Problems(Text(EngineKind.Tensor, o => { o.Evaluate = true; o.Output.Text = false; o.Output.Binary = false; })));
        Assert.StartsWith("evaluate = True: evaluates the run's vectors file", problem);
        Assert.Empty(OptionsValidator.Problems(Text(EngineKind.Tensor, o => { o.Evaluate = true; o.Output.Text = false; o.Output.Binary = true; })));
        Assert.Empty(OptionsValidator.Problems(Text(EngineKind.Tensor, o => { o.Output.Text = false; o.Output.Binary = false; })));   // checkpoints only
    }

    [Fact]
    public void SharedNegativesRunSkipGramNegativeSamplingOnTheTensorEngines()
    {
        Assert.Empty(OptionsValidator.Problems(Text(EngineKind.Tensor, o => o.Loss.ShareNegatives = true)));
        Assert.Empty(OptionsValidator.Problems(Sst(10, EngineKind.TensorAutograd, o => o.Loss.ShareNegatives = true)));
        var cbow = Assert.Single(OptionsValidator.Problems(Text(EngineKind.Tensor, o => { o.Loss.ShareNegatives = true; o.Model.Architecture = Architecture.Cbow; })));
        Assert.StartsWith("model.architecture = cbow: loss.shareNegatives = true", cbow);
        var naive = Assert.Single(OptionsValidator.Problems(Text(EngineKind.Tensor, o => { o.Loss.ShareNegatives = true; o.Loss.Type = LossKind.NaiveSoftmax; })));
        Assert.StartsWith("loss.type = naiveSoftmax: loss.shareNegatives = true", naive);
        var cpu = Assert.Single(OptionsValidator.Problems(Text(EngineKind.Cpu, o => o.Loss.ShareNegatives = true)));
        Assert.StartsWith("training.engine = cpu: loss.shareNegatives = true", cpu);
    }

    [Fact]
    public void HierarchicalSoftmaxNeedsNoNegativesAndHasNoOutsideVectorsToKeep()
    {
        Assert.Empty(OptionsValidator.Problems(Text(EngineKind.Cpu, o => { o.Loss.Type = LossKind.HierarchicalSoftmax; o.Loss.Negatives = 0; })));
        var both = Assert.Single(OptionsValidator.Problems(Text(EngineKind.Cpu, o => { o.Loss.Type = LossKind.HierarchicalSoftmaxAndNegativeSampling; o.Loss.Negatives = 0; })));
        Assert.StartsWith("loss.negatives = 0", both);
        var kept = Assert.Single(OptionsValidator.Problems(Text(EngineKind.Cpu, o => { o.Loss.Type = LossKind.HierarchicalSoftmax; o.Output.Vectors = VectorsKind.CenterConcatOutside; })));
        Assert.StartsWith("output.vectors = centerConcatOutside", kept);
        Assert.Empty(OptionsValidator.Problems(Text(EngineKind.Cpu, o => { o.Loss.Type = LossKind.HierarchicalSoftmaxAndNegativeSampling; o.Output.Vectors = VectorsKind.CenterPlusOutside; })));
        var device = OptionsValidator.Problems(Text(EngineKind.Device, o => o.Loss.Type = LossKind.HierarchicalSoftmax));
        Assert.Contains(device, p => p.StartsWith("loss.type = hierarchicalSoftmax: training.engine = device"));
    }

    [Theory]
    [InlineData(EngineKind.Tensor, 0.0, false)]       // summed steps: the root's update grows with the batch
    [InlineData(EngineKind.Tensor, 10.0, true)]       // capped
    [InlineData(EngineKind.TensorAutograd, 0.0, false)]
    [InlineData(EngineKind.CpuBatched, 0.0, false)]
    [InlineData(EngineKind.Cpu, 0.0, true)]           // word2vec.c's per-example steps
    public void SummedHierarchicalSoftmaxStepsNeedPerExampleUpdatesOrACap(EngineKind engine, double cap, bool runs)
    {
        var problems = OptionsValidator.Problems(Text(engine, o => { o.Loss.Type = LossKind.HierarchicalSoftmax; o.Training.RowUpdateCap = cap; }));
        if (runs) Assert.Empty(problems);
        else Assert.StartsWith("training.engine = ", Assert.Single(problems));
        // The assignment's mean over windows takes small steps: every host engine runs it.
        Assert.Empty(OptionsValidator.Problems(Sst(10, engine, o => o.Loss.Type = LossKind.HierarchicalSoftmax)));
    }

    [Theory]
    [InlineData(EngineKind.TensorAutograd)]
    [InlineData(EngineKind.Cpu)]
    [InlineData(EngineKind.CpuBatched)]
    public void OnlyTheTensorAndDeviceEnginesTakeARowUpdateCap(EngineKind engine) =>
        Assert.StartsWith("training.rowUpdateCap = 5", Assert.Single(OptionsValidator.Problems(Text(engine, o => o.Training.RowUpdateCap = 5))));

    [Theory]
    [InlineData(EngineKind.Cpu)]
    [InlineData(EngineKind.CpuBatched)]
    public void TheCpuEnginesRefuseAGpu(EngineKind engine)
    {
        var problem = Assert.Single(OptionsValidator.Problems(Text(engine, o => o.Device = "cuda:1")));
        Assert.StartsWith("device = cuda:1", problem);
        Assert.Contains($"training.engine = {char.ToLowerInvariant(engine.ToString()[0])}{engine.ToString()[1..]}", problem);
    }

    [Fact]
    public void SstNeedsANumberOfSteps()
    {
        var problem = Assert.Single(OptionsValidator.Problems(Sst(0)));
        Assert.StartsWith("training.steps = 0", problem);
        Assert.Empty(OptionsValidator.Problems(Text(EngineKind.Tensor, o => o.Training.Steps = 0)));   // text: run by epochs
    }

    [Fact]
    public void OutOfRangeValuesNameTheKeyAndTheValue()
    {
        var o = Text(EngineKind.Device, o =>
        {
            o.Training.ChunkWords = 1;
            o.Training.RowUpdateCap = -1;
            o.Training.HotRows = -1;
            o.Schedule.LearningRate = double.NaN;
            o.Progress.Smoothing = 1;
            o.Checkpoints.Keep = 0;
        });
        var e = Assert.Throws<InvalidOptionsException>(() => OptionsValidator.ThrowIfInvalid(o));
        Assert.Equal(6, e.Problems.Count);
        foreach (var key in new[] { "training.chunkWords = 1", "training.rowUpdateCap = -1", "training.hotRows = -1", "schedule.learningRate = NaN", "progress.smoothing = 1", "checkpoints.keep = 0" })
            Assert.Contains(e.Problems, p => p.StartsWith(key));
    }
}
