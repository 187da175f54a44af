using System.Globalization;

namespace Word2Vec.Torch.Data;

/// <summary>
/// One run at a time in an output folder: <c>.w2v.lock</c> held open without sharing while the run
/// lasts (on Linux and macOS an flock, which the kernel releases when the process ends, however it
/// ends, so a lock left by a killed run does not block), and <c>.w2v.lock.owner</c> saying who holds
/// it. A second run fails at once with a message naming the folder and the holder. Within one
/// process the lock is re-entrant: the CLI holds it for the whole command, and the training run it
/// starts takes it again for its checkpoints. A folder the lock made goes with it when the run left nothing
/// in it (a run that failed before writing a file), and so do the parents it made.
/// </summary>
internal sealed class FolderLock : IDisposable
{
    public const string LockName = ".w2v.lock";
    public const string OwnerName = ".w2v.lock.owner";

    private static readonly Dictionary<string, (FileStream Stream, int Holders, List<string> Made)> Held = new(StringComparer.Ordinal);
    private readonly string _dir;
    private bool _disposed;

    private FolderLock(string dir) => _dir = dir;

    /// <param name="dir">The folder (created if missing).</param>
    /// <param name="key">The config key that names it, for messages.</param>
    /// <param name="remedy">What the user can do instead of waiting, for the message when another run holds it
    /// (default: choose another <paramref name="key"/>).</param>
    public static FolderLock Acquire(string dir, string key = "output.dir", string? remedy = null)
    {
        var full = Path.TrimEndingDirectorySeparator(Path.GetFullPath(dir));   // "out/" and "out" are one folder, one lock
        lock (Held)
        {
            if (Held.TryGetValue(full, out var held))
            {
                Held[full] = held with { Holders = held.Holders + 1 };
                return new FolderLock(full);
            }
            CheckFolder(dir, key);
            var ownerPath = Path.Combine(full, OwnerName);
            var made = new List<string>();   // the folders CreateDirectory makes, deepest first
            FileStream stream;
            for (var attempt = 1; ; attempt++)
            {
                made.Clear();
                for (var d = full; !Directory.Exists(d); d = Path.GetDirectoryName(d)!) made.Add(d);
                Directory.CreateDirectory(full);
                try
                {
                    stream = new FileStream(Path.Combine(full, LockName), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
                    break;
                }
                catch (DirectoryNotFoundException) when (attempt < 3)
                {
                    // A run of this folder that just ended removed it, empty, between the two calls: make it again.
                }
                catch (IOException e) when (e is not FileNotFoundException and not DirectoryNotFoundException)
                {
                    var holder = Holder(ownerPath);
                    RemoveIfEmpty(made);
                    throw new IOException($"{key} = \"{dir}\" is in use by another run ({holder}); wait for it to end or {remedy ?? $"choose another {key}"}.", e);
                }
            }
            var owner = $"process {Environment.ProcessId} on {Environment.MachineName}, since {DateTime.UtcNow.ToString("u", CultureInfo.InvariantCulture)}";
            try
            {
                AtomicFile.WriteAllText(ownerPath, owner + "\n");
            }
            catch (Exception e)
            {
                // The lock file goes while still held (as in Dispose), then the lock: else this process would find
                // its own folder "in use" until the GC ran.
                AtomicFile.TryDelete(Path.Combine(full, LockName));
                stream.Dispose();
                RemoveIfEmpty(made);
                if (e is FileWriteException) throw new IOException($"{key} = \"{dir}\" cannot be locked for this run: {e.Message}", e);
                throw;
            }
            Held[full] = (stream, 1, made);
            return new FolderLock(full);
        }
    }

    /// <summary>Who holds the lock, as its owner file says; "another process" when the file is missing, empty or
    /// unreadable (the holder may be ending and removing it right now), so that the message is still the lock's.</summary>
    private static string Holder(string ownerPath)
    {
        try
        {
            var text = File.ReadAllText(ownerPath).Trim();
            return text.Length > 0 ? text : "another process";
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return "another process";
        }
    }

    /// <summary><paramref name="dir"/> itself when it is a folder, else its nearest existing parent folder; throws when it,
    /// or a path on the way up, is a file (/dev/null among them).</summary>
    public static string NearestFolder(string dir, string key)
    {
        var full = Path.GetFullPath(dir);
        if (File.Exists(full) || (Path.Exists(full) && !Directory.Exists(full)))
            throw new IOException($"{key} = \"{dir}\" is a file, not a folder.");
        var existing = full;
        while (!Directory.Exists(existing))
        {
            if (Path.Exists(existing)) throw new IOException($"{key} = \"{dir}\": {existing} is a file, not a folder.");
            existing = Path.GetDirectoryName(existing) ?? throw new IOException($"{key} = \"{dir}\" has no existing parent folder.");
        }
        return existing;
    }

    /// <summary>Throws unless <paramref name="dir"/> is a folder or does not exist yet (<see cref="NearestFolder"/>),
    /// and unless this process can write there: a file is made (and removed as it closes) in the folder, or
    /// in its nearest existing parent when it does not exist yet, so nothing is left behind.</summary>
    public static void CheckFolder(string dir, string key = "output.dir")
    {
        var existing = NearestFolder(dir, key);
        try
        {
            using var probe = new FileStream(Path.Combine(existing, $".w2v-write-check.{Environment.ProcessId}.{Guid.NewGuid():N}"), FileMode.CreateNew,
                FileAccess.Write, FileShare.None, bufferSize: 1, FileOptions.DeleteOnClose);
        }
        catch (Exception e) when (e is UnauthorizedAccessException or IOException)
        {
            throw new IOException($"{key} = \"{dir}\" cannot be written by this process ({existing}: {e.Message}).", e);
        }
    }

    /// <summary>Releases this hold; the last one removes the owner and lock files (the lock file while
    /// still holding it, so a run that opens it meanwhile makes a new one) and releases the lock.</summary>
    public void Dispose()
    {
        lock (Held)
        {
            if (_disposed) return;
            _disposed = true;
            var (stream, holders, made) = Held[_dir];
            if (holders > 1)
            {
                Held[_dir] = (stream, holders - 1, made);
                return;
            }
            Held.Remove(_dir);
            AtomicFile.TryDelete(Path.Combine(_dir, OwnerName));
            AtomicFile.TryDelete(stream.Name);
            stream.Dispose();
            RemoveIfEmpty(made);
        }
    }

    /// <summary>Removes the folders the lock made, deepest first, while they are empty; one that is not ends it.</summary>
    private static void RemoveIfEmpty(List<string> made)
    {
        foreach (var dir in made)
        {
            try
            {
                if (Directory.EnumerateFileSystemEntries(dir).Any()) return;
                Directory.Delete(dir);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                return;   // in use, or gone: it is not ours to insist on
            }
        }
    }
}
