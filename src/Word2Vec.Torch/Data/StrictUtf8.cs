using System.Text;

namespace Word2Vec.Torch.Data;

/// <summary>Text files read whole (evaluation sets, SST's sentences and trees, a vocabulary's counts) as UTF-8 and
/// nothing else (a byte-order mark is skipped): a byte that is not UTF-8 is an error naming the file and its line,
/// never a silent U+FFFD.</summary>
public static class StrictUtf8
{
    private static readonly UTF8Encoding Strict = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static string ReadAllText(string path)
    {
        var bytes = File.ReadAllBytes(path);
        var start = bytes.AsSpan().StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]) ? 3 : 0;
        try
        {
            return Strict.GetString(bytes, start, bytes.Length - start);
        }
        catch (DecoderFallbackException e)
        {
            var at = start + Math.Max(0, e.Index);
            var line = bytes.AsSpan(0, Math.Min(at, bytes.Length)).Count((byte)'\n') + 1;
            throw new DataFormatException(path, line, $"not valid UTF-8 (byte {at:N0}); save the file as UTF-8");
        }
    }
}
