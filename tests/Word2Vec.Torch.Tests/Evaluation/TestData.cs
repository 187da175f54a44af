namespace Word2Vec.Torch.Tests.Evaluation;

/// <summary>
/// Finds the shared data folder: $W2V_DATA, else <c>../shared/data</c> beside the folder that
/// holds Word2Vec.Torch.sln (found by walking up from the test binaries).
/// </summary>
internal static class TestData
{
    private static readonly Lazy<string> LazyFolder = new(Find);

    public static string Folder => LazyFolder.Value;

    public static string File(params string[] parts) => Path.Combine(new[] { Folder }.Concat(parts).ToArray());

    private static string Find()
    {
        var fromEnv = Environment.GetEnvironmentVariable("W2V_DATA");
        if (!string.IsNullOrEmpty(fromEnv)) return Path.GetFullPath(fromEnv);
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (System.IO.File.Exists(Path.Combine(dir.FullName, "Word2Vec.Torch.sln")))
                return Path.GetFullPath(Path.Combine(dir.FullName, "..", "shared", "data"));
        throw new DirectoryNotFoundException("No Word2Vec.Torch.sln above " + AppContext.BaseDirectory + " and no W2V_DATA.");
    }
}

/// <summary>A fresh temporary folder, deleted on dispose.</summary>
internal sealed class TempFolder : IDisposable
{
    public TempFolder()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "w2v-eval-tests-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

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
