using Word2Vec.Torch.Data;

namespace Word2Vec.Torch.Tests.Data;

[Collection("SST")]
public class SstCorpusTests(SstFixture sst)
{
    private SstCorpus Corpus => sst.Corpus;

    [Fact]
    public void ReadsTheAssignmentsNumbers()
    {
        Assert.Equal(11_855, Corpus.Sentences.Count);
        Assert.Equal(227_245, Corpus.TokenCount);
        Assert.Equal(227_245, Corpus.Sentences.Sum(s => s.Length));
        Assert.Equal(19_539, Corpus.Vocabulary.Count);
        Assert.Equal(227_246, Corpus.Vocabulary.TotalCount);
        Assert.Equal("UNK", Corpus.Vocabulary[19_538]);
        Assert.Equal(1, Corpus.Vocabulary.GetCount(19_538));
        // First appearance order, lower-cased: the file starts "The Rock is destined to be …".
        Assert.Equal(new[] { "the", "rock", "is", "destined", "to", "be" }, Corpus.Vocabulary.Words.Take(6));
        // "the" counted in the file itself: the sentence after its index, split at blanks, lower-cased.
        var the = File.ReadLines(TestData.SstSentences).Skip(1)
            .Sum(line => line.Split('\t', 2)[1].Split(' ', StringSplitOptions.RemoveEmptyEntries).Count(w => w.ToLowerInvariant() == "the"));
        Assert.Equal(10_128, the);
        Assert.Equal(the, Corpus.Vocabulary.GetCount(Corpus.Vocabulary.GetId("the")));
        // Tokens split off at a U+00A0 inside mojibake, as Python's str.split() does.
        Assert.True(Corpus.Vocabulary.Contains("2â"));
    }
}

public class SstLoadingTests
{
    [Fact]
    public void AcceptsTheFileTheFolderAndTheReleaseFolder()
    {
        using var tmp = new TempFolder();
        var release = Directory.CreateDirectory(Path.Combine(tmp.Path, SstCorpus.ReleaseFolderName));
        File.CreateSymbolicLink(Path.Combine(release.FullName, SstCorpus.SentencesFileName), TestData.SstSentences);

        Assert.Equal(TestData.SstSentences, SstCorpus.FindSentencesFile(TestData.SstSentences));
        Assert.Equal(TestData.SstSentences, SstCorpus.FindSentencesFile(TestData.SstFolder));
        var viaRelease = SstCorpus.Load(tmp.Path);
        Assert.Equal(Path.Combine(release.FullName, SstCorpus.SentencesFileName), viaRelease.SourcePath);
        Assert.Equal(19_539, viaRelease.Vocabulary.Count);
        Assert.Equal(227_245, SstCorpus.Load(TestData.SstSentences).TokenCount);
    }

    [Fact]
    public void AMissingOrEmptyFileIsAClearError()
    {
        using var tmp = new TempFolder();
        var e = Assert.Throws<FileNotFoundException>(() => SstCorpus.Load(tmp.Path));
        Assert.Contains(Path.Combine(tmp.Path, SstCorpus.SentencesFileName), e.Message);
        var missing = tmp.File("nowhere.txt");
        Assert.Contains(missing, Assert.Throws<FileNotFoundException>(() => SstCorpus.Load(missing)).Message);

        var empty = tmp.File(SstCorpus.SentencesFileName);
        File.WriteAllText(empty, "");
        Assert.Contains(empty, Assert.Throws<InvalidDataException>(() => SstCorpus.Load(tmp.Path)).Message);
        File.WriteAllText(empty, "sentence_index\tsentence\n");
        Assert.Contains(empty, Assert.Throws<InvalidDataException>(() => SstCorpus.Load(empty)).Message);
    }

    [Fact]
    public void ReadsASmallFileTheAssignmentsWay()
    {
        using var tmp = new TempFolder();
        var file = tmp.File(SstCorpus.SentencesFileName);
        File.WriteAllText(file, "sentence_index\tsentence\n1\tThe cat , the Cat\n2\tA  dog\u00A0barks .\n");
        var corpus = SstCorpus.Load(file);
        Assert.Equal(new[] { "the", "cat", ",", "a", "dog", "barks", ".", "UNK" }, corpus.Vocabulary.Words);
        Assert.Equal(new long[] { 2, 2, 1, 1, 1, 1, 1, 1 }, corpus.Vocabulary.Counts);
        Assert.Equal(new[] { 0, 1, 2, 0, 1 }, corpus.Sentences[0]);
        Assert.Equal(new[] { 3, 4, 5, 6 }, corpus.Sentences[1]);
    }
}
