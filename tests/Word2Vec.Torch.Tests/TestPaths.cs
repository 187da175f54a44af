namespace Word2Vec.Torch.Tests;

/// <summary>Where the repository and the shared data are, seen from the test binaries.</summary>
public static class TestPaths
{
    /// <summary>The folder holding Word2Vec.Torch.sln.</summary>
    public static string RepoRoot { get; } = FindRepoRoot();

    /// <summary>$W2V_DATA, else ../shared/data beside the repository.</summary>
    public static string SharedData
    {
        get
        {
            var env = Environment.GetEnvironmentVariable("W2V_DATA");
            if (!string.IsNullOrEmpty(env)) return env;
            return Path.GetFullPath(Path.Combine(RepoRoot, "..", "shared", "data"));
        }
    }

    private static string FindRepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Word2Vec.Torch.sln"))) return dir.FullName;
        throw new InvalidOperationException($"Word2Vec.Torch.sln not found above {AppContext.BaseDirectory}");
    }
}
