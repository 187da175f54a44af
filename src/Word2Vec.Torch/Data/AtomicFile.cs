using System.Text;
using System.Text.RegularExpressions;

namespace Word2Vec.Torch.Data;

/// <summary>
/// Writes a file so that it is always either the old file or the whole new one: the bytes go to a
/// temporary file in the same folder (<c>.NAME.PID-N.tmp</c>, N counting this process's writes, so that
/// two threads writing one file do not share it), are flushed to disk, and the temporary file is renamed
/// over NAME. A failed write (a full disk, say) removes the temporary file and leaves the old one as it was.
/// </summary>
internal static partial class AtomicFile
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
    /// <exception cref="FileWriteException">The temporary file could not be made or written (a full disk, say). An
    /// exception of <paramref name="write"/>'s own (a file it reads) comes as it was thrown.</exception>
    public static string Stage(string path, Action<Stream> write)
    {
        ArgumentNullException.ThrowIfNull(write);
        var full = Path.GetFullPath(path);
        var dir = Path.GetDirectoryName(full)!;
        var tmp = Path.Combine(dir, $".{Path.GetFileName(full)}.{Environment.ProcessId}-{Interlocked.Increment(ref _writes)}.tmp");
        WatchedStream? watched = null;
        try
        {
            Directory.CreateDirectory(dir);
            using (var stream = new FileStream(tmp, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16))
            {
                watched = new WatchedStream(stream);
                write(watched);
                watched.Flush(flushToDisk: true);
            }
            return tmp;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException && (watched is null || watched.Failed))
        {
            TryDelete(tmp);
            throw WriteFailure(full, tmp, e);
        }
        catch
        {
            TryDelete(tmp);
            throw;
        }
    }

    /// <summary>Renames a staged file over its target.</summary>
    /// <exception cref="FileWriteException">The rename failed (the target is a folder, say).</exception>
    public static void Commit(string staged, string path)
    {
        var full = Path.GetFullPath(path);
        try
        {
            File.Move(staged, full, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw WriteFailure(full, staged, e);
        }
    }

    /// <summary>The failure named by the file it was for: .NET's message names the temporary file (".NAME.PID-N.tmp"),
    /// as in "No space left on device : '/run/.vectors.txt.7-1.tmp'", and that file is gone by now.</summary>
    private static FileWriteException WriteFailure(string path, string tmp, Exception e) =>
        e as FileWriteException ?? new FileWriteException(path, e.Message.Replace($" : '{tmp}'", "").Replace(tmp, path), e);

    /// <summary>The temporary file's stream as the writer sees it, noting whether the file itself failed (the disk, not
    /// what the writer reads): only such a failure is a <see cref="FileWriteException"/>.</summary>
    private sealed class WatchedStream(FileStream file) : Stream
    {
        public bool Failed { get; private set; }

        // Each call notes a failure in an exception filter that declines it, so the exception goes on as it was.
        private bool Fails()
        {
            Failed = true;
            return false;
        }

        public override bool CanRead => false;
        public override bool CanSeek => file.CanSeek;
        public override bool CanWrite => true;
        public override long Length => file.Length;

        public override long Position
        {
            get => file.Position;
            set
            {
                try { file.Position = value; }
                catch (IOException) when (Fails()) { }
            }
        }

        public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

        public override void Write(ReadOnlySpan<byte> buffer)
        {
            try { file.Write(buffer); }
            catch (IOException) when (Fails()) { }
        }

        public override void WriteByte(byte value)
        {
            try { file.WriteByte(value); }
            catch (IOException) when (Fails()) { }
        }

        public override void Flush() => Flush(flushToDisk: false);

        public void Flush(bool flushToDisk)
        {
            try { file.Flush(flushToDisk); }
            catch (IOException) when (Fails()) { }
        }

        public override long Seek(long offset, SeekOrigin origin)
        {
            try { return file.Seek(offset, origin); }
            catch (IOException) when (Fails()) { throw; }
        }

        public override void SetLength(long value)
        {
            try { file.SetLength(value); }
            catch (IOException) when (Fails()) { }
        }

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException("a file being written is not read");
    }

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
