using System.IO.Compression;
using System.Runtime.CompilerServices;

namespace Word2Vec.Torch.Data;

/// <summary>Opens a corpus file as a stream of bytes: a plain file, a .gz, or the single file entry of a .zip.</summary>
public static class CorpusFile
{
    /// <summary>
    /// A read-only stream over <paramref name="path"/>'s text. For a <c>.zip</c>, the stream
    /// decompresses the archive's only file entry as it is read (it is never unpacked to disk or
    /// memory); disposing it closes the archive. A <c>.gz</c> is decompressed as it is read, every member
    /// (<see cref="CheckedGzipStream"/>). Both are checked: each gzip member against its trailer, the zip
    /// entry against the CRC-32 and length of the archive's directory (<see cref="CheckedZipEntryStream"/>),
    /// so a cut or damaged archive is an error rather than a shorter corpus.
    /// Missing file: <see cref="FileNotFoundException"/>; a zip without exactly one file entry, or a
    /// damaged or truncated archive: <see cref="InvalidDataException"/> naming the file.
    /// </summary>
    /// <param name="fileBytesRead">When given, counts the bytes read from the file itself (compressed ones for an archive): progress.</param>
    public static Stream Open(string path, StrongBox<long>? fileBytesRead = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        InputFile.Require(path, "corpus file");
        if (path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase))
            return new CheckedGzipStream(OpenFile(path, fileBytesRead), path);
        if (!path.EndsWith(".zip", StringComparison.OrdinalIgnoreCase))
            return OpenFile(path, fileBytesRead);

        ZipArchive archive;
        var zip = OpenFile(path, fileBytesRead);
        try
        {
            archive = new ZipArchive(zip, ZipArchiveMode.Read);
        }
        catch (InvalidDataException e)
        {
            zip.Dispose();
            throw new InvalidDataException($"{path}: not a readable zip archive ({e.Message})", e);
        }
        try
        {
            // Folders and what macOS's Finder adds (__MACOSX/ and its ._NAME files) are not the corpus, as hidden files
            // are not in a folder corpus.
            var files = archive.Entries
                .Where(e => !e.FullName.EndsWith('/') && !e.FullName.StartsWith("__MACOSX/", StringComparison.Ordinal) && !e.Name.StartsWith('.'))
                .ToList();
            if (files.Count != 1)
                throw new InvalidDataException(
                    $"{path}: a zipped corpus must hold exactly one file, this one holds {files.Count}" +
                    (files.Count > 0 ? $" ({string.Join(", ", files.Take(5).Select(e => e.FullName))}{(files.Count > 5 ? ", …" : "")})" : ""));
            Stream entry;
            try
            {
                entry = files[0].Open();
            }
            catch (InvalidDataException e)   // an unsupported method, a bad local header
            {
                throw new InvalidDataException($"{path}: the zipped corpus is damaged ({e.Message})", e);
            }
            return new CheckedZipEntryStream(archive, files[0], entry, path);
        }
        catch
        {
            archive.Dispose();
            throw;
        }
    }

    private static Stream OpenFile(string path, StrongBox<long>? bytesRead)
    {
        var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1 << 16);
        return bytesRead is null ? file : new CountingStream(file, bytesRead);
    }
}

/// <summary>A read-only stream that adds the bytes read through it to a counter.</summary>
internal sealed class CountingStream(Stream inner, StrongBox<long> bytesRead) : Stream
{
    public override bool CanRead => true;
    public override bool CanSeek => inner.CanSeek;
    public override bool CanWrite => false;
    public override long Length => inner.Length;
    public override long Position { get => inner.Position; set => inner.Position = value; }
    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        var n = inner.Read(buffer);
        bytesRead.Value += n;
        return n;
    }

    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => inner.Seek(offset, origin);
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing) inner.Dispose();
        base.Dispose(disposing);
    }
}
