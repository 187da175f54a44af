using System.IO.Hashing;
using ICSharpCode.SharpZipLib;
using ICSharpCode.SharpZipLib.Zip.Compression;

namespace Word2Vec.Torch.Data;

/// <summary>
/// A .gz file's text, every member checked (RFC 1952): a member is a header, deflate data (inflated by
/// SharpZipLib's <see cref="Inflater"/>) and a trailer of the CRC-32 and the length (mod 2³²) of what it
/// holds. The file must hold at least one member and nothing after the last but zero bytes. So a cut,
/// damaged or empty download is an error naming the file and the member, never a shorter corpus:
/// System.IO.Compression's GZipStream ends quietly where a cut file ends, and SharpZipLib's
/// GZipInputStream takes anything after a whole member for the end.
/// </summary>
internal sealed class CheckedGzipStream(Stream raw, string path) : ForwardOnlyStream
{
    private const byte Id1 = 0x1f, Id2 = 0x8b, Deflate = 8;
    private const int FlagHeaderCrc = 2, FlagExtra = 4, FlagName = 8, FlagComment = 16, FlagsReserved = 0xe0;

    private readonly byte[] _input = new byte[1 << 16];
    private int _start, _end;                    // unread raw bytes: _input[_start.._end)
    private long _consumed;                      // raw bytes before _input[_start]
    private readonly Inflater _inflater = new(noHeader: true);
    private readonly Crc32 _crc = new();
    private byte[] _output = Array.Empty<byte>();
    private long _length;                        // bytes the member has given so far
    private int _members;                        // members begun
    private bool _inMember, _done;

    public override int Read(Span<byte> buffer)
    {
        if (buffer.IsEmpty || _done) return 0;
        try
        {
            while (true)
            {
                if (!_inMember)
                {
                    if (!BeginMember())
                    {
                        _done = true;
                        return 0;
                    }
                    continue;
                }
                if (_inflater.IsNeedingInput)
                {
                    if (_start == _end && !Fill()) throw Damaged($"it ends inside member {_members}'s compressed data (a cut file?)");
                    _inflater.SetInput(_input, _start, _end - _start);
                    _consumed += _end - _start;
                    _start = _end;
                }
                var want = Math.Min(buffer.Length, 1 << 20);   // the inflater writes arrays: through one of at most 1 MiB
                if (_output.Length < want) _output = new byte[want];
                var n = _inflater.Inflate(_output, 0, want);
                if (n > 0)
                {
                    _output.AsSpan(0, n).CopyTo(buffer);
                    _crc.Append(buffer[..n]);
                    _length += n;
                    return n;
                }
                if (_inflater.IsFinished) EndMember();
                else if (!_inflater.IsNeedingInput)
                    throw Damaged(_inflater.IsNeedingDictionary ? $"member {_members}'s compressed data asks for a preset dictionary, which gzip never uses"
                        : $"member {_members}'s compressed data stops the inflater");
            }
        }
        catch (Exception e) when (e is SharpZipBaseException or IndexOutOfRangeException or ArgumentException or InvalidOperationException)
        {
            // The inflater's own errors on bad deflate data (IndexOutOfRangeException among them: a bad Huffman table).
            throw Damaged($"member {_members}'s compressed data is corrupt" +
                          (e is SharpZipBaseException ? $" ({e.Message})" : " (the inflater cannot decode it)"), e);
        }
    }

    /// <summary>Reads a member's header; false at the end of the file (after at least one member, and only zero bytes left).</summary>
    private bool BeginMember()
    {
        if (!TryRawByte(out var id1))
        {
            if (_members == 0) throw Damaged("the file is empty: no gzip member");
            return false;
        }
        if (id1 == 0 && _members > 0)   // zero padding after the last member (as tape blocks have) is ignored, as gzip does
        {
            while (TryRawByte(out var b))
                if (b != 0) throw Damaged($"data that is not a gzip member follows member {_members} (at byte {_consumed - 1:N0})");
            return false;
        }
        var at = _consumed - 1;
        if (id1 != Id1 || RawByte() != Id2)
            throw Damaged(_members == 0 ? "not a gzip file (no 1f 8b at its start)" : $"data that is not a gzip member follows member {_members} (at byte {at:N0})");
        _members++;
        if (RawByte() != Deflate) throw Damaged($"member {_members} is not deflate-compressed");
        var flags = RawByte();
        if ((flags & FlagsReserved) != 0) throw Damaged($"member {_members}'s header has reserved flags set");
        Skip(6);                                               // MTIME, XFL, OS
        if ((flags & FlagExtra) != 0) Skip(RawByte() | (RawByte() << 8));
        if ((flags & FlagName) != 0) while (RawByte() != 0) { }
        if ((flags & FlagComment) != 0) while (RawByte() != 0) { }
        if ((flags & FlagHeaderCrc) != 0) Skip(2);
        _inflater.Reset();
        _crc.Reset();
        _length = 0;
        _inMember = true;
        return true;
    }

    /// <summary>The bytes the inflater did not use are the trailer's and what follows: CRC-32 and ISIZE, checked.</summary>
    private void EndMember()
    {
        var unused = _inflater.RemainingInput;
        _start = _end - unused;
        _consumed -= unused;
        uint crc = 0, size = 0;
        for (var i = 0; i < 4; i++) crc |= (uint)RawByte() << (8 * i);
        for (var i = 0; i < 4; i++) size |= (uint)RawByte() << (8 * i);
        if (crc != _crc.GetCurrentHashAsUInt32() || size != (uint)_length)
            throw Damaged($"member {_members} holds {_length:N0} bytes with CRC-32 {_crc.GetCurrentHashAsUInt32():x8}; its trailer records " +
                          $"{size:N0} bytes (mod 2³²) with {crc:x8}");
        _inMember = false;
    }

    /// <summary>Refills the buffer, all of whose bytes are used.</summary>
    private bool Fill()
    {
        _start = 0;
        _end = raw.Read(_input);
        return _end > 0;
    }

    private bool TryRawByte(out byte b)
    {
        if (_start == _end && !Fill())
        {
            b = 0;
            return false;
        }
        b = _input[_start++];
        _consumed++;
        return true;
    }

    private byte RawByte() =>
        TryRawByte(out var b) ? b : throw Damaged(_inMember ? $"it ends inside member {_members}'s trailer (a cut file?)" : $"it ends inside member {_members}'s header (a cut file?)");

    private void Skip(int count)
    {
        for (var i = 0; i < count; i++) RawByte();
    }

    private InvalidDataException Damaged(string what, Exception? inner = null) =>
        new($"{path}: the gzipped corpus is damaged: {what}", inner);

    protected override void Dispose(bool disposing)
    {
        if (disposing) raw.Dispose();
        base.Dispose(disposing);
    }
}
