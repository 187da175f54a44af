namespace Word2Vec.Torch.Tests;

/// <summary>
/// Where the repository and the shared data are: $W2V_DATA, else <c>../shared/data</c> beside the
/// repository root (the first folder above the test binaries that holds Word2Vec.Torch.sln).
/// </summary>
public static class TestData
{
    private static readonly Lazy<string> RepoRootPath = new(FindRepoRoot);
    private static readonly Lazy<string> RootPath = new(FindRoot);

    /// <summary>The folder holding Word2Vec.Torch.sln.</summary>
    public static string RepoRoot => RepoRootPath.Value;

    /// <summary>The data folder.</summary>
    public static string Root => RootPath.Value;

    public static string Path(params string[] parts) => System.IO.Path.Combine([Root, .. parts]);

    public static string SstFolder => Path("sst");

    public static string SstSentences => Path("sst", "datasetSentences.txt");

    private static string FindRepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "Word2Vec.Torch.sln"))) return dir.FullName;
        throw new DirectoryNotFoundException($"no Word2Vec.Torch.sln above {AppContext.BaseDirectory}");
    }

    private static string FindRoot()
    {
        var fromEnv = Environment.GetEnvironmentVariable("W2V_DATA");
        if (!string.IsNullOrEmpty(fromEnv))
            return Directory.Exists(fromEnv) ? System.IO.Path.GetFullPath(fromEnv)
                : throw new DirectoryNotFoundException($"W2V_DATA points to {fromEnv}, which is not a folder");
        var data = System.IO.Path.GetFullPath(System.IO.Path.Combine(RepoRoot, "..", "shared", "data"));
        return Directory.Exists(data) ? data : throw new DirectoryNotFoundException($"the shared data is not at {data} (set W2V_DATA)");
    }
}

/// <summary>A fresh temporary folder, deleted on dispose.</summary>
public sealed class TempFolder : IDisposable
{
    public TempFolder() => Directory.CreateDirectory(Path);

    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "w2v-tests-" + Guid.NewGuid().ToString("N"));

    public string File(string name) => System.IO.Path.Combine(Path, name);

    public string Write(string name, string text)
    {
        var path = File(name);
        System.IO.File.WriteAllText(path, text);
        return path;
    }

    public string Write(string name, byte[] bytes)
    {
        var path = File(name);
        System.IO.File.WriteAllBytes(path, bytes);
        return path;
    }

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
