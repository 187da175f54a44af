using System.Runtime.CompilerServices;

namespace Word2Vec.Torch.Data;

/// <summary>
/// The text of a corpus's files (<see cref="CorpusFiles"/>) as one forward-only byte stream: each
/// file opened in turn (<see cref="CorpusFile"/>), checked as text (<see cref="CheckedTextStream"/>:
/// a binary file is an error naming it), its UTF-8 byte-order mark dropped, and a line break
/// between one file and the next. Counts the files' bytes read, for progress.
/// </summary>
internal sealed class CorpusText : ForwardOnlyStream
{
    private static readonly byte[] Bom = [0xEF, 0xBB, 0xBF];

    private readonly IReadOnlyList<string> _files;
    private readonly StrongBox<long> _fileBytes = new();
    private int _next;                    // the next file to open
    private CheckedTextStream? _current;
    private bool _startOfFile, _lineBreakDue;
    private long _invalidBefore;          // invalid sequences in the files already read

    public CorpusText(IReadOnlyList<string> files)
    {
        ArgumentNullException.ThrowIfNull(files);
        if (files.Count == 0) throw new ArgumentException("a corpus needs at least one file", nameof(files));
        _files = files;
        TotalBytes = CorpusFiles.TotalBytes(files);
    }

    /// <summary>Bytes of the files read so far (compressed ones for archives).</summary>
    public long FileBytesRead => _fileBytes.Value;

    /// <summary>All the files' bytes.</summary>
    public long TotalBytes { get; }

    /// <summary>Invalid UTF-8 sequences so far, in all files.</summary>
    public long InvalidUtf8 => _invalidBefore + (_current?.InvalidSequences ?? 0);

    /// <summary>Where the first invalid UTF-8 sequence was: the file and the byte offset in its text (null: none yet).</summary>
    public (string File, long Offset)? FirstInvalidUtf8 { get; private set; }

    public override int Read(Span<byte> buffer)
    {
        if (buffer.IsEmpty) return 0;
        while (true)
        {
            if (_lineBreakDue)
            {
                _lineBreakDue = false;
                buffer[0] = (byte)'\n';
                return 1;
            }
            if (_current is null)
            {
                if (_next == _files.Count) return 0;
                var file = _files[_next++];
                _current = new CheckedTextStream(CorpusFile.Open(file, _fileBytes), file);
                _startOfFile = true;
            }
            var n = _startOfFile ? ReadPastBom(buffer) : _current.Read(buffer);
            NoteInvalid();
            if (n > 0) return n;
            _invalidBefore += _current.InvalidSequences;
            _current.Dispose();
            _current = null;
            _lineBreakDue = _next < _files.Count;
        }
    }

    /// <summary>The first read of a file: at least its first three bytes, without a byte-order mark.</summary>
    private int ReadPastBom(Span<byte> buffer)
    {
        _startOfFile = false;
        Span<byte> head = stackalloc byte[3];
        var h = _current!.ReadAtLeast(head, 3, throwOnEndOfStream: false);
        var skip = h == 3 && head.SequenceEqual(Bom) ? 3 : 0;
        var kept = head[skip..h];
        if (kept.Length <= buffer.Length)
        {
            kept.CopyTo(buffer);
            return kept.Length == 0 ? _current.Read(buffer) : kept.Length;
        }
        // A buffer shorter than the kept bytes: hand them out one read at a time.
        throw new ArgumentException("CorpusText needs read buffers of at least 3 bytes", nameof(buffer));
    }

    private void NoteInvalid()
    {
        if (FirstInvalidUtf8 is null && _current is { FirstInvalidOffset: >= 0 } c)
            FirstInvalidUtf8 = (_files[_next - 1], c.FirstInvalidOffset);
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing) _current?.Dispose();
        base.Dispose(disposing);
    }
}
