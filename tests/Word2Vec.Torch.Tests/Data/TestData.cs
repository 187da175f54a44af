namespace Word2Vec.Torch.Tests.Data;

/// <summary>Where the shared data is: $W2V_DATA, else <c>../shared/data</c> beside the repository
/// root (the first folder above the test binaries that holds Word2Vec.Torch.sln).</summary>
public static class TestData
{
    private static readonly Lazy<string> RootPath = new(FindRoot);

    public static string Root => RootPath.Value;

    public static string Path(params string[] parts) => System.IO.Path.Combine([Root, .. parts]);

    public static string SstFolder => Path("sst");

    public static string SstSentences => Path("sst", "datasetSentences.txt");

    private static string FindRoot()
    {
        var fromEnv = Environment.GetEnvironmentVariable("W2V_DATA");
        if (!string.IsNullOrEmpty(fromEnv))
            return Directory.Exists(fromEnv) ? fromEnv
                : throw new DirectoryNotFoundException($"W2V_DATA points to {fromEnv}, which is not a folder");
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "Word2Vec.Torch.sln")))
            {
                var data = System.IO.Path.GetFullPath(System.IO.Path.Combine(dir.FullName, "..", "shared", "data"));
                return Directory.Exists(data) ? data
                    : throw new DirectoryNotFoundException($"the shared data is not at {data} (set W2V_DATA)");
            }
        throw new DirectoryNotFoundException($"no Word2Vec.Torch.sln above {AppContext.BaseDirectory}; set W2V_DATA to the data folder");
    }
}

/// <summary>A temporary folder, deleted on dispose.</summary>
public sealed class TempFolder : IDisposable
{
    public TempFolder() => Directory.CreateDirectory(Path);

    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "w2v-tests-" + Guid.NewGuid().ToString("N"));

    public string File(string name) => System.IO.Path.Combine(Path, name);

    public void Dispose()
    {
        try { Directory.Delete(Path, recursive: true); } catch (IOException) { }
    }
}

/// <summary>SST loaded once for the tests that share it (they run one after another).</summary>
public sealed class SstFixture
{
    public Word2Vec.Torch.Data.SstCorpus Corpus { get; } = Word2Vec.Torch.Data.SstCorpus.Load(TestData.SstFolder);
}

[CollectionDefinition("SST")]
public sealed class SstCollection : ICollectionFixture<SstFixture> { }
