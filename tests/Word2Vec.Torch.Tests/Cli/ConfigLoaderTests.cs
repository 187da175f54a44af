using Word2Vec.Torch.Cli.Configuration;
using Word2Vec.Torch.Training;

namespace Word2Vec.Torch.Tests.Cli;

public sealed class ConfigLoaderTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("w2v-config-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Write(string json)
    {
        var path = Path.Combine(_dir, $"c{Guid.NewGuid():N}.json");
        File.WriteAllText(path, json);
        return path;
    }

    [Fact]
    public void TheShippedConfigsLoad()
    {
        var sst = ConfigLoader.Load(Path.Combine(TestData.RepoRoot, "configs", "sst-cs224n.json"));
        Assert.Equal(CorpusFormat.Sst, sst.Corpus.Format);
        Assert.Equal(10, sst.Model.Dimension);
        Assert.Equal(10, sst.Loss.Negatives);
        Assert.Equal(40000, sst.Training.Steps);
        Assert.Equal(50, sst.Training.WindowsPerStep);
        Assert.Equal(0.3, sst.Training.LearningRate);
        Assert.Equal(20000, sst.Training.AnnealEvery);

        var text8 = ConfigLoader.Load(Path.Combine(TestData.RepoRoot, "configs", "text8-sgns.json"));
        Assert.Equal(CorpusFormat.Text, text8.Corpus.Format);
        Assert.Equal(100, text8.Model.Dimension);
        Assert.Equal(5, text8.Loss.Negatives);
        Assert.Equal(5, text8.Corpus.MinCount);
    }

    [Fact]
    public void OverridesChangeAnyKey()
    {
        var o = ConfigLoader.Load(Write("""{ "training": { "steps": 10 } }"""), new[] { "training.steps=2000", "model:dimension=20", "device=cpu" });
        Assert.Equal(2000, o.Training.Steps);
        Assert.Equal(20, o.Model.Dimension);
        Assert.Equal("cpu", o.Device);
    }

    [Fact]
    public void ATypoedKeyNamesTheFileTheKeyAndASuggestion()
    {
        var path = Write("""{ "training": { "learningRte": 0.1 } }""");
        var e = Assert.Throws<ConfigurationException>(() => ConfigLoader.Load(path));
        Assert.Contains(path, e.Message);
        Assert.Contains("training.learningRte", e.Message);
        Assert.Contains("learningRate", e.Message);
    }

    [Fact]
    public void AnUnknownSectionIsAnError()
    {
        var e = Assert.Throws<ConfigurationException>(() => ConfigLoader.Load(Write("""{ "optimiser": { "lr": 0.1 } }""")));
        Assert.Contains("optimiser.lr", e.Message);
    }

    [Fact]
    public void AWrongTypeNamesTheKeyAndTheValue()
    {
        var e = Assert.Throws<ConfigurationException>(() => ConfigLoader.Load(Write("""{ "training": { "steps": "many" } }""")));
        Assert.Contains("training.steps", e.Message);
        Assert.Contains("\"many\"", e.Message);
    }

    [Fact]
    public void AnUnknownEnumValueListsTheChoices()
    {
        var e = Assert.Throws<ConfigurationException>(() => ConfigLoader.Load(Write("""{ "loss": { "type": "hierarchical" } }""")));
        Assert.Contains("loss.type", e.Message);
        Assert.Contains("negativeSampling", e.Message);
    }

    [Fact]
    public void AnOutOfRangeValueNamesTheKeyAndTheValue()
    {
        var e = Assert.Throws<ConfigurationException>(() => ConfigLoader.Load(Write("""{ "training": { "learningRate": -0.5 } }""")));
        Assert.Contains("training.learningRate = -0.5", e.Message);
        e = Assert.Throws<ConfigurationException>(() => ConfigLoader.Load(Write("""{ "device": "tpu" }""")));
        Assert.Contains("device = tpu", e.Message);
    }

    [Fact]
    public void AValueWhereASectionBelongsIsAnError()
    {
        var e = Assert.Throws<ConfigurationException>(() => ConfigLoader.Load(Write("""{ "model": 5 }""")));
        Assert.Contains("model", e.Message);
    }

    [Fact]
    public void BrokenJsonAndAMissingFileAreClearErrors()
    {
        var path = Write("""{ "training": { "steps": 10, } """);
        var e = Assert.Throws<ConfigurationException>(() => ConfigLoader.Load(path));
        Assert.Contains(path, e.Message);
        e = Assert.Throws<ConfigurationException>(() => ConfigLoader.Load(Path.Combine(_dir, "nope.json")));
        Assert.Contains("nope.json", e.Message);
        e = Assert.Throws<ConfigurationException>(() => ConfigLoader.Load(Write("{}"), new[] { "training.steps" }));
        Assert.Contains("key=value", e.Message);
    }
}
