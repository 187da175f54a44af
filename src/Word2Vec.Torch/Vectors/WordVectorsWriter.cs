using System.Buffers.Binary;
using System.Globalization;
using System.Text;

namespace Word2Vec.Torch.Vectors;

/// <summary>
/// Writes the word2vec formats as word2vec.c does (and as gensim's
/// <c>KeyedVectors.load_word2vec_format</c> reads them): an ASCII "N d\n" header, then per word
/// either "word v1 … vd\n" (text; each float in its shortest round-trip form, so a text file
/// reads back bit for bit) or the UTF-8 word, a space, d little-endian float32 and '\n' (binary).
/// </summary>
internal static class WordVectorsWriter
{
    public static void WriteText(WordVectors vectors, Stream stream)
    {
        var data = vectors.ToArray();
        int n = vectors.Count, d = vectors.Dimension;
        using var writer = new StreamWriter(stream, new UTF8Encoding(false), 1 << 20, leaveOpen: true) { NewLine = "\n" };
        writer.Write(string.Create(CultureInfo.InvariantCulture, $"{n} {d}\n"));
        var line = new StringBuilder(d * 12);
        for (var i = 0; i < n; i++)
        {
            line.Clear().Append(vectors.Words[i]);
            for (var j = 0; j < d; j++)
                line.Append(' ').Append(data[i * d + j].ToString("R", CultureInfo.InvariantCulture));
            line.Append('\n');
            writer.Write(line);
        }
    }

    public static void WriteBinary(WordVectors vectors, Stream stream)
    {
        var data = vectors.ToArray();
        int n = vectors.Count, d = vectors.Dimension;
        stream.Write(Encoding.ASCII.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{n} {d}\n")));
        var values = new byte[d * sizeof(float)];
        for (var i = 0; i < n; i++)
        {
            stream.Write(Encoding.UTF8.GetBytes(vectors.Words[i]));
            stream.WriteByte((byte)' ');
            for (var j = 0; j < d; j++)
                BinaryPrimitives.WriteSingleLittleEndian(values.AsSpan(j * sizeof(float)), data[i * d + j]);
            stream.Write(values);
            stream.WriteByte((byte)'\n');
        }
    }
}
