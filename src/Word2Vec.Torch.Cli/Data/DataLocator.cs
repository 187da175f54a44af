using System.IO.Compression;
using Word2Vec.Torch.Data;
using Word2Vec.Torch.Training;

namespace Word2Vec.Torch.Cli.Data;

/// <summary>
/// Finds a corpus or evaluation file named relative to the data folder: the config's
/// corpus.dataDir, then $W2V_DATA, then ./data, then ../shared/data. For the SST corpus, when
/// none of them has it, downloads the release zip from Stanford's site (<see cref="SstUrl"/>) into ./data.
/// </summary>
public sealed class DataLocator
{
    public const string SstZipUrl = "https://nlp.stanford.edu/~socherr/stanfordSentimentTreebank.zip";

    private readonly TextWriter _log;
    private readonly string _workingDirectory;

    /// <summary>Where the SST release zip is downloaded from when no data folder has it.</summary>
    public Uri SstUrl { get; init; } = new(SstZipUrl);

    /// <summary>What sends the download's request; null: the platform's own.</summary>
    public HttpMessageHandler? Http { get; init; }

    public IReadOnlyList<string> Folders { get; }

    /// <summary>What names the data folder, for messages: corpus.dataDir, or a command's --data.</summary>
    public string Key { get; }

    /// <summary>The folder the user named (corpus.dataDir, --data), or null.</summary>
    public string? Named { get; }

    /// <param name="configuredDir">The data folder the user named (it must exist), or null.</param>
    /// <param name="key">What named it, for messages: corpus.dataDir, or a command's --data.</param>
    public DataLocator(string? configuredDir, TextWriter? log = null, string key = "corpus.dataDir")
        : this(configuredDir, log, key, Environment.CurrentDirectory, Environment.GetEnvironmentVariable("W2V_DATA"))
    {
    }

    /// <summary>A locator whose relative paths are taken from <paramref name="workingDirectory"/> and whose $W2V_DATA
    /// is <paramref name="environmentDataDir"/>, not the process's own.</summary>
    public DataLocator(string? configuredDir, TextWriter? log, string key, string workingDirectory, string? environmentDataDir)
    {
        _log = log ?? TextWriter.Null;
        _workingDirectory = Path.GetFullPath(workingDirectory);
        Key = key;
        var folders = new List<string>();
        if (!string.IsNullOrWhiteSpace(configuredDir))
        {
            var full = Full(configuredDir);
            if (!Directory.Exists(full))
                throw new DirectoryNotFoundException($"{key} = \"{configuredDir}\": " + (File.Exists(full) ? "a file, not a folder." : "no such folder."));
            Named = full;
            folders.Add(Named);
        }
        if (!string.IsNullOrWhiteSpace(environmentDataDir)) folders.Add(Full(environmentDataDir));
        folders.Add(Full("data"));
        folders.Add(Full(Path.Combine("..", "shared", "data")));
        Folders = folders.Distinct().ToList();
    }

    private string Full(string path) => Path.GetFullPath(path, _workingDirectory);

    /// <summary>The first existing match of <paramref name="relative"/> (a file or folder, or a glob
    /// that matches a file: <see cref="CorpusFiles"/>), or null.</summary>
    public string? Find(string relative)
    {
        if (Path.IsPathRooted(relative)) return Exists(relative) ? relative : null;
        var here = Full(relative);
        if (Exists(here)) return here;
        foreach (var folder in Folders)
        {
            var candidate = Path.Combine(folder, relative);
            if (Exists(candidate)) return candidate;
        }
        return null;
    }

    private static bool Exists(string path)
    {
        if (File.Exists(path) || Directory.Exists(path)) return true;
        if (!CorpusFiles.IsPattern(path)) return false;
        try
        {
            return CorpusFiles.Resolve(path).Count > 0;
        }
        catch (FileNotFoundException)
        {
            return false;
        }
    }

    /// <summary>Like <see cref="Find"/>, but a missing file is an error that says where it looked.</summary>
    public string Require(string relative, string key)
    {
        return Find(relative) ?? throw new FileNotFoundException(
            $"{key} = \"{relative}\": not found. Looked in: {(Path.IsPathRooted(relative) ? "" : "the working directory, ")}{string.Join(", ", Folders)} " +
            $"(set {Key} or W2V_DATA to another data folder).");
    }

    /// <summary>A text corpus (corpus.format = text): named by corpus.path, never left at the SST default ("sst"
    /// would find the SST release's folder and read its files as text; ./sst names a text folder of that name).</summary>
    public string RequireText(string relative)
    {
        if (string.Equals(relative, DefaultSst, StringComparison.Ordinal))
            throw new FileNotFoundException(
                $"corpus.path = \"{relative}\": corpus.format = text needs corpus.path to name the text corpus (a file, a folder or a glob); " +
                $"\"{DefaultSst}\" is the default of corpus.format = sst, the SST release's folder (write ./{DefaultSst} for a text folder of that name).");
        return Require(relative, "corpus.path");
    }

    /// <summary>corpus.path's default: the SST release, wherever the data folders keep it.</summary>
    public const string DefaultSst = CorpusOptions.DefaultSstPath;

    /// <summary>
    /// The SST corpus. A path the config gives must exist (it is never swapped for another corpus).
    /// The default, "sst", is an 'sst' or 'stanfordSentimentTreebank' folder in a data folder, else the
    /// release zip downloaded from Stanford into ./data.
    /// </summary>
    public string RequireSst(string relative)
    {
        if (!string.Equals(relative, DefaultSst, StringComparison.Ordinal))
            return Require(relative, "corpus.path");
        var found = Find(DefaultSst) ?? Find("stanfordSentimentTreebank");
        if (found is not null) return found;
        var target = Full("data");
        _log.WriteLine($"The SST corpus '{relative}' is in none of {string.Join(", ", Folders)}; downloading {SstUrl} into {target} ...");
        var created = !Directory.Exists(target);   // a folder made for the download goes again if the download fails
        try
        {
            Directory.CreateDirectory(target);
            var zip = Path.Combine(target, "stanfordSentimentTreebank.zip");
            using (var http = new HttpClient(Http ?? new HttpClientHandler(), disposeHandler: Http is null) { Timeout = TimeSpan.FromMinutes(5) })
            using (var response = http.GetAsync(SstUrl, HttpCompletionOption.ResponseHeadersRead).GetAwaiter().GetResult())
            {
                response.EnsureSuccessStatusCode();
                AtomicFile.Write(zip, file => response.Content.ReadAsStream().CopyTo(file));
            }
            // Unpacked beside its place and renamed into it, so a cut-short unpacking is never found as the corpus.
            var staging = Path.Combine(target, $".stanfordSentimentTreebank.{Environment.ProcessId}.tmp");
            try
            {
                if (Directory.Exists(staging)) Directory.Delete(staging, recursive: true);
                ZipFile.ExtractToDirectory(zip, staging);
                var unpacked = Path.Combine(staging, "stanfordSentimentTreebank");
                if (!Directory.Exists(unpacked)) throw new InvalidDataException($"{zip} holds no stanfordSentimentTreebank folder");
                var folder = Path.Combine(target, "stanfordSentimentTreebank");
                if (!Directory.Exists(folder)) Directory.Move(unpacked, folder);   // else another download finished first: its copy is whole
                return folder;
            }
            catch
            {
                File.Delete(zip);   // a zip that is not the release is not kept: the next run downloads it again
                throw;
            }
            finally
            {
                if (Directory.Exists(staging)) Directory.Delete(staging, recursive: true);
            }
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException or InvalidDataException or UnauthorizedAccessException)
        {
            if (created && Directory.Exists(target) && !Directory.EnumerateFileSystemEntries(target).Any()) Directory.Delete(target);
            throw new FileNotFoundException(
                $"corpus.path = \"{relative}\": the SST corpus is not here and could not be downloaded from {SstUrl} ({e.Message}). " +
                $"Download it elsewhere and unzip it into {target}, or set W2V_DATA to a folder that holds it.", e);
        }
    }
}
