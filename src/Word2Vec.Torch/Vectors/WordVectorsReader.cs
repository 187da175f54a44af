using System.Buffers.Binary;
using System.Globalization;
using System.Text;
using Word2Vec.Torch.Data;
using static TorchSharp.torch;

namespace Word2Vec.Torch.Vectors;

/// <summary>
/// Reads word2vec vector files. Text: an "N d" header line, then N lines "word v1 … vd"
/// (separated by spaces or tabs; word2vec.c leaves a trailing space). Binary: the same header
/// line, then per word the UTF-8 word, a space, d little-endian float32 and an optional '\n'
/// (word2vec.c and gensim write one). Every error names the file and the line (for binary files,
/// the record's line: the header is line 1, record k is line k + 1).
/// </summary>
internal static class WordVectorsReader
{
    private const int MaxHeaderBytes = 4096;
    private const int MaxWordBytes = 1 << 16;
    private const int DetectionBytes = 1 << 16;

    public static WordVectors Read(string path, WordVectorsFileFormat format, Device? device, string? countsPath)
    {
        ArgumentNullException.ThrowIfNull(path);
        InputFile.Require(path, "vectors file");
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 20);
        var (n, d) = ReadHeader(stream, path);
        if (format == WordVectorsFileFormat.Auto) format = Detect(stream, d);
        // Before anything is allocated: the smallest file that could hold what the header promises.
        // Text: a one-character word and d one-digit values per line; binary: a word, a space and d float32.
        var least = format == WordVectorsFileFormat.Text ? (long)n * (2L * d + 2) - 1 : (long)n * (4L * d + 2);
        var left = stream.Length - stream.Position;
        if (n > 0 && left < least)
            throw new DataFormatException(path, 1,
                $"the header promises {n:N0} words of {d} values, at least {least:N0} bytes in the {format.ToString().ToLowerInvariant()} format, but only {left:N0} follow it");

        var words = new string[n];
        var matrix = new float[checked(n * d)];
        if (format == WordVectorsFileFormat.Text) ReadText(stream, path, words, matrix, d);
        else ReadBinary(stream, path, words, matrix, d);

        if (n == 0)
            throw new DataFormatException(path, 1, "the header announces no words; an empty vocabulary cannot be evaluated");
        var counts = countsPath is null ? null : ReadCounts(countsPath, words);
        return WordVectors.Create(words, matrix, d, counts, device, path);
    }

    // ------------------------------------------------------------------ header and detection

    private static (int N, int D) ReadHeader(Stream stream, string path)
    {
        var bytes = new List<byte>();
        int b;
        while ((b = stream.ReadByte()) >= 0 && b != '\n')
        {
            if (bytes.Count >= MaxHeaderBytes)
                throw new DataFormatException(path, 1, $"bad header: no line break in the first {MaxHeaderBytes} bytes; expected \"<words> <dimension>\"");
            bytes.Add((byte)b);
        }
        var text = Encoding.UTF8.GetString(bytes.ToArray()).Trim('\uFEFF', ' ', '\t', '\r');
        var parts = text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length != 2
            || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var n)
            || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var d)
            || d < 1)
            throw new DataFormatException(path, 1, $"bad header '{Shorten(text)}': expected \"<words> <dimension>\" (two integers, dimension ≥ 1; " +
                                                   "GloVe's files have no such line: add one, e.g. \"400000 100\")");
        if ((long)n * d > Array.MaxLength)
            throw new DataFormatException(path, 1, $"{n} × {d} values are too many for one matrix");
        return (n, d);
    }

    /// <summary>
    /// Text if the first row after the header (blank lines passed over) is valid UTF-8 without control characters (other
    /// than tab and CR) and is a word and d numbers; binary if it has a control byte or is not UTF-8 (raw float32 bytes
    /// nearly always are, but not always: a first value whose bytes are "r\n…" makes the row "the r"). Any other row is
    /// binary where a binary record fits (the word, a space, d float32, then the '\n' that word2vec.c, gensim and this
    /// project write, or the end of the file), else text, for the text reader to name what is wrong with the row. The
    /// stream is left where it was.
    /// </summary>
    internal static WordVectorsFileFormat Detect(Stream stream, int dimension)
    {
        var start = stream.Position;
        var buffer = new byte[DetectionBytes];
        var read = stream.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false);
        stream.Position = start;
        if (read == 0) return WordVectorsFileFormat.Text;

        var span = buffer.AsSpan(0, read);
        // Blank lines are passed over: no binary record begins with one (a word follows the header's line break), and a
        // text file with one was judged on it and read as binary (the text reader names the blank line instead).
        int blank;
        while ((blank = span.IndexOf((byte)'\n')) >= 0 && span[..blank].Trim(" \t\r"u8).IsEmpty) span = span[(blank + 1)..];
        var newline = span.IndexOf((byte)'\n');
        var line = newline >= 0 ? span[..newline] : span;
        if (newline < 0 && read == buffer.Length)
        {
            // A very long first line: judge it on its part up to the last space.
            var lastSpace = line.LastIndexOf((byte)' ');
            if (lastSpace > 0) line = line[..lastSpace];
        }
        foreach (var c in line)
            if (c < 0x20 && c != '\t' && c != '\r') return WordVectorsFileFormat.Binary;
        if (!System.Text.Unicode.Utf8.IsValid(line)) return WordVectorsFileFormat.Binary;
        var text = Encoding.UTF8.GetString(line);
        var fields = text.Split(new[] { ' ', '\t', '\r' }, StringSplitOptions.RemoveEmptyEntries);
        if (fields.Length == dimension + 1 && fields.Skip(1).All(IsNumber)) return WordVectorsFileFormat.Text;   // a whole text row
        if (BinaryRecordsFit(span, dimension, fileEnded: read < buffer.Length)) return WordVectorsFileFormat.Binary;
        return fields.Length >= 2 ? WordVectorsFileFormat.Text : WordVectorsFileFormat.Binary;
    }

    private static bool IsNumber(string field) => float.TryParse(field, NumberStyles.Float, CultureInfo.InvariantCulture, out _);

    /// <summary>Does <paramref name="span"/> start with two binary records (one, where the file ends after it, or where
    /// the detection bytes end before the second): each a word, a space, d float32, then '\n' or the end of the file?
    /// Two, so that a malformed text row whose next line break happens to fall 4d bytes after its word is not taken
    /// for one.</summary>
    private static bool BinaryRecordsFit(ReadOnlySpan<byte> span, int d, bool fileEnded)
    {
        for (var record = 0; record < 2; record++)
        {
            var space = span.IndexOf((byte)' ');
            if (space < 0 && record > 0 && !fileEnded) return true;   // the second record lies past the detection bytes
            if (space <= 0 || span[..space].IndexOfAny((byte)'\n', (byte)'\t') >= 0) return false;
            var end = space + 1 + 4L * d;   // the byte after the record's values
            if (end == span.Length) return fileEnded || record > 0;   // ends with the file (or, a second, with the detection bytes)
            if (end > span.Length) return record > 0 && !fileEnded;   // only a second record may run past the detection bytes
            if (span[(int)end] != '\n') return false;
            span = span[(int)(end + 1)..];
            if (span.IsEmpty) return true;   // the file's last record, or the detection bytes' last
        }
        return true;
    }

    // ------------------------------------------------------------------ text

    private static void ReadText(Stream stream, string path, string[] words, float[] matrix, int d)
    {
        var n = words.Length;
        var first = new Dictionary<string, int>(n, StringComparer.Ordinal);
        using var reader = new StreamReader(stream, new UTF8Encoding(false), detectEncodingFromByteOrderMarks: false, bufferSize: 1 << 16, leaveOpen: true);
        var lineNumber = 1;
        var row = 0;
        string? line;
        while ((line = reader.ReadLine()) is not null)
        {
            lineNumber++;
            if (row == n)
            {
                if (!string.IsNullOrWhiteSpace(line))
                    throw new DataFormatException(path, lineNumber, $"more rows than the {n} the header announces");
                continue;
            }
            ParseTextRow(line.AsSpan(), path, lineNumber, d, out var word, matrix.AsSpan(row * d, d));
            if (!first.TryAdd(word, lineNumber))
                throw new DataFormatException(path, lineNumber, $"duplicate word '{word}' (first on line {first[word]})");
            words[row++] = word;
        }
        if (row < n)
            throw new DataFormatException(path, lineNumber + 1, $"the file ends after {row} of the {n} rows the header announces");
    }

    private static void ParseTextRow(ReadOnlySpan<char> line, string path, int lineNumber, int d, out string word, Span<float> values)
    {
        var rest = line.TrimEnd("\r \t");
        var field = NextField(ref rest);
        if (field.IsEmpty)
            throw new DataFormatException(path, lineNumber, $"empty line; expected a word and {d} values");
        word = field.ToString();
        if (word.Contains('\uFFFD'))
            throw new DataFormatException(path, lineNumber, $"the word '{word}' is not valid UTF-8 (it reads as U+FFFD)");
        for (var j = 0; j < d; j++)
        {
            field = NextField(ref rest);
            if (field.IsEmpty)
                throw new DataFormatException(path, lineNumber, $"short row: word '{word}' has {j} values, the header says {d}");
            if (!float.TryParse(field, NumberStyles.Float, CultureInfo.InvariantCulture, out values[j]))
                throw new DataFormatException(path, lineNumber, $"word '{word}': value {j + 1} '{Shorten(field.ToString())}' is not a number");
            if (!float.IsFinite(values[j]))
                throw new DataFormatException(path, lineNumber, $"word '{word}': value {j + 1} is {field.ToString()}, not a finite number");
        }
        if (!NextField(ref rest).IsEmpty)
        {
            var extra = 1;
            while (!NextField(ref rest).IsEmpty) extra++;
            throw new DataFormatException(path, lineNumber, $"long row: word '{word}' has {d + extra} values, the header says {d}");
        }
    }

    /// <summary>The next space- or tab-separated field of <paramref name="rest"/>, which is advanced past it.</summary>
    private static ReadOnlySpan<char> NextField(ref ReadOnlySpan<char> rest)
    {
        rest = rest.TrimStart(" \t");
        var end = rest.IndexOfAny(' ', '\t');
        if (end < 0) end = rest.Length;
        var field = rest[..end];
        rest = rest[end..];
        return field;
    }

    // ------------------------------------------------------------------ binary

    private static void ReadBinary(Stream stream, string path, string[] words, float[] matrix, int d)
    {
        var n = words.Length;
        var first = new Dictionary<string, int>(n, StringComparer.Ordinal);
        var wordBytes = new List<byte>(64);
        var valueBytes = new byte[d * sizeof(float)];
        for (var row = 0; row < n; row++)
        {
            var lineNumber = row + 2;
            var record = $"record {row + 1} of {n}";
            wordBytes.Clear();
            int b;
            while ((b = stream.ReadByte()) == '\n') { }
            while (b >= 0 && b != ' ')
            {
                if (wordBytes.Count >= MaxWordBytes)
                    throw new DataFormatException(path, lineNumber, $"{record}: no space after {MaxWordBytes} bytes of the word");
                wordBytes.Add((byte)b);
                b = stream.ReadByte();
            }
            if (b < 0)
                throw new DataFormatException(path, lineNumber, $"{record}: the file ends {(wordBytes.Count == 0 ? "before the word" : "inside the word")}; the header announces {n} words");
            if (wordBytes.Count == 0)
                throw new DataFormatException(path, lineNumber, $"{record}: empty word");
            var raw = wordBytes.ToArray();
            string word;
            try { word = StrictUtf8.Encoding.GetString(raw); }   // one pass: decoding finds a bad byte
            catch (DecoderFallbackException)
            {
                throw new DataFormatException(path, lineNumber, $"{record}: the word is not valid UTF-8 (bytes {Convert.ToHexString(raw)})");
            }
            if (word.IndexOfAny(['\t', '\r', '\n']) is var at and >= 0)
                throw new DataFormatException(path, lineNumber, $"{record}: the word '{Shorten(word.ReplaceLineEndings(" "))}' holds a {(word[at] == '\t' ? "tab" : "line break")} " +
                                                                $"at character {at + 1}; a word holds no whitespace");

            var got = stream.ReadAtLeast(valueBytes, valueBytes.Length, throwOnEndOfStream: false);
            if (got < valueBytes.Length)
                throw new DataFormatException(path, lineNumber, $"{record}, word '{word}': the file ends after {got / sizeof(float)} of {d} values");
            var target = matrix.AsSpan(row * d, d);
            for (var j = 0; j < d; j++)
            {
                target[j] = BinaryPrimitives.ReadSingleLittleEndian(valueBytes.AsSpan(j * sizeof(float)));
                if (!float.IsFinite(target[j]))
                    throw new DataFormatException(path, lineNumber, $"{record}, word '{word}': value {j + 1} is {target[j]}, not a finite number");
            }

            if (!first.TryAdd(word, lineNumber))
                throw new DataFormatException(path, lineNumber, $"{record}: duplicate word '{word}' (first on line {first[word]})");
            words[row] = word;
        }
        int rest;
        while ((rest = stream.ReadByte()) >= 0)
            if (rest is not ('\n' or '\r' or ' '))
                throw new DataFormatException(path, n + 2, $"data after the {n} records the header announces");
    }

    // ------------------------------------------------------------------ counts

    /// <summary>word2vec.c's vocabulary file: "word count" per line. Words it lacks get count 0.</summary>
    private static long[] ReadCounts(string path, string[] words)
    {
        InputFile.Require(path, "counts file");
        var rowOf = new Dictionary<string, int>(words.Length, StringComparer.Ordinal);
        for (var i = 0; i < words.Length; i++) rowOf[words[i]] = i;
        var counts = new long[words.Length];
        var lineNumber = 0;
        using var reader = new StringReader(StrictUtf8.ReadAllText(path));   // its words must be the vectors' (UTF-8)
        while (reader.ReadLine() is { } line)
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line)) continue;
            var parts = line.Split(new[] { ' ', '\t', '\r' }, StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length != 2 || !long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var count))
                throw new DataFormatException(path, lineNumber, $"expected \"<word> <count>\", got '{Shorten(line)}'");
            if (rowOf.TryGetValue(parts[0], out var row)) counts[row] = count;
        }
        return counts;
    }

    private static string Shorten(string s) => s.Length <= 60 ? s : s[..57] + "...";
}
