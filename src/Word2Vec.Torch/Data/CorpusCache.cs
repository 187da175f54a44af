using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Word2Vec.Torch.Data;

/// <summary>
/// A folder of encoded corpora, so that a corpus is read as text once: an entry per corpus and
/// vocabulary settings, named by a hash of the files' identity (full path, size, modification
/// time, and a hash of each file's first and last 64 KiB) and the settings (minCount, maxVocab,
/// lower-casing, the counting bound). An entry is three files, each written atomically: NAME.ids
/// (<see cref="CorpusIds"/>), NAME.vocab.tsv (<see cref="Vocabulary.Save(string)"/>) and NAME.json
/// (what the passes counted), written last, so an entry without it is incomplete and is made again; an entry whose
/// ids do not match their checksum is damaged, and made again too. A changed file has another identity,
/// hence another entry; the old entries stay until the folder is cleaned (any file of it may be
/// deleted at any time).
/// </summary>
internal sealed class CorpusCache(string directory)
{
    /// <summary>The entry format; a new one makes every entry anew (2: id files with a checksum).</summary>
    private const int Version = 2;

    public string Directory { get; } = Path.GetFullPath(directory);

    /// <summary>The default folder: $W2V_CACHE, else $XDG_CACHE_HOME/word2vec-torch, else ~/.cache/word2vec-torch.</summary>
    public static string DefaultDirectory()
    {
        var env = Environment.GetEnvironmentVariable("W2V_CACHE");
        if (!string.IsNullOrWhiteSpace(env)) return Path.GetFullPath(env);
        var xdg = Environment.GetEnvironmentVariable("XDG_CACHE_HOME");
        var root = !string.IsNullOrWhiteSpace(xdg) ? xdg : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache");
        return Path.Combine(root, "word2vec-torch");
    }

    /// <summary>Removes the temporary files that killed runs left here (a run stopped while it encoded a corpus);
    /// a run still writing keeps its own.</summary>
    public void RemoveLeftovers(Action<string>? log = null)
    {
        var removed = AtomicFile.RemoveLeftoversOfEndedWriters(Directory);
        if (removed.Count > 0)
            log?.Invoke($"removed {removed.Count} temporary file(s) of ended runs from the corpus cache {Directory}: {string.Join(", ", removed)}");
    }

    /// <summary>An entry's files.</summary>
    public sealed record Entry(string Name, string IdFile, string VocabularyFile, string InfoFile);

    /// <summary>The entry of these files read with these settings.</summary>
    public Entry EntryFor(IReadOnlyList<string> files, TextCorpusOptions options)
    {
        var identity = new StringBuilder($"word2vec-torch corpus ids {Version}\n");
        foreach (var f in files)
        {
            // A file named through a symbolic link is known by the file it leads to (a name that leads elsewhere is another).
            var target = InputFile.Target(f);
            var link = target.FullName == Path.GetFullPath(f) ? "" : $"\t→ {target.FullName}";
            identity.Append(CultureInfo.InvariantCulture,
                $"{Path.GetFullPath(f)}\t{target.Length}\t{target.LastWriteTimeUtc.Ticks}\t{EndsHash(target.FullName, target.Length)}{link}\n");
        }
        identity.Append(CultureInfo.InvariantCulture,
            $"minCount {options.MinCount}\nmaxVocab {options.MaxVocab}\nlowerCase {options.LowerCase}\nmaxVocabDuringCounting {options.MaxVocabDuringCounting}\n");
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(identity.ToString())))[..16];
        var stem = new string(Path.GetFileName(files[0]).Select(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-' ? c : '_').ToArray());
        var name = $"{stem}{(files.Count > 1 ? $"+{files.Count - 1}" : "")}-{hash}";
        var at = Path.Combine(Directory, name);
        return new Entry(name, at + ".ids", at + ".vocab.tsv", at + ".json");
    }

    /// <summary>A hash of a file's first and last 64 KiB (all of a smaller file), so that a file rewritten with its
    /// size and modification time kept (cp -p, rsync -t, an archive unpacked again) has another identity: two short reads.</summary>
    private static string EndsHash(string path, long length)
    {
        const int window = 1 << 16;
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = new byte[(int)Math.Min(window, length)];
        stream.ReadExactly(buffer);
        hash.AppendData(buffer);
        if (length > window)
        {
            var tail = (int)Math.Min(window, length - window);
            stream.Seek(length - tail, SeekOrigin.Begin);
            stream.ReadExactly(buffer, 0, tail);
            hash.AppendData(buffer, 0, tail);
        }
        return Convert.ToHexStringLower(hash.GetHashAndReset())[..16];
    }

    /// <summary>The entry's corpus, or null when it is absent or incomplete; a damaged entry is logged and removed.</summary>
    public TextCorpus? TryOpen(Entry entry, Action<string>? log = null)
    {
        if (!File.Exists(entry.InfoFile) || !File.Exists(entry.IdFile) || !File.Exists(entry.VocabularyFile)) return null;
        try
        {
            var info = JsonSerializer.Deserialize<Info>(File.ReadAllText(entry.InfoFile))
                       ?? throw new InvalidDataException($"{entry.InfoFile}: empty");
            var vocabulary = Vocabulary.Load(entry.VocabularyFile);
            CorpusIds.Verify(entry.IdFile);   // one read of the ids: a damaged entry is made again, never trained on
            var statistics = new TextCorpusStatistics(info.CharsRead, info.RawTokens, info.DistinctWords, TimeSpan.Zero, 0,
                info.InvalidUtf8, info.FirstInvalidUtf8Offset, info.Files.Length, info.FirstInvalidUtf8File,
                info.Reductions ?? Array.Empty<CountReduction>(), entry.IdFile);
            var corpus = TextCorpus.FromIdFile(vocabulary, entry.IdFile, statistics);
            log?.Invoke($"reused the corpus ids of the cache: {entry.IdFile} (encoded {info.Created}; delete it to read the text again)");
            return corpus;
        }
        catch (Exception e) when (e is InvalidDataException or DataFormatException or JsonException or IOException)
        {
            log?.Invoke($"the cache entry {entry.Name} in {Directory} is damaged ({e.Message}); reading the corpus again");
            Remove(entry);
            return null;
        }
    }

    /// <summary>Completes an entry whose id file is written: the vocabulary, then the info file.</summary>
    public void Store(Entry entry, IReadOnlyList<string> files, Vocabulary vocabulary, TextCorpusStatistics statistics)
    {
        vocabulary.Save(entry.VocabularyFile);
        var info = new Info(files.ToArray(), statistics.CharsRead, statistics.RawTokens, statistics.DistinctWords,
            statistics.InvalidUtf8, statistics.FirstInvalidUtf8Offset, statistics.FirstInvalidUtf8File,
            statistics.Reductions?.ToArray(), Math.Round(statistics.Elapsed.TotalSeconds, 3),
            DateTime.UtcNow.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
        AtomicFile.WriteAllText(entry.InfoFile, JsonSerializer.Serialize(info, new JsonSerializerOptions { WriteIndented = true }));
    }

    /// <summary>Removes an entry's files (those of an entry that could not be made whole).</summary>
    public static void Remove(Entry entry)
    {
        AtomicFile.TryDelete(entry.InfoFile);
        AtomicFile.TryDelete(entry.IdFile);
        AtomicFile.TryDelete(entry.VocabularyFile);
    }

    /// <summary>What NAME.json holds: the passes' counts, for the run's log and run.json.</summary>
    private sealed record Info(string[] Files, long CharsRead, long RawTokens, int DistinctWords, long InvalidUtf8,
        long FirstInvalidUtf8Offset, string? FirstInvalidUtf8File, CountReduction[]? Reductions, double EncodeSeconds, string Created);
}
