namespace Word2Vec.Torch.Data;

/// <summary>
/// A file that could not be written (<see cref="AtomicFile"/>): the disk is full, a folder is in the way, the
/// folder is read-only. The message names the file the write was for, not its temporary file, and the
/// system's reason; a failure of what the writer read (a corpus file, a download) is never one of these.
/// </summary>
public sealed class FileWriteException(string path, string reason, Exception inner)
    : IOException($"could not write {path}: {reason}", inner)
{
    /// <summary>The file that was to be written.</summary>
    public string FilePath { get; } = path;

    /// <summary>The system's reason (No space left on device, say), without the path.</summary>
    public string Reason { get; } = reason;
}
