using System.Text;

namespace Word2Vec.Torch.Data;

/// <summary>What <see cref="WordReader.Read"/> found.</summary>
public enum WordToken
{
    /// <summary>A word (the span holds it).</summary>
    Word,
    /// <summary>A line break ('\n') after at least one word of the line: the end of a sentence.</summary>
    EndOfLine,
    /// <summary>The end of the text.</summary>
    EndOfText,
}

/// <summary>
/// Splits a text stream into whitespace-separated words, reading fixed-size chunks of characters
/// (never the whole text). A word cut by a chunk boundary is carried over and read whole; a word
/// longer than the buffer grows it. Line breaks are reported once per non-empty line, so
/// sentence-per-line files keep their sentences and a text8-style file (no line break) is one
/// long line.
/// </summary>
public sealed class WordReader : IDisposable
{
    /// <summary>Default chunk size, in characters.</summary>
    public const int DefaultBufferChars = 1 << 16;

    private readonly TextReader _reader;
    private char[] _buffer;
    private int _start, _end;          // unread characters: _buffer[_start.._end)
    private bool _eof;
    private bool _lineHasWords;

    /// <summary>Reads from <paramref name="stream"/> as UTF-8 (a BOM is skipped); disposes it.</summary>
    public WordReader(Stream stream, int bufferChars = DefaultBufferChars)
        : this(new StreamReader(stream, new UTF8Encoding(false), detectEncodingFromByteOrderMarks: true, bufferSize: 1 << 16), bufferChars) { }

    /// <summary>Reads from <paramref name="reader"/>; disposes it.</summary>
    public WordReader(TextReader reader, int bufferChars = DefaultBufferChars)
    {
        ArgumentNullException.ThrowIfNull(reader);
        if (bufferChars < 1)
            throw new ArgumentOutOfRangeException(nameof(bufferChars), bufferChars, "must be positive");
        _reader = reader;
        _buffer = new char[bufferChars];
    }

    /// <summary>Characters read from the text so far.</summary>
    public long CharsRead { get; private set; }

    /// <summary>
    /// The next word, line end or end of text. <paramref name="word"/> is valid until the next call.
    /// </summary>
    public WordToken Read(out ReadOnlySpan<char> word)
    {
        while (true)
        {
            // Skip whitespace, reporting the end of a line that had words.
            while (_start < _end)
            {
                var c = _buffer[_start];
                if (!char.IsWhiteSpace(c))
                    break;
                _start++;
                if (c == '\n' && _lineHasWords)
                {
                    _lineHasWords = false;
                    word = default;
                    return WordToken.EndOfLine;
                }
            }
            if (_start == _end)
            {
                if (!Fill())
                {
                    word = default;
                    if (_lineHasWords)
                    {
                        _lineHasWords = false;
                        return WordToken.EndOfLine;
                    }
                    return WordToken.EndOfText;
                }
                continue;
            }

            // A word starts at _start: find its end, reading more if it runs to the buffer's end.
            var i = _start;
            while (true)
            {
                while (i < _end && !char.IsWhiteSpace(_buffer[i])) i++;
                if (i < _end || _eof)
                    break;
                var offset = i - _start;
                if (!Fill())
                {
                    i = _start + offset;
                    break;
                }
                i = _start + offset;
            }
            word = new ReadOnlySpan<char>(_buffer, _start, i - _start);
            _start = i;
            _lineHasWords = true;
            return WordToken.Word;
        }
    }

    /// <summary>Moves the unread part to the front (growing the buffer if it is full) and reads
    /// more; false at the end of the text.</summary>
    private bool Fill()
    {
        if (_eof)
            return false;
        var unread = _end - _start;
        if (unread == _buffer.Length)
            Array.Resize(ref _buffer, _buffer.Length * 2);
        else if (_start > 0)
            Array.Copy(_buffer, _start, _buffer, 0, unread);
        _start = 0;
        _end = unread;
        var n = _reader.Read(_buffer, _end, _buffer.Length - _end);
        if (n <= 0)
        {
            _eof = true;
            return false;
        }
        _end += n;
        CharsRead += n;
        return true;
    }

    public void Dispose() => _reader.Dispose();
}
