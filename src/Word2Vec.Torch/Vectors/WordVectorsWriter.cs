using System.Buffers.Binary;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using TorchSharp;

namespace Word2Vec.Torch.Vectors;

/// <summary>
/// Writes the word2vec formats as word2vec.c does (and as gensim's
/// <c>KeyedVectors.load_word2vec_format</c> reads them): an ASCII "N d\n" header, then per word
/// either "word v1 … vd\n" (text; each float in its shortest round-trip form, so a text file
/// reads back bit for bit) or the UTF-8 word, a space, d little-endian float32 and '\n' (binary).
/// </summary>
internal static class WordVectorsWriter
{
    /// <summary>Bytes of rows written at a time (<see cref="ForEachBlock"/>).</summary>
    public const int DefaultBlockBytes = 16 << 20;

    public static void WriteText(WordVectors vectors, Stream stream, int blockBytes = DefaultBlockBytes)
    {
        int n = vectors.Count, d = vectors.Dimension;
        using var writer = new StreamWriter(stream, new UTF8Encoding(false), 1 << 20, leaveOpen: true) { NewLine = "\n" };
        writer.Write(string.Create(CultureInfo.InvariantCulture, $"{n} {d}\n"));
        var line = new StringBuilder(d * 12);
        ForEachBlock(vectors, blockBytes, (first, block) =>
        {
            for (var r = 0; r < block.Length / d; r++)
            {
                line.Clear().Append(vectors.Words[first + r]);
                foreach (var v in block.Slice(r * d, d))
                    line.Append(' ').Append(v.ToString("R", CultureInfo.InvariantCulture));
                line.Append('\n');
                writer.Write(line);
            }
        });
    }

    public static void WriteBinary(WordVectors vectors, Stream stream, int blockBytes = DefaultBlockBytes)
    {
        int n = vectors.Count, d = vectors.Dimension;
        stream.Write(Encoding.ASCII.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{n} {d}\n")));
        var values = new byte[d * sizeof(float)];
        ForEachBlock(vectors, blockBytes, (first, block) =>
        {
            for (var r = 0; r < block.Length / d; r++)
            {
                stream.Write(Encoding.UTF8.GetBytes(vectors.Words[first + r]));
                stream.WriteByte((byte)' ');
                for (var j = 0; j < d; j++)
                    BinaryPrimitives.WriteSingleLittleEndian(values.AsSpan(j * sizeof(float)), block[r * d + j]);
                stream.Write(values);
                stream.WriteByte((byte)'\n');
            }
        });
    }

    private delegate void RowBlock(int firstRow, ReadOnlySpan<float> values);

    /// <summary>The vectors' rows in blocks of up to <paramref name="blockBytes"/> (at least a row), read
    /// from the tensor's memory (a copy only when the vectors are on a GPU): writing never holds a
    /// second copy of the matrix.</summary>
    private static void ForEachBlock(WordVectors vectors, int blockBytes, RowBlock write)
    {
        using var scope = torch.NewDisposeScope();
        var all = vectors.Vectors.detach();
        var d = vectors.Dimension;
        var rows = Math.Max(1, blockBytes / (d * sizeof(float)));
        for (var first = 0; first < vectors.Count; first += rows)
        {
            using var blockScope = torch.NewDisposeScope();   // the block's host copy goes with its block
            var block = all.narrow(0, first, Math.Min(rows, vectors.Count - first)).cpu().contiguous();
            write(first, MemoryMarshal.Cast<byte, float>(block.bytes));
        }
    }
}
