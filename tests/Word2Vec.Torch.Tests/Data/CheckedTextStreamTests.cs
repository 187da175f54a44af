using System.Text;
using Word2Vec.Torch.Data;

namespace Word2Vec.Torch.Tests.Data;

/// <summary>Corpus bytes checked as text: binary refused, invalid UTF-8 counted with its first offset.</summary>
public class CheckedTextStreamTests
{
    /// <summary>Reads everything through the check, <paramref name="chunk"/> bytes at a time.</summary>
    private static CheckedTextStream ReadAll(byte[] bytes, int chunk)
    {
        var s = new CheckedTextStream(new MemoryStream(bytes), "corpus.txt");
        var buffer = new byte[chunk];
        while (s.Read(buffer, 0, chunk) > 0) { }
        return s;
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4096)]
    public void ValidUtf8SplitAcrossReadsIsValid(int chunk)
    {
        var text = Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat("naïve café 東京 🙂 ", 200)));
        var s = ReadAll(text, chunk);
        Assert.Equal(0, s.InvalidSequences);
        Assert.Equal(-1, s.FirstInvalidOffset);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(4096)]
    public void InvalidSequencesAreCountedWithTheFirstOffset(int chunk)
    {
        var bytes = new List<byte>();
        for (var i = 0; i < 300; i++) bytes.AddRange(Encoding.UTF8.GetBytes("good words here "));
        var first = bytes.Count;
        bytes.Add(0xFF);                                  // never valid
        bytes.AddRange(Encoding.UTF8.GetBytes(" ok "));
        bytes.AddRange(new byte[] { 0xC3 });              // a lead byte without its continuation
        bytes.AddRange(Encoding.UTF8.GetBytes(" end"));
        var s = ReadAll(bytes.ToArray(), chunk);
        Assert.Equal(2, s.InvalidSequences);
        Assert.Equal(first, s.FirstInvalidOffset);
    }

    [Fact]
    public void ATextThatEndsInsideASequenceCountsIt()
    {
        var s = ReadAll(Encoding.UTF8.GetBytes("caf").Concat(new byte[] { 0xC3 }).ToArray(), 2);
        Assert.Equal(1, s.InvalidSequences);
        Assert.Equal(3, s.FirstInvalidOffset);
    }

    [Fact]
    public void ANulByteOrAMostlyInvalidStartIsBinary()
    {
        var e = Assert.Throws<InvalidDataException>(() => ReadAll(Encoding.UTF8.GetBytes("some words\0more"), 64));
        Assert.Contains("corpus.txt", e.Message);
        Assert.Contains("NUL byte at offset 10", e.Message);
        var noise = new byte[4096];
        new Random(1).NextBytes(noise);
        for (var i = 0; i < noise.Length; i++) if (noise[i] == 0) noise[i] = 0xFF;
        Assert.Contains("not UTF-8", Assert.Throws<InvalidDataException>(() => ReadAll(noise, 1024)).Message);
    }

    [Fact]
    public void ADamagedArchiveIsReportedAsDamagedNotAsBinaryText()
    {
        // A flipped bit inflates to garbage (NUL bytes, invalid UTF-8) before the trailer's checksum is reached: the
        // error must be the damage, which was reported as "is not a text file" for some bytes of the deflate data.
        using var tmp = new TempFolder();
        var text = Encoding.UTF8.GetBytes(string.Join(' ', TextFiles.ZipfWords(400)) + "\n");
        var whole = new MemoryStream();
        using (var gz = new System.IO.Compression.GZipStream(whole, System.IO.Compression.CompressionLevel.Optimal, leaveOpen: true))
            gz.Write(text);
        var archive = whole.ToArray();
        var path = tmp.File("flipped.gz");
        for (var at = 10; at < archive.Length; at++)   // past the header (its time and OS bytes are not checked)
        {
            var bytes = (byte[])archive.Clone();
            bytes[at] ^= 0x5A;
            File.WriteAllBytes(path, bytes);
            var e = Assert.Throws<InvalidDataException>(() =>
            {
                using var s = new CheckedTextStream(CorpusFile.Open(path), path);
                s.CopyTo(Stream.Null);
            });
            Assert.DoesNotContain("is not a text file", e.Message);
            Assert.DoesNotContain("Index was outside", e.Message);   // the inflater's own words are no message
            Assert.Contains(path, e.Message);
        }
    }
}
