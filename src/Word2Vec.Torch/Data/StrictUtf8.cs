using System.Text;

namespace Word2Vec.Torch.Data;

/// <summary>UTF-8 and nothing else: a byte that is not UTF-8 is an error naming the file, never a silent U+FFFD.
/// Text files read whole (evaluation sets, SST's sentences and trees, a vocabulary's counts) go through
/// <see cref="ReadAllText"/>; other readers (a config, a binary vectors file's words) use the same check.</summary>
internal static class StrictUtf8
{
    /// <summary>A decoder that throws <see cref="DecoderFallbackException"/> on a byte that is not UTF-8.</summary>
    public static readonly UTF8Encoding Encoding = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>The offset of the first byte that is not part of a UTF-8 character, or -1 when all are.</summary>
    public static int FirstInvalidByte(ReadOnlySpan<byte> bytes)
    {
        if (System.Text.Unicode.Utf8.IsValid(bytes)) return -1;
        try
        {
            _ = Encoding.GetCharCount(bytes);
            return -1;
        }
        catch (DecoderFallbackException e)
        {
            return Math.Max(0, e.Index);
        }
    }

    /// <summary>The file's text, a leading byte-order mark skipped; an error naming the file and the line of the
    /// first byte that is not UTF-8.</summary>
    public static string ReadAllText(string path)
    {
        var bytes = File.ReadAllBytes(path);
        var start = bytes.AsSpan().StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]) ? 3 : 0;
        try
        {
            return Encoding.GetString(bytes, start, bytes.Length - start);   // one pass: decoding finds the bad byte
        }
        catch (DecoderFallbackException e)
        {
            var at = start + Math.Max(0, e.Index);
            var line = bytes.AsSpan(0, Math.Min(at, bytes.Length)).Count((byte)'\n') + 1;
            throw new DataFormatException(path, line, $"not valid UTF-8 (byte {at:N0}); save the file as UTF-8");
        }
    }
}
