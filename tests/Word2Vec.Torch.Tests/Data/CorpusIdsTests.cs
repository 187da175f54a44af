using Word2Vec.Torch.Data;

namespace Word2Vec.Torch.Tests.Data;

public class CorpusIdsTests
{
    private static readonly Vocabulary Words = new(new[] { "a", "b", "c", "d" }, new long[] { 9, 5, 3, 1 });

    /// <summary>An id file of these sentences, written to <paramref name="path"/>.</summary>
    private static void Write(string path, int[][] sentences, Vocabulary? vocabulary = null) =>
        AtomicFile.Write(path, s =>
        {
            var writer = new CorpusIdsWriter(s, vocabulary ?? Words);
            foreach (var sentence in sentences)
            {
                foreach (var id in sentence) writer.Add(id);
                writer.EndSentence();
            }
            writer.Complete();
        });

    private static List<(int Id, bool End)> ReadAll(CorpusIdsReader reader)
    {
        var all = new List<(int, bool)>();
        while (reader.Next(out var e)) all.Add((CorpusIds.Id(e), CorpusIds.EndsSentence(e)));
        return all;
    }

    [Fact]
    public void WhatIsWrittenIsReadBackWithItsSentenceEndsAcrossChunks()
    {
        using var tmp = new TempFolder();
        var rng = new Random(3);
        var sentences = Enumerable.Range(0, 300).Select(_ => Enumerable.Range(0, rng.Next(1, 12)).Select(_ => rng.Next(4)).ToArray()).ToArray();
        var path = tmp.File("c.ids");
        Write(path, sentences);
        var expected = sentences.SelectMany(s => s.Select((id, i) => (id, i == s.Length - 1))).ToList();
        Assert.Equal(CorpusIds.HeaderBytes + 4L * expected.Count, new FileInfo(path).Length);

        foreach (var chunk in new[] { 1, 7, 1 << 16 })
        {
            using var reader = new CorpusIdsReader(File.OpenRead(path), Words, path, chunk);
            Assert.Equal(expected.Count, reader.Tokens);
            Assert.Equal(sentences.Length, reader.Header.Sentences);
            Assert.Equal(expected, ReadAll(reader));
            Assert.Equal(expected.Count, reader.Position);
            // Seek anywhere, inside or outside the chunk in hand.
            foreach (var at in new[] { 0, 5, 4, expected.Count - 1, 100, expected.Count })
            {
                reader.Seek(at);
                Assert.Equal(at, reader.Position);
                Assert.Equal(expected.Skip(at).Take(3), Enumerable.Range(0, 3).Select(_ => reader.Next(out var e) ? (CorpusIds.Id(e), CorpusIds.EndsSentence(e)) : (-1, false)).Where(x => x.Item1 >= 0));
            }
        }
    }

    [Fact]
    public void AnEmptyLineEndsNoSentenceAndTheLastSentenceIsClosedByComplete()
    {
        using var image = new MemoryStream();
        var writer = new CorpusIdsWriter(image, Words);
        writer.EndSentence();            // nothing yet: no sentence
        writer.Add(1);
        writer.Add(2);
        writer.EndSentence();
        writer.EndSentence();            // an empty line
        writer.Add(3);                   // no end: Complete closes it
        var header = writer.Complete();
        Assert.Equal((3L, 2L), (header.Tokens, header.Sentences));
        using var reader = new CorpusIdsReader(new MemoryStream(image.ToArray()), Words, "image");
        Assert.Equal(new[] { (1, false), (2, true), (3, true) }, ReadAll(reader));
    }

    [Fact]
    public void ADamagedFileOrAnotherVocabularyIsRefusedNamingTheFile()
    {
        using var tmp = new TempFolder();
        var path = tmp.File("c.ids");
        Write(path, new[] { new[] { 0, 1, 2 }, new[] { 3, 0 } });
        var bytes = File.ReadAllBytes(path);

        var other = new Vocabulary(new[] { "a", "b", "c", "e" }, new long[] { 9, 5, 3, 1 });
        var e = Assert.Throws<InvalidDataException>(() => new CorpusIdsReader(File.OpenRead(path), other, path));
        Assert.Contains(path, e.Message);
        Assert.Contains("another vocabulary", e.Message);

        var truncated = tmp.Write("truncated.ids", bytes[..^4]);
        Assert.Contains("damaged", Assert.Throws<InvalidDataException>(() => new CorpusIdsReader(File.OpenRead(truncated), Words, truncated)).Message);

        var text = tmp.Write("text.ids", "not an id file at all, only some words in a file that is long enough for a header");
        Assert.Contains("not a corpus id file", Assert.Throws<InvalidDataException>(() => new CorpusIdsReader(File.OpenRead(text), Words, text)).Message);

        CorpusIds.Verify(path);
        var changed = (byte[])bytes.Clone();
        changed[CorpusIds.HeaderBytes] ^= 1;   // token 0: id 0 → 1, still a word
        var edited = tmp.Write("edited.ids", changed);
        var checksum = Assert.Throws<InvalidDataException>(() => CorpusIds.Verify(edited));
        Assert.Contains(edited, checksum.Message);
        Assert.Contains("checksum", checksum.Message);

        var older = (byte[])bytes.Clone();
        older[7] = (byte)'1';   // W2VIDS01: the format without a checksum
        var old = tmp.Write("old.ids", older);
        Assert.Contains("older format", Assert.Throws<InvalidDataException>(() => CorpusIds.Verify(old)).Message);

        var badId = (byte[])bytes.Clone();
        BitConverter.GetBytes(7u).CopyTo(badId, CorpusIds.HeaderBytes + 4);   // token 1 → id 7 of 4 words
        var bad = tmp.Write("bad.ids", badId);
        using var reader = new CorpusIdsReader(File.OpenRead(bad), Words, bad);
        var error = Assert.Throws<InvalidDataException>(() => ReadAll(reader));
        Assert.Contains("token 1 has id 7", error.Message);
        Assert.Contains(bad, error.Message);
    }
}
