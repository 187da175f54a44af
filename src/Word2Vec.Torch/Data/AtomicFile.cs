using System.Text;
using System.Text.RegularExpressions;

namespace Word2Vec.Torch.Data;

/// <summary>
/// Writes a file so that it is always either the old file or the whole new one: the bytes go to a
/// temporary file in the same folder (<c>.NAME.PID-N.tmp</c>, N counting this process's writes, so that
/// two threads writing one file do not share it), are flushed to disk, and the temporary file is renamed
/// over NAME. A failed write (a full disk, say) removes the temporary file and leaves the old one as it was.
/// </summary>
public static partial class AtomicFile
{
    private static long _writes;   // this process's, numbering their temporary files

    /// <summary>Writes <paramref name="path"/> through <paramref name="write"/>, atomically.</summary>
    public static void Write(string path, Action<Stream> write)
    {
        var staged = Stage(path, write);
        try
        {
            Commit(staged, path);
        }
        catch
        {
            TryDelete(staged);   // the rename failed (PATH is a folder, say): no temporary file stays behind
            throw;
        }
    }

    public static void WriteAllText(string path, string text) => Write(path, s => s.Write(new UTF8Encoding(false).GetBytes(text)));

    /// <summary>Writes the new content to the temporary file of <paramref name="path"/> and returns its
    /// path; nothing replaces the old file until <see cref="Commit"/>.</summary>
    public static string Stage(string path, Action<Stream> write)
    {
        ArgumentNullException.ThrowIfNull(write);
        var full = Path.GetFullPath(path);
        var dir = Path.GetDirectoryName(full)!;
        Directory.CreateDirectory(dir);
        var tmp = Path.Combine(dir, $".{Path.GetFileName(full)}.{Environment.ProcessId}-{Interlocked.Increment(ref _writes)}.tmp");
        try
        {
            using (var stream = new FileStream(tmp, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16))
            {
                write(stream);
                stream.Flush(flushToDisk: true);
            }
            return tmp;
        }
        catch
        {
            TryDelete(tmp);
            throw;
        }
    }

    /// <summary>Renames a staged file over its target.</summary>
    public static void Commit(string staged, string path) => File.Move(staged, Path.GetFullPath(path), overwrite: true);

    /// <summary>Is <paramref name="fileName"/> a temporary file of this class (of any process)?</summary>
    public static bool IsTemporary(string fileName) => TempName().IsMatch(fileName);

    /// <summary>Removes the temporary files that killed writers left in <paramref name="dir"/>; returns their names.
    /// Only safe while no other process writes there (the run holds the folder's <see cref="FolderLock"/>).</summary>
    public static IReadOnlyList<string> RemoveLeftovers(string dir)
    {
        if (!Directory.Exists(dir)) return Array.Empty<string>();
        var removed = new List<string>();
        foreach (var f in Directory.EnumerateFiles(dir).Where(f => IsTemporary(Path.GetFileName(f))))
            if (TryDelete(f)) removed.Add(Path.GetFileName(f));
        return removed;
    }

    internal static bool TryDelete(string path)
    {
        try
        {
            File.Delete(path);
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    /// <summary>Removes the temporary files in <paramref name="dir"/> whose writer has ended: no process here has the
    /// id in the name, and the file has not been written for an hour (a writer on another machine sharing the folder
    /// keeps writing). Safe in a folder that several runs write at once (the corpus cache). Returns their names.</summary>
    public static IReadOnlyList<string> RemoveLeftoversOfEndedWriters(string dir)
    {
        if (!Directory.Exists(dir)) return Array.Empty<string>();
        var removed = new List<string>();
        var stale = DateTime.UtcNow - TimeSpan.FromHours(1);
        foreach (var f in Directory.EnumerateFiles(dir))
        {
            var m = TempName().Match(Path.GetFileName(f));
            if (m.Success && int.TryParse(m.Groups[1].ValueSpan, out var pid) && File.GetLastWriteTimeUtc(f) < stale && !IsRunning(pid)
                && TryDelete(f))
                removed.Add(Path.GetFileName(f));
        }
        return removed;
    }

    /// <summary>Is a process with this id running here? Unknown (not ours to inspect) counts as running.</summary>
    private static bool IsRunning(int pid)
    {
        try
        {
            using var p = System.Diagnostics.Process.GetProcessById(pid);
            return !p.HasExited;
        }
        catch (ArgumentException) { return false; }          // no such process
        catch (Exception) { return true; }
    }

    /// <summary>.NAME.PID-N.tmp, or .NAME.PID.tmp as earlier versions named them; group 1 the writer's process id.</summary>
    [GeneratedRegex(@"^\..+\.(\d+)(-\d+)?\.tmp$")]
    private static partial Regex TempName();
}
