using System.Runtime.CompilerServices;

namespace Word2Vec.Torch.Tests;

/// <summary>
/// Runs in the tests (and the CLI processes they start) keep their corpus id files in a folder of
/// their own ($W2V_CACHE), removed when the test process ends, never in the user's ~/.cache.
/// </summary>
internal static class TestCache
{
    public static string Folder { get; private set; } = "";

    [ModuleInitializer]
    internal static void Use()
    {
        Folder = Path.Combine(Path.GetTempPath(), $"w2v-test-cache-{Environment.ProcessId}");
        Environment.SetEnvironmentVariable("W2V_CACHE", Folder);
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            try { Directory.Delete(Folder, recursive: true); }
            catch (IOException) { }
            catch (UnauthorizedAccessException) { }
        };
    }
}
