using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Word2Vec.Torch.Data;

/// <summary>
/// Reads an id file (<see cref="CorpusIds"/>) in chunks of <see cref="ChunkEntries"/> entries, from
/// any token position: resident memory is the chunk, whatever the corpus's size (the file's pages
/// stay in the page cache, which is not the process's). Every id is checked against the vocabulary
/// as it is read, so a damaged file is an error naming it and the position, never a wrong row.
/// </summary>
public sealed class CorpusIdsReader : IDisposable
{
    public const int ChunkEntries = 1 << 16;

    private readonly Stream _stream;
    private readonly string _name;
    private readonly uint[] _chunk;
    private readonly uint _rows;
    private long _chunkStart;         // token position of _chunk[0]
    private int _index, _count;       // next entry in _chunk; entries in it

    /// <param name="stream">The id file (seekable); the reader disposes it.</param>
    /// <param name="vocabulary">The vocabulary the file must have been written with.</param>
    /// <param name="name">The file, for errors.</param>
    public CorpusIdsReader(Stream stream, Vocabulary vocabulary, string name, int chunkEntries = ChunkEntries)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(vocabulary);
        if (chunkEntries < 1) throw new ArgumentOutOfRangeException(nameof(chunkEntries), chunkEntries, "must be positive");
        _stream = stream;
        _name = name;
        try
        {
            Header = ReadHeader(stream, name);
            if (Header.VocabularyRows != vocabulary.Count || Header.VocabularyFingerprint != CorpusIds.Fingerprint(vocabulary))
                throw new InvalidDataException(
                    $"{name}: the id file was written with another vocabulary ({Header.VocabularyRows:N0} words, this one has {vocabulary.Count:N0}" +
                    $"{(Header.VocabularyRows == vocabulary.Count ? ", other words or counts" : "")})");
        }
        catch
        {
            stream.Dispose();
            throw;
        }
        _rows = (uint)vocabulary.Count;
        _chunk = new uint[(int)Math.Min(chunkEntries, Header.Tokens)];
    }

    public CorpusIds.Header Header { get; }

    /// <summary>N, the tokens of the corpus.</summary>
    public long Tokens => Header.Tokens;

    /// <summary>The next token's position (0 … N).</summary>
    public long Position => _chunkStart + _index;

    /// <summary>Reads the header of an id file without a vocabulary to check it against.</summary>
    public static CorpusIds.Header ReadHeader(Stream stream, string name)
    {
        Span<byte> bytes = stackalloc byte[CorpusIds.HeaderBytes];
        stream.Position = 0;
        if (stream.ReadAtLeast(bytes, bytes.Length, throwOnEndOfStream: false) < bytes.Length)
            throw new InvalidDataException($"{name}: not a corpus id file (shorter than its header)");
        return CorpusIds.Header.Read(bytes, stream.Length, name);
    }

    /// <summary>Moves to token <paramref name="position"/> (0 … N).</summary>
    public void Seek(long position)
    {
        if ((ulong)position > (ulong)Header.Tokens)
            throw new ArgumentOutOfRangeException(nameof(position), position, $"{_name} holds {Header.Tokens:N0} tokens");
        if (position >= _chunkStart && position < _chunkStart + _count)
        {
            _index = (int)(position - _chunkStart);
            return;
        }
        _chunkStart = position;
        _index = _count = 0;
    }

    /// <summary>The next entry (id and sentence-end bit: <see cref="CorpusIds.Id"/>, <see cref="CorpusIds.EndsSentence"/>); false at the end.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool Next(out uint entry)
    {
        if (_index == _count && !Fill())
        {
            entry = 0;
            return false;
        }
        entry = _chunk[_index++];
        return true;
    }

    private bool Fill()
    {
        _chunkStart += _count;
        _index = _count = 0;
        var left = Header.Tokens - _chunkStart;
        if (left <= 0) return false;
        var n = (int)Math.Min(_chunk.Length, left);
        _stream.Position = CorpusIds.HeaderBytes + 4 * _chunkStart;
        var bytes = MemoryMarshal.AsBytes(_chunk.AsSpan(0, n));
        if (_stream.ReadAtLeast(bytes, bytes.Length, throwOnEndOfStream: false) < bytes.Length)
            throw new InvalidDataException($"{_name}: the id file ends before token {_chunkStart + n:N0} (it was changed while it was read?)");
        for (var i = 0; i < n; i++)
            if ((_chunk[i] & ~CorpusIds.SentenceEnd) >= _rows)
                throw new InvalidDataException($"{_name}: token {_chunkStart + i:N0} has id {CorpusIds.Id(_chunk[i])}, outside the vocabulary's {_rows:N0} words: the file is damaged");
        if (_chunkStart + n == Header.Tokens && !CorpusIds.EndsSentence(_chunk[n - 1]))
            throw new InvalidDataException($"{_name}: the last token does not end a sentence: the file is damaged");
        _count = n;
        return true;
    }

    public void Dispose() => _stream.Dispose();
}
