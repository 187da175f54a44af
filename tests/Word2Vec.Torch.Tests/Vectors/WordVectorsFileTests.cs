using System.Buffers.Binary;
using System.Text;
using Word2Vec.Torch.Data;
using Word2Vec.Torch.Evaluation;
using Word2Vec.Torch.Vectors;

namespace Word2Vec.Torch.Tests.Vectors;

public class WordVectorsFileTests
{
    private static WordVectors RandomVectors(int n = 20, int d = 7, int seed = 3)
    {
        var random = new Random(seed);
        var words = Enumerable.Range(0, n).Select(i => i switch { 0 => "café", 1 => "naïve", 2 => "Zürich", _ => $"w{i}" }).ToArray();
        var values = new float[n * d];
        for (var i = 0; i < values.Length; i++)
            values[i] = (float)((random.NextDouble() - 0.5) * Math.Pow(10, random.Next(-8, 8)));
        values[0] = 0f;
        values[1] = -0f;
        values[2] = float.Epsilon;
        values[3] = float.MaxValue;
        return WordVectors.FromMatrix(words, values);
    }

    private static void AssertBitwiseEqual(WordVectors expected, WordVectors actual)
    {
        Assert.Equal(expected.Words, actual.Words);
        Assert.Equal(expected.Dimension, actual.Dimension);
        var e = expected.ToArray();
        var a = actual.ToArray();
        Assert.Equal(e.Length, a.Length);
        for (var i = 0; i < e.Length; i++)
            Assert.Equal(BitConverter.SingleToInt32Bits(e[i]), BitConverter.SingleToInt32Bits(a[i]));
    }

    [Fact]
    public void TextRoundTripsExactly()
    {
        using var tmp = new TempFolder();
        using var original = RandomVectors();
        original.SaveText(tmp.File("v.txt"));
        using var loaded = WordVectors.Load(tmp.File("v.txt"));
        AssertBitwiseEqual(original, loaded);
        Assert.StartsWith("20 7\ncafé ", File.ReadAllText(tmp.File("v.txt")));
    }

    [Fact]
    public void BinaryRoundTripsExactly()
    {
        using var tmp = new TempFolder();
        using var original = RandomVectors();
        original.SaveBinary(tmp.File("v.bin"));
        using var loaded = WordVectors.Load(tmp.File("v.bin"));
        AssertBitwiseEqual(original, loaded);
        using var explicitly = WordVectors.Load(tmp.File("v.bin"), WordVectorsFileFormat.Binary);
        AssertBitwiseEqual(original, explicitly);
    }

    [Fact]
    public void FilesWrittenInBlocksOfRowsAreTheFilesWrittenWhole()
    {
        using var v = RandomVectors();
        foreach (var write in new Action<WordVectors, Stream, int>[] { WordVectorsWriter.WriteText, WordVectorsWriter.WriteBinary })
        {
            using var whole = new MemoryStream();
            write(v, whole, WordVectorsWriter.DefaultBlockBytes);
            foreach (var blockBytes in new[] { 1, 3 * v.Dimension * sizeof(float), 7 * v.Dimension * sizeof(float) + 5 })
            {
                using var blocks = new MemoryStream();
                write(v, blocks, blockBytes);
                Assert.Equal(whole.ToArray(), blocks.ToArray());
            }
        }
    }

    [Fact]
    public void BinaryLayoutIsWord2VecCs()
    {
        using var tmp = new TempFolder();
        using var v = WordVectors.FromMatrix(new[] { "a", "é" }, new[] { 1f, -2f, 0.5f, 3f });
        v.SaveBinary(tmp.File("v.bin"));
        var expected = new List<byte>();
        expected.AddRange(Encoding.ASCII.GetBytes("2 2\n"));
        void Row(string word, float x, float y)
        {
            expected.AddRange(Encoding.UTF8.GetBytes(word + " "));
            var buf = new byte[8];
            BinaryPrimitives.WriteSingleLittleEndian(buf, x);
            BinaryPrimitives.WriteSingleLittleEndian(buf.AsSpan(4), y);
            expected.AddRange(buf);
            expected.Add((byte)'\n');
        }
        Row("a", 1f, -2f);
        Row("é", 0.5f, 3f);
        Assert.Equal(expected.ToArray(), File.ReadAllBytes(tmp.File("v.bin")));
    }

    /// <summary>A binary file of d = 1 written by hand: the header, then each record's bytes as given (the word and
    /// what surrounds it) and its one float32, no newline added.</summary>
    private static byte[] OneValueRecords(params (string Word, float Value)[] records)
    {
        var bytes = new List<byte>(Encoding.ASCII.GetBytes($"{records.Length} 1\n"));
        foreach (var (word, value) in records)
        {
            bytes.AddRange(Encoding.ASCII.GetBytes(word));
            bytes.AddRange(BitConverter.GetBytes(value));
        }
        return bytes.ToArray();
    }

    [Fact]
    public void BinaryWithoutNewlinesBetweenRecordsIsRead()
    {
        using var tmp = new TempFolder();
        using var v = WordVectors.Load(tmp.Write("v.bin", OneValueRecords(("x ", 1.5f), ("y ", -4f))), WordVectorsFileFormat.Binary);
        Assert.Equal(new[] { "x", "y" }, v.Words);
        Assert.Equal(new[] { 1.5f, -4f }, v.ToArray());
    }

    [Fact]
    public void ABinaryWordWithATabOrLineBreakIsAFormatErrorWithItsRecord()
    {
        using var tmp = new TempFolder();
        var bytes = OneValueRecords(("x ", 1.5f), ("\ny\tz ", -4f));
        var e = Assert.Throws<DataFormatException>(() => WordVectors.Load(tmp.Write("v.bin", bytes), WordVectorsFileFormat.Binary));
        Assert.Equal(3, e.LineNumber);
        Assert.Contains("record 2 of 2: the word 'y\tz' holds a tab at character 2", e.Message);
    }

    [Theory]
    [InlineData(new byte[] { 0x72, 0x0a, 0xcd, 0x3d })]   // "r\n": the first row reads "the r" (seen in a trained file)
    [InlineData(new byte[] { 0x31, 0x0a, 0xcd, 0x3d })]   // "1\n": the first row reads "the 1", a number
    public void ABinaryFileWhoseFirstValueLooksLikeTextIsReadAsBinary(byte[] firstValue)
    {
        using var tmp = new TempFolder();
        var values = new[] { BitConverter.ToSingle(firstValue), 0.25f, -1.5f, 2f, 3f, 4f };
        using var original = WordVectors.FromMatrix(["the", "of"], values);
        original.SaveBinary(tmp.File("v.bin"));
        Assert.StartsWith("2 3\nthe " + Encoding.Latin1.GetString(firstValue[..2]), Encoding.Latin1.GetString(File.ReadAllBytes(tmp.File("v.bin"))));
        using var loaded = WordVectors.Load(tmp.File("v.bin"));
        AssertBitwiseEqual(original, loaded);
    }

    [Fact]
    public void AOneRecordBinaryFileWithoutALineBreakWhoseValueLooksLikeTextIsReadAsBinary()
    {
        using var tmp = new TempFolder();
        var value = BitConverter.ToSingle([0x72, 0x0a, 0xcd, 0x3d]);   // the record reads "the r", then the file ends
        using var v = WordVectors.Load(tmp.Write("v.bin", OneValueRecords(("the ", value))));
        Assert.Equal(new[] { "the" }, v.Words);
        Assert.Equal(BitConverter.SingleToInt32Bits(value), BitConverter.SingleToInt32Bits(v.ToArray()[0]));
    }

    [Fact]
    public void TextAsWord2VecCWritesItIsRead()
    {
        // word2vec.c leaves a space after the last value; some tools write CRLF or tabs.
        using var tmp = new TempFolder();
        var path = tmp.Write("v.txt", "3 2\r\nthe 0.1 -0.2 \r\nof\t1e-3\t2\r\nand 3 4\n\n");
        using var v = WordVectors.Load(path);
        Assert.Equal(new[] { "the", "of", "and" }, v.Words);
        Assert.Equal(new[] { 0.1f, -0.2f, 0.001f, 2f, 3f, 4f }, v.ToArray());
    }

    [Fact]
    public void CountsAreReadFromAVocabularyFile()
    {
        using var tmp = new TempFolder();
        var vectors = tmp.Write("v.txt", "2 1\nthe 1\nof 2\n");
        var vocab = tmp.Write("vocab.txt", "</s> 0\nthe 100\nof 50\n");
        using var v = WordVectors.Load(vectors, countsPath: vocab);
        Assert.Equal(new long[] { 100, 50 }, v.Counts);
    }

    [Theory]
    [InlineData("abc\nthe 1 2\n", 1, "bad header")]
    [InlineData("2\nthe 1 2\n", 1, "bad header")]
    [InlineData("2 x\nthe 1 2\n", 1, "bad header")]
    [InlineData("the 0.418 0.24968\nof 0.70853 0.57088\n", 1, "GloVe's files have no such line: add one")]
    [InlineData("2 2\nthe 1 2\nof 3\n", 3, "short row")]
    [InlineData("2 2\nthe 1 2\nof 3 4 5\n", 3, "long row")]
    [InlineData("2 2\nthe 1 two\nof 3 4\n", 2, "'two' is not a number")]
    // A bad first row whose line break falls 4d bytes after its word, where a binary record's would: still text.
    [InlineData("2 3\nthe 0.1 0.2 n/a \nof 1 2 3\n", 2, "'n/a' is not a number")]
    [InlineData("3 2\nthe 1 2\nof 3 4\nthe 5 6\n", 4, "duplicate word 'the' (first on line 2)")]
    [InlineData("3 2\nthe 1.25 2.5\nof 3.25 4.5\n", 4, "ends after 2 of the 3 rows")]
    [InlineData("3 2\nthe 1 2\nof 3 4\n", 1, "the header promises 3 words of 2 values")]
    [InlineData("1 2\nthe 1 2\nof 3 4\n", 3, "more rows")]
    // A blank line after the header: the text it is, not binary (which read "\nab 0.5\n" as the word ab and four bytes).
    [InlineData("2 1\n\nab 0.5\ncd 0.25\n", 2, "empty line; expected a word and 1 values")]
    [InlineData("2 1\n \r\n\nab 0.5\ncd 0.25\n", 2, "empty line; expected a word and 1 values")]
    [InlineData("2 1\n\nab 0.5\n\ncd 0.25\n\n", 2, "empty line; expected a word and 1 values")]
    public void BadTextFilesFailWithTheirLineNumber(string content, int line, string problem)
    {
        using var tmp = new TempFolder();
        var path = tmp.Write("bad.txt", content);
        var e = Assert.Throws<DataFormatException>(() => WordVectors.Load(path));
        Assert.Equal(line, e.LineNumber);
        Assert.Contains(problem, e.Message);
        Assert.Contains(path, e.Message);
        Assert.Contains($"line {line}", e.Message);
    }

    [Fact]
    public void TruncatedBinaryFailsWithTheRecord()
    {
        using var tmp = new TempFolder();
        using var v = RandomVectors(n: 3, d: 4);
        v.SaveBinary(tmp.File("v.bin"));
        var bytes = File.ReadAllBytes(tmp.File("v.bin"));
        var path = tmp.Write("short.bin", bytes[..^6]);
        var e = Assert.Throws<DataFormatException>(() => WordVectors.Load(path, WordVectorsFileFormat.Binary));
        Assert.Equal(4, e.LineNumber);
        Assert.Contains("record 3 of 3", e.Message);
        Assert.Contains("ends after 2 of 4 values", e.Message);
    }

    [Fact]
    public void MissingFileIsAFileNotFoundException()
    {
        Assert.Throws<FileNotFoundException>(() => WordVectors.Load("/nonexistent/vectors.txt"));
    }
}
