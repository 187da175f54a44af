using Word2Vec.Torch.Objective;
using Word2Vec.Torch.Cli.Configuration;
using Word2Vec.Torch.Training;
using Word2Vec.Torch.Training.Checkpoints;

namespace Word2Vec.Torch.Tests.Cli;

public class CpuConfigTests
{
    private static string CpuConfig => Path.Combine(TestData.RepoRoot, "configs", "text8-sgns-cpu.json");

    [Fact]
    public void TheCpuConfigIsTheText8ConfigOnTheCpuEngine()
    {
        var cpu = ConfigLoader.Load(CpuConfig);
        var tensor = ConfigLoader.Load(Path.Combine(TestData.RepoRoot, "configs", "text8-sgns.json"));
        Assert.Equal(EngineKind.Cpu, cpu.Training.Engine);
        Assert.Equal(2, cpu.Threads);
        Assert.Equal("cpu", cpu.Device);
        // Everything that shapes the vectors but the engine and the batch size is the text8 config's.
        var a = RunFingerprint.Of(cpu);
        var b = RunFingerprint.Of(tensor);
        foreach (var key in a.Keys.Except(["training.engine", "training.batchSize"]))
            Assert.True(a[key] == b[key], $"{key}: {a[key]} here, {b[key]} in text8-sgns.json");
    }

    [Fact]
    public void TheHierarchicalSoftmaxConfigIsTheCpuConfigWithThatLoss()
    {
        var hs = ConfigLoader.Load(Path.Combine(TestData.RepoRoot, "configs", "text8-hs-cpu.json"));
        Assert.Equal(LossKind.HierarchicalSoftmax, hs.Loss.Type);
        var a = RunFingerprint.Of(hs);
        var b = RunFingerprint.Of(ConfigLoader.Load(CpuConfig));
        foreach (var key in a.Keys.Except(["loss.type", "loss.negatives"]))
            Assert.True(a[key] == b[key], $"{key}: {a[key]} here, {b[key]} in text8-sgns-cpu.json");
    }

    [Fact]
    public void The2017CbowConfigIsTheSstRunWithSummedCbow()
    {
        var cbow = ConfigLoader.Load(Path.Combine(TestData.RepoRoot, "configs", "sst-cs224n-cbow.json"));
        Assert.Equal(Architecture.Cbow, cbow.Model.Architecture);
        Assert.Equal(ContextCombine.Sum, cbow.Model.CbowCombine);
        Assert.Equal(ContextCombine.Mean, new TrainingOptions().Model.CbowCombine);   // the default: word2vec.c's and gensim's mean
        var a = RunFingerprint.Of(cbow);
        var b = RunFingerprint.Of(ConfigLoader.Load(Path.Combine(TestData.RepoRoot, "configs", "sst-cs224n.json")));
        foreach (var key in a.Keys.Except(["model.architecture", "model.cbowCombine"]))
            Assert.True(a[key] == b[key], $"{key}: {a[key]} here, {b[key]} in sst-cs224n.json");
    }

    public static TheoryData<string> ShippedConfigs => new(Directory.GetFiles(Path.Combine(TestData.RepoRoot, "configs"), "*.json").Select(Path.GetFileName)!);

    [Theory]
    [MemberData(nameof(ShippedConfigs))]
    public void EveryShippedConfigLoadsAndIsValid(string name) =>
        Assert.Empty(OptionsValidator.Problems(ConfigLoader.Load(Path.Combine(TestData.RepoRoot, "configs", name))));

    [Fact]
    public void TheCpuEngineOnAGpuDeviceIsAConfigError()
    {
        var e = Assert.Throws<ConfigurationException>(() => ConfigLoader.Load(CpuConfig, ["device=cuda:0"]));
        Assert.Contains("training.engine = cpu", e.Message);
        Assert.Equal(EngineKind.CpuBatched, ConfigLoader.Load(CpuConfig, ["training.engine=cpuBatched"]).Training.Engine);
    }
}
