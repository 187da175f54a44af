using System.IO.Compression;
using System.IO.Hashing;

namespace Word2Vec.Torch.Data;

/// <summary>
/// The one file of a zipped corpus, decompressed as it is read and checked at its end against the length and
/// CRC-32 the archive's directory records (ZipArchive does not check them before .NET 11), so a damaged archive
/// is an error naming it. It owns the archive and closes it.
/// </summary>
internal sealed class CheckedZipEntryStream(ZipArchive archive, ZipArchiveEntry entry, Stream inner, string path) : ForwardOnlyStream
{
    private readonly Crc32 _crc = new();
    private long _length;
    private bool _checked;

    public override int Read(Span<byte> buffer)
    {
        int n;
        try
        {
            n = inner.Read(buffer);
        }
        catch (InvalidDataException e)
        {
            throw new InvalidDataException($"{path}: the zipped corpus is damaged ({e.Message})", e);
        }
        if (n > 0)
        {
            _crc.Append(buffer[..n]);
            _length += n;
        }
        else if (buffer.Length > 0 && !_checked)
        {
            _checked = true;
            var crc = _crc.GetCurrentHashAsUInt32();
            if (_length != entry.Length || crc != entry.Crc32)
                throw new InvalidDataException($"{path}: the zipped corpus is damaged: {entry.FullName} reads as {_length:N0} bytes with CRC-32 " +
                                               $"{crc:x8}; the archive records {entry.Length:N0} bytes with {entry.Crc32:x8}");
        }
        return n;
    }

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
