using System.Buffers;
using System.Text;
using System.Text.Unicode;

namespace Word2Vec.Torch.Data;

/// <summary>
/// A corpus's bytes on their way to the decoder, checked as text: a NUL byte, or a start that is
/// mostly not UTF-8, means the file is binary (an error naming it and the offset); other invalid
/// UTF-8 sequences are counted, with the offset of the first, so that the reader can warn (the
/// decoder reads each one as U+FFFD). Read-only and forward-only; it disposes the stream it wraps.
/// </summary>
internal sealed class CheckedTextStream(Stream inner, string name) : ForwardOnlyStream
{
    /// <summary>How much of the start is judged for "mostly not text".</summary>
    private const long Sample = 1 << 16;

    /// <summary>A start with more invalid sequences than this share of its bytes is binary.</summary>
    private const double BinaryShare = 0.1;

    private byte[] _work = Array.Empty<byte>();
    private readonly byte[] _pending = new byte[3];   // an incomplete sequence at the end of the last read
    private int _pendingCount;
    private long _checked;                            // bytes checked so far (the pending ones not yet)

    /// <summary>Invalid UTF-8 sequences so far.</summary>
    public long InvalidSequences { get; private set; }

    /// <summary>The byte offset of the first invalid sequence (−1: none).</summary>
    public long FirstInvalidOffset { get; private set; } = -1;

    public override int Read(Span<byte> buffer)
    {
        var n = inner.Read(buffer);
        if (n == 0)
        {
            if (_pendingCount > 0) Invalid(_checked);   // the text ends inside a sequence
            _pendingCount = 0;
            return 0;
        }
        var read = buffer[..n];
        var nul = read.IndexOf((byte)0);
        if (nul >= 0)
            throw NotText($"a NUL byte at offset {_checked + _pendingCount + nul:N0} (is it binary, or UTF-16?)");

        // The pending bytes, then the new ones; all but an incomplete sequence at the end are checked now.
        var length = _pendingCount + n;
        if (_work.Length < length) _work = new byte[Math.Max(length, 1 << 16)];
        var work = _work.AsSpan(0, length);
        _pending.AsSpan(0, _pendingCount).CopyTo(work);
        read.CopyTo(work[_pendingCount..]);
        var complete = length - IncompleteTail(work);
        var body = work[..complete];
        if (!Utf8.IsValid(body)) CountInvalid(body, _checked);
        _checked += complete;
        work[complete..].CopyTo(_pending);
        _pendingCount = length - complete;

        // Judged on every read that begins inside the sample: the first full read may well take it all at once.
        if (_checked - complete < Sample && InvalidSequences > BinaryShare * Math.Max(_checked, 64))
            throw NotText($"{InvalidSequences} of its first {_checked:N0} bytes are not UTF-8 (is it binary?)");
        return n;
    }

    /// <summary>The error for bytes that are no text. An archive is read to its end first: a damaged one inflates to
    /// such bytes before its checksum is reached, and then the damage is the error.</summary>
    private InvalidDataException NotText(string why)
    {
        if (inner is CheckedGzipStream or CheckedZipEntryStream)
        {
            try { inner.CopyTo(Stream.Null); }
            catch (InvalidDataException damaged) { return damaged; }
        }
        return new InvalidDataException($"{name} is not a text file: {why}.");
    }

    /// <summary>How many bytes at the end start a sequence that needs more bytes than are there (0–3).</summary>
    private static int IncompleteTail(ReadOnlySpan<byte> bytes)
    {
        for (var back = 1; back <= Math.Min(3, bytes.Length); back++)
        {
            var b = bytes[^back];
            if ((b & 0xC0) == 0x80) continue;                  // a continuation byte: look further back
            var needs = (b & 0xE0) == 0xC0 ? 2 : (b & 0xF0) == 0xE0 ? 3 : (b & 0xF8) == 0xF0 ? 4 : 1;
            return needs > back ? back : 0;
        }
        return 0;
    }

    private void CountInvalid(ReadOnlySpan<byte> bytes, long at)
    {
        for (var i = 0; i < bytes.Length;)
        {
            if (Rune.DecodeFromUtf8(bytes[i..], out _, out var consumed) != OperationStatus.Done) Invalid(at + i);
            i += Math.Max(1, consumed);
        }
    }

    private void Invalid(long offset)
    {
        if (FirstInvalidOffset < 0) FirstInvalidOffset = offset;
        InvalidSequences++;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing) inner.Dispose();
        base.Dispose(disposing);
    }
}
