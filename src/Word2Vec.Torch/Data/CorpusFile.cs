using System.IO.Compression;

namespace Word2Vec.Torch.Data;

/// <summary>Opens a corpus file as a stream of bytes: a plain file, or the single file entry of a .zip.</summary>
public static class CorpusFile
{
    /// <summary>
    /// A read-only stream over <paramref name="path"/>'s text. For a <c>.zip</c>, the stream
    /// decompresses the archive's only file entry as it is read (it is never unpacked to disk or
    /// memory); disposing it closes the archive. Missing file: <see cref="FileNotFoundException"/>;
    /// a zip without exactly one file entry: <see cref="InvalidDataException"/>.
    /// </summary>
    public static Stream Open(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (!File.Exists(path))
            throw new FileNotFoundException($"corpus file not found: {path}", path);
        if (!path.EndsWith(".zip", StringComparison.OrdinalIgnoreCase))
            return new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1 << 16);

        ZipArchive archive;
        try
        {
            archive = ZipFile.OpenRead(path);
        }
        catch (InvalidDataException e)
        {
            throw new InvalidDataException($"{path}: not a readable zip archive ({e.Message})", e);
        }
        try
        {
            var files = archive.Entries.Where(e => !e.FullName.EndsWith('/')).ToList();
            if (files.Count != 1)
                throw new InvalidDataException(
                    $"{path}: a zipped corpus must hold exactly one file, this one holds {files.Count}" +
                    (files.Count > 0 ? $" ({string.Join(", ", files.Take(5).Select(e => e.FullName))}{(files.Count > 5 ? ", …" : "")})" : ""));
            return new EntryStream(files[0].Open(), archive, path);
        }
        catch
        {
            archive.Dispose();
            throw;
        }
    }

    /// <summary>The decompressing entry stream, which also closes its archive.</summary>
    private sealed class EntryStream(Stream inner, ZipArchive archive, string path) : Stream
    {
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            try
            {
                return inner.Read(buffer);
            }
            catch (InvalidDataException e)
            {
                throw new InvalidDataException($"{path}: the zipped corpus is corrupt ({e.Message})", e);
            }
        }

        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                inner.Dispose();
                archive.Dispose();
            }
            base.Dispose(disposing);
        }
    }
}
