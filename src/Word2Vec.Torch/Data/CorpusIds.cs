using System.Buffers.Binary;
using System.IO.Hashing;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;

namespace Word2Vec.Torch.Data;

/// <summary>
/// The id file: a text corpus encoded once as vocabulary ids, read by every epoch and later run
/// (<see cref="CorpusIdsReader"/>) instead of the text. Little-endian:
/// <code>
///   0  u64  magic "W2VIDS02"
///   8  i64  tokens N
///  16  i64  sentences
///  24  i32  vocabulary rows V
///  28  i32  0
///  32  u64  the vocabulary's fingerprint (<see cref="Fingerprint"/>)
///  40  u64  XxHash3 (64-bit) of the N entries' bytes (<see cref="Verify"/>)
///  48  16 bytes of 0
///  64  N × u32: the token's id, with bit 31 set on the last token of each sentence
/// </code>
/// 4 bytes a kept token with the sentence ends inline, so no token count and no sentence count is
/// limited by an array's length. W2VIDS01 was the same without the checksum.
/// </summary>
public static class CorpusIds
{
    public const ulong Magic = 0x32_30_53_44_49_56_32_57;   // "W2VIDS02"

    /// <summary>The format before the checksum: refused, with what to do.</summary>
    private const ulong MagicWithoutChecksum = 0x31_30_53_44_49_56_32_57;   // "W2VIDS01"

    public const int HeaderBytes = 64;

    /// <summary>Bit 31 of an entry: a sentence ends after this token.</summary>
    public const uint SentenceEnd = 0x8000_0000;

    /// <summary>The id of an entry.</summary>
    public static int Id(uint entry) => (int)(entry & ~SentenceEnd);

    /// <summary>Does a sentence end after this entry?</summary>
    public static bool EndsSentence(uint entry) => (entry & SentenceEnd) != 0;

    /// <summary>A hash of the vocabulary's words and counts in row order: an id file made with another vocabulary is refused.</summary>
    public static ulong Fingerprint(Vocabulary vocabulary)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        Span<byte> count = stackalloc byte[8];
        for (var i = 0; i < vocabulary.Count; i++)
        {
            sha.AppendData(Encoding.UTF8.GetBytes(vocabulary.Words[i]));
            BinaryPrimitives.WriteInt64LittleEndian(count, vocabulary.Counts[i]);
            sha.AppendData(count);
        }
        return BinaryPrimitives.ReadUInt64LittleEndian(sha.GetHashAndReset());
    }

    /// <summary>The header's fields.</summary>
    public readonly record struct Header(long Tokens, long Sentences, int VocabularyRows, ulong VocabularyFingerprint, ulong Checksum)
    {
        public void WriteTo(Span<byte> bytes)
        {
            bytes[..HeaderBytes].Clear();
            BinaryPrimitives.WriteUInt64LittleEndian(bytes, Magic);
            BinaryPrimitives.WriteInt64LittleEndian(bytes[8..], Tokens);
            BinaryPrimitives.WriteInt64LittleEndian(bytes[16..], Sentences);
            BinaryPrimitives.WriteInt32LittleEndian(bytes[24..], VocabularyRows);
            BinaryPrimitives.WriteUInt64LittleEndian(bytes[32..], VocabularyFingerprint);
            BinaryPrimitives.WriteUInt64LittleEndian(bytes[40..], Checksum);
        }

        /// <summary>Reads and checks a header: the magic, and a length that matches <paramref name="streamLength"/>.</summary>
        public static Header Read(ReadOnlySpan<byte> bytes, long streamLength, string name)
        {
            if (bytes.Length >= HeaderBytes && BinaryPrimitives.ReadUInt64LittleEndian(bytes) == MagicWithoutChecksum)
                throw new InvalidDataException($"{name}: a corpus id file of an older format (W2VIDS01, without a checksum); delete it to encode the corpus again");
            if (bytes.Length < HeaderBytes || BinaryPrimitives.ReadUInt64LittleEndian(bytes) != Magic)
                throw new InvalidDataException($"{name}: not a corpus id file (no W2VIDS02 header)");
            var header = new Header(BinaryPrimitives.ReadInt64LittleEndian(bytes[8..]), BinaryPrimitives.ReadInt64LittleEndian(bytes[16..]),
                BinaryPrimitives.ReadInt32LittleEndian(bytes[24..]), BinaryPrimitives.ReadUInt64LittleEndian(bytes[32..]),
                BinaryPrimitives.ReadUInt64LittleEndian(bytes[40..]));
            if (header.Tokens < 1 || header.Sentences < 1 || header.Sentences > header.Tokens || header.VocabularyRows < 1
                || streamLength != HeaderBytes + 4 * header.Tokens)
                throw new InvalidDataException(
                    $"{name}: the corpus id file is damaged ({header.Tokens} tokens, {header.Sentences} sentences, {header.VocabularyRows} words " +
                    $"in its header, {streamLength:N0} bytes long)");
            return header;
        }
    }

    /// <summary>Reads every entry of an id file once and compares their checksum with the header's: a file changed
    /// after it was written (a flipped bit, an edit, a copy gone wrong) is an error naming it, even where its ids
    /// stay inside the vocabulary.</summary>
    public static void Verify(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1);
        var header = CorpusIdsReader.ReadHeader(stream, path);
        var hash = new XxHash3();
        var buffer = new byte[1 << 20];
        int n;
        while ((n = stream.Read(buffer)) > 0) hash.Append(buffer.AsSpan(0, n));
        var actual = hash.GetCurrentHashAsUInt64();
        if (actual != header.Checksum)
            throw new InvalidDataException($"{path}: the corpus id file is damaged (its ids' checksum is {actual:x16}, its header records {header.Checksum:x16})");
    }
}

/// <summary>
/// Writes an id file (<see cref="CorpusIds"/>) onto a seekable stream, token by token, through a
/// small buffer: memory does not grow with the corpus. <see cref="Complete"/> writes the header.
/// </summary>
public sealed class CorpusIdsWriter
{
    private readonly Stream _stream;
    private readonly Vocabulary _vocabulary;
    private readonly uint[] _buffer = new uint[1 << 16];
    private readonly XxHash3 _checksum = new();
    private int _count;               // entries in _buffer; the last one stays until the next Add (EndSentence may mark it)
    private long _tokens, _sentences;
    private bool _sentenceOpen;       // tokens since the last sentence end?

    public CorpusIdsWriter(Stream stream, Vocabulary vocabulary)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(vocabulary);
        if (!stream.CanSeek) throw new ArgumentException("the id file's stream must be seekable (its header is written last)", nameof(stream));
        _stream = stream;
        _vocabulary = vocabulary;
        _stream.Write(new byte[CorpusIds.HeaderBytes]);
    }

    public long Tokens => _tokens;

    public void Add(int id)
    {
        if ((uint)id >= (uint)_vocabulary.Count)
            throw new ArgumentOutOfRangeException(nameof(id), id, $"outside the vocabulary (0..{_vocabulary.Count - 1})");
        if (_count == _buffer.Length)
        {
            WriteEntries(_count - 1);
            _buffer[0] = _buffer[_count - 1];
            _count = 1;
        }
        _buffer[_count++] = (uint)id;
        _tokens++;
        _sentenceOpen = true;
    }

    /// <summary>Ends the sentence after the last token added (nothing when no token came since the last end).</summary>
    public void EndSentence()
    {
        if (!_sentenceOpen) return;
        _buffer[_count - 1] |= CorpusIds.SentenceEnd;
        _sentences++;
        _sentenceOpen = false;
    }

    /// <summary>Ends the last sentence, writes what is buffered and the header; returns the header.</summary>
    public CorpusIds.Header Complete()
    {
        if (!BitConverter.IsLittleEndian) throw new PlatformNotSupportedException("the id file is written on little-endian machines only");
        EndSentence();
        WriteEntries(_count);
        _count = 0;
        var header = new CorpusIds.Header(_tokens, _sentences, _vocabulary.Count, CorpusIds.Fingerprint(_vocabulary),
            _checksum.GetCurrentHashAsUInt64());
        Span<byte> bytes = stackalloc byte[CorpusIds.HeaderBytes];
        header.WriteTo(bytes);
        _stream.Position = 0;
        _stream.Write(bytes);
        _stream.Flush();
        return header;
    }

    /// <summary>The first <paramref name="count"/> buffered entries, final now, onto the stream and into the checksum.</summary>
    private void WriteEntries(int count)
    {
        var bytes = MemoryMarshal.AsBytes(_buffer.AsSpan(0, count));
        _stream.Write(bytes);
        _checksum.Append(bytes);
    }
}
