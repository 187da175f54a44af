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
        Assert.Equal(0.3, sst.Schedule.LearningRate);
        Assert.Equal(20000, sst.Schedule.AnnealEvery);

        var text8 = ConfigLoader.Load(Path.Combine(TestData.RepoRoot, "configs", "text8-sgns.json"));
        Assert.Equal(CorpusFormat.Text, text8.Corpus.Format);
        Assert.Equal(100, text8.Model.Dimension);
        Assert.Equal(5, text8.Loss.Negatives);
        Assert.Equal(5, text8.Corpus.MinCount);
    }

    [Fact]
    public void TheShippedConfigsSetNoKeyWithoutEffect()
    {
        var warnings = new List<string>();
        var configs = Directory.GetFiles(Path.Combine(TestData.RepoRoot, "configs"), "*.json");
        Assert.True(configs.Length >= 8, $"{configs.Length} configs found");   // the eight shipped
        foreach (var config in configs)
            ConfigLoader.Load(config, warn: warnings.Add);
        Assert.Empty(warnings);
    }

    [Fact]
    public void AKeyTheOtherOptionsMakePointlessIsWarnedOfNamingWhereItWasSet()
    {
        var path = Write("""{ "corpus": { "format": "sst", "minCount": 3 }, "loss": { "type": "naiveSoftmax", "negatives": 5 } }""");
        var warnings = new List<string>();
        var o = ConfigLoader.Load(path, ["schedule.minLearningRate=0.01"], warnings.Add);
        Assert.Equal(3, o.Corpus.MinCount);   // kept, only said
        Assert.Equal(3, warnings.Count);
        Assert.Contains(warnings, w => w.StartsWith(path) && w.Contains("corpus.minCount has no effect here: corpus.format = sst"));
        Assert.Contains(warnings, w => w.StartsWith(path) && w.Contains("loss.negatives has no effect here: loss.type = naiveSoftmax draws no negatives"));
        Assert.Contains(warnings, w => w.StartsWith("command line (--set): schedule.minLearningRate has no effect here"));
    }

    [Theory]
    [InlineData("tensor", 2, "only training.engine = cpu reads it")]
    [InlineData("cpuBatched", 2, "only training.engine = cpu reads it")]
    [InlineData("cpu", 1, "one thread shares no rows")]
    [InlineData("cpu", 2, "naive softmax updates every output row", "naiveSoftmax")]
    public void HotRowsAreReadByTheCpuEngineOnSeveralThreadsOnly(string engine, int threads, string why, string loss = "negativeSampling")
    {
        var path = Write($$"""{ "corpus": { "format": "text", "path": "c.txt" }, "loss": { "type": "{{loss}}" }, "training": { "engine": "{{engine}}", "hotRows": 0 }, "threads": {{threads}} }""");
        var warnings = new List<string>();
        var o = ConfigLoader.Load(path, warn: warnings.Add);
        Assert.Equal(0, o.Training.HotRows);
        Assert.Contains(warnings, w => w.StartsWith(path) && w.Contains($"training.hotRows has no effect here: {why}"));

        var used = new List<string>();
        var cpu = ConfigLoader.Load(Write("""{ "corpus": { "format": "text", "path": "c.txt" }, "training": { "engine": "cpu", "hotRows": 64 }, "threads": 2 }"""), warn: used.Add);
        Assert.Equal(64, cpu.Training.HotRows);
        Assert.DoesNotContain(used, w => w.Contains("hotRows"));
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
        var path = Write("""{ "schedule": { "learningRte": 0.1 } }""");
        var e = Assert.Throws<ConfigurationException>(() => ConfigLoader.Load(path));
        Assert.Contains(path, e.Message);
        Assert.Contains("schedule.learningRte", e.Message);
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
        var e = Assert.Throws<ConfigurationException>(() => ConfigLoader.Load(Write("""{ "schedule": { "learningRate": -0.5 } }""")));
        Assert.Contains("schedule.learningRate = -0.5", e.Message);
        e = Assert.Throws<ConfigurationException>(() => ConfigLoader.Load(Write("""{ "device": "tpu" }""")));
        Assert.Contains("device = tpu", e.Message);
    }

    [Fact]
    public void AValueWhereASectionBelongsIsAnError()
    {
        var e = Assert.Throws<ConfigurationException>(() => ConfigLoader.Load(Write("""{ "model": 5 }""")));
        Assert.Contains("model", e.Message);
    }

    [Theory]
    [InlineData("""{ "corpus": { "sample": null } }""", "corpus.sample = null is not valid: give it a finite decimal number (Double)")]
    [InlineData("""{ "checkpoints": { "resume": null } }""", "checkpoints.resume = null is not valid: give it true or false")]
    [InlineData("""{ "progress": { "divergenceFactor": {} } }""", "progress.divergenceFactor = null is not valid")]
    [InlineData("""{ "corpus": { "path": null } }""", "corpus.path = null is not valid: give it a string")]
    [InlineData("""{ "training": { "engine": null } }""", "training.engine = null is not valid: give it one of tensor")]
    public void ANullValueIsRefusedNotMadeZero(string json, string message)
    {
        // The binder would have made 0 or false of it: no subsampling, no divergence check, no resume.
        var path = Write(json);
        var e = Assert.Throws<ConfigurationException>(() => ConfigLoader.Load(path));
        Assert.Contains(message, e.Message);
        Assert.Contains(path, e.Message);
    }

    [Fact]
    public void ANullWhereNullMeansTheDefaultPlaceIsTaken()
    {
        var o = ConfigLoader.Load(Write("""{ "corpus": { "dataDir": null, "cacheDir": null } }"""));
        Assert.Null(o.Corpus.DataDir);
        Assert.Null(o.Corpus.CacheDir);
    }

    [Theory]
    [InlineData("""{ "model": null }""")]
    [InlineData("""{ "model": {} }""")]
    public void ANullOrEmptySectionKeepsItsDefaults(string json)
    {
        var o = ConfigLoader.Load(Write(json));
        Assert.Equal(new TrainingOptions().Model.Dimension, o.Model.Dimension);
        Assert.Equal(new TrainingOptions().Model.Window, o.Model.Window);
    }

    [Fact]
    public void AConfigThatIsNotUtf8IsRefused()
    {
        var path = Path.Combine(_dir, "latin1.json");
        File.WriteAllBytes(path, [.. "{ \"corpus\": { \"path\": \"donn"u8, 0xE9, .. "es.txt\" } }"u8]);   // é in Latin-1
        var e = Assert.Throws<ConfigurationException>(() => ConfigLoader.Load(path));
        Assert.Contains("not UTF-8 (byte 27", e.Message);
        File.WriteAllBytes(path, [0xEF, 0xBB, 0xBF, .. "{ \"corpus\": { \"path\": \"données.txt\" } }"u8]);   // UTF-8 with its mark
        Assert.Equal("données.txt", ConfigLoader.Load(path).Corpus.Path);
    }

    [Theory]
    [InlineData("""{ "model": { "dimension": 50 }, "model": { "window": 3 } }""", "'model'")]   // the provider merged these
    [InlineData("""{ "model": { "dimension": 50 }, "Model": { "window": 3 } }""", "'Model'")]
    [InlineData("""{ "model": { "dimension": 50, "Dimension": 60 } }""", "'model.Dimension'")]
    public void AKeyGivenTwiceIsRefused(string json, string key)
    {
        var e = Assert.Throws<ConfigurationException>(() => ConfigLoader.Load(Write(json)));
        Assert.Contains($"the key {key} is given twice", e.Message);
    }

    [Fact]
    public void ADottedNameInJsonSaysToNestIt()
    {
        var e = Assert.Throws<ConfigurationException>(() => ConfigLoader.Load(Write("""{ "model.dimension": 50 }""")));
        Assert.Contains("Write it nested: { \"model\": { \"dimension\": … } }", e.Message);
    }

    [Fact]
    public void BrokenJsonAndAMissingFileAreClearErrors()
    {
        var path = Write("""{ "training": { "steps": 10, } """);
        var e = Assert.Throws<ConfigurationException>(() => ConfigLoader.Load(path));
        Assert.Contains(path, e.Message);
        Assert.Contains("LineNumber: 0", e.Message);   // the JSON reader's own message, which says where
        e = Assert.Throws<ConfigurationException>(() => ConfigLoader.Load(Path.Combine(_dir, "nope.json")));
        Assert.Contains("nope.json", e.Message);
        e = Assert.Throws<ConfigurationException>(() => ConfigLoader.Load(Write("{}"), new[] { "training.steps" }));
        Assert.Contains("key=value", e.Message);
    }

    [Theory]
    [InlineData("training.threads=2", "unknown key 'training.threads' in section 'training'. Did you mean 'threads' (a top-level key)?")]
    [InlineData("model.minCount=2", "unknown key 'model.minCount' in section 'model'. Did you mean 'corpus.minCount'?")]
    [InlineData("model.dimensoin=2", "Did you mean 'dimension'?")]   // a near spelling in the section comes first
    public void AKeyInTheWrongSectionNamesWhereItIs(string set, string message)
    {
        var e = Assert.Throws<ConfigurationException>(() => ConfigLoader.Load(Write("{}"), new[] { set }));
        Assert.Contains(message, e.Message);
    }

    [Theory]
    [InlineData("training.learningRate", "0.1", "schedule.learningRate")]
    [InlineData("training.schedule", "linear", "schedule.type")]
    [InlineData("training.checkpointEvery", "10", "checkpoints.every")]
    [InlineData("training.resume", "false", "checkpoints.resume")]
    [InlineData("output.keepCheckpoints", "3", "checkpoints.keep")]
    [InlineData("training.printEvery", "5", "progress.printEvery")]
    [InlineData("training.gradients", "autograd", "tensorAutograd")]
    [InlineData("training.pipeline", "device", "training.engine")]
    [InlineData("training.cpuUpdate", "batched", "cpuBatched")]
    public void AKeyOfAnEarlierLayoutNamesItsReplacement(string oldKey, string value, string replacement)
    {
        var dot = oldKey.IndexOf('.');
        var path = Write($$"""{ "{{oldKey[..dot]}}": { "{{oldKey[(dot + 1)..]}}": "{{value}}" } }""");
        var e = Assert.Throws<ConfigurationException>(() => ConfigLoader.Load(path));
        Assert.Contains(path, e.Message);
        Assert.Contains($"'{oldKey}'", e.Message);
        Assert.Contains(replacement, e.Message);
        // The same key from the command line blames the command line.
        var e2 = Assert.Throws<ConfigurationException>(() => ConfigLoader.Load(Write("{}"), new[] { $"{oldKey}={value}" }));
        Assert.StartsWith("command line", e2.Message);
        Assert.Contains(replacement, e2.Message);
    }

    [Fact]
    public void TheDeviceEngineOnSstIsAClearErrorNamingTheKeys()
    {
        var e = Assert.Throws<ConfigurationException>(() => ConfigLoader.Load(Write("""
            { "corpus": { "format": "sst", "path": "sst" },
              "training": { "engine": "device", "chunkWords": 1, "rowUpdateCap": -1 } }
            """)));
        Assert.Contains("corpus.format = sst: training.engine = device samples a text corpus", e.Message);
        Assert.Contains("training.reduction", e.Message);   // the SST defaults are the assignment's mean over windows
        Assert.Contains("training.chunkWords = 1", e.Message);
        Assert.Contains("training.rowUpdateCap = -1", e.Message);
    }

    [Fact]
    public void TheCudaConfigIsValid()
    {
        var o = ConfigLoader.Load(Path.Combine(TestData.RepoRoot, "configs", "text8-sgns-cuda.json"));
        Assert.Equal(EngineKind.Device, o.Training.Engine);
        Assert.Equal("cuda", o.Device);
        Assert.Equal(100, o.Training.RowUpdateCap);
    }
}
