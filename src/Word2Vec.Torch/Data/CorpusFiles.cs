using Microsoft.Extensions.FileSystemGlobbing;

namespace Word2Vec.Torch.Data;

/// <summary>
/// The files a text corpus's path names: one file; a folder (each file directly in it, by name,
/// hidden files skipped); or a glob pattern (<c>*</c> within a name, <c>**</c> across folders,
/// Microsoft.Extensions.FileSystemGlobbing), matches by path. Each file is plain text, a .gz or a
/// one-file .zip (<see cref="CorpusFile"/>); together they read as one text with a line break
/// between files, so a file always ends a sentence and a corpus split into files at line breaks
/// reads exactly as the whole.
/// </summary>
public static class CorpusFiles
{
    /// <summary>Does <paramref name="path"/> hold a glob wildcard?</summary>
    public static bool IsPattern(string path) => path.Contains('*');

    /// <summary>The files of <paramref name="path"/>, in reading order (full paths); an error naming it when there are none.</summary>
    public static IReadOnlyList<string> Resolve(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        List<string> files;
        if (File.Exists(path)) files = [Path.GetFullPath(path)];
        else if (Directory.Exists(path))
        {
            files = Directory.EnumerateFiles(path).Where(f => !Path.GetFileName(f).StartsWith('.')).Select(Path.GetFullPath).ToList();
            if (files.Count == 0) throw new FileNotFoundException($"the corpus folder {path} holds no files", path);
        }
        else if (IsPattern(path))
        {
            files = Match(path);
            if (files.Count == 0) throw new FileNotFoundException($"no file matches the corpus pattern {path}", path);
        }
        else
            throw new FileNotFoundException($"corpus file not found: {path}", path);
        files.Sort(StringComparer.Ordinal);
        foreach (var f in files)
            if (InputFile.Problem(f) is { } problem) throw new FileNotFoundException($"the corpus file {f} {problem}", f);
        return files;
    }

    /// <summary>Would <paramref name="path"/> read <paramref name="file"/> once that exists: it is the file, a file
    /// directly in the folder, or a match of the glob (hidden files never are). A run's outputs must not be.</summary>
    public static bool Reads(string path, string file)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var full = Path.GetFullPath(file);
        if (Path.GetFileName(full).StartsWith('.')) return false;
        if (Directory.Exists(path)) return Path.GetDirectoryName(full) == Path.TrimEndingDirectorySeparator(Path.GetFullPath(path));
        if (!IsPattern(path)) return full == Path.GetFullPath(path);
        var (root, matcher) = Glob(path);
        return matcher.Match(root, [full]).HasMatches;
    }

    /// <summary>The files matching a glob.</summary>
    private static List<string> Match(string pattern)
    {
        var (root, matcher) = Glob(pattern);
        if (!Directory.Exists(root)) return new List<string>();
        return matcher.GetResultsInFullPath(root).Where(f => !Path.GetFileName(f).StartsWith('.')).ToList();
    }

    /// <summary>A glob's root (the folders before its first segment with a wildcard) and the matcher of the rest.</summary>
    private static (string Root, Matcher Matcher) Glob(string pattern)
    {
        var full = Path.GetFullPath(pattern);
        var segments = full.Split(Path.DirectorySeparatorChar);
        var first = Array.FindIndex(segments, IsPattern);
        var root = string.Join(Path.DirectorySeparatorChar, segments[..first]);
        if (root.Length == 0) root = Path.DirectorySeparatorChar.ToString();
        var matcher = new Matcher(StringComparison.Ordinal);
        matcher.AddInclude(string.Join('/', segments[first..]));
        return (root, matcher);
    }

    /// <summary>The bytes of all <paramref name="files"/> together (compressed bytes for archives): progress's total.</summary>
    public static long TotalBytes(IReadOnlyList<string> files) => files.Sum(f => InputFile.Target(f).Length);
}
