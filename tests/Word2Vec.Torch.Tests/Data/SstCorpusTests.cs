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
        Assert.Equal(10_128, Corpus.Vocabulary.GetCount(Corpus.Vocabulary.GetId("the")));
        // Tokens split off at a U+00A0 inside mojibake, as Python's str.split() does.
        Assert.True(Corpus.Vocabulary.Contains("2â"));
    }

    [Fact]
    public void RejectProbabilitiesFollowTheAssignment()
    {
        Assert.Equal(0.985, Corpus.RejectProbability("the"), 3);
        Assert.Equal(0.959, Corpus.RejectProbability("movie"), 3);
        Assert.Equal(0.881, Corpus.RejectProbability("great"), 3);
        Assert.Equal(0.0, Corpus.RejectProbability("UNK"));
        Assert.Equal(7_051, Corpus.RejectProbabilities.Count(p => p > 0));
        var e = Assert.Throws<KeyNotFoundException>(() => Corpus.RejectProbability("no-such-word"));
        Assert.Contains("'no-such-word'", e.Message);
    }

    [Fact]
    public void NegativeTableSlotsAreProportionalToCountsToThe075()
    {
        var table = Corpus.NegativeTable;
        var v = Corpus.Vocabulary;
        Assert.Equal(1_000_000, table.Size);
        Assert.Equal(0, table[0]);
        var sum = v.Counts.Sum(c => System.Math.Pow(c, 0.75));
        double Share(int id) => System.Math.Pow(v.GetCount(id), 0.75) / sum * 1_000_000;

        // Word 0 ("the") also gets slot 0.
        Assert.InRange(table.SlotCount(0) - Share(0), 0.0, 2.0);
        foreach (var word in new[] { ",", ".", "movie", "great", "rock", "UNK" })
        {
            var id = v.GetId(word);
            Assert.InRange(table.SlotCount(id) - Share(id), -1.0, 1.0);
        }
        // Slots are in word order, and the last one holds a real word.
        for (var i = 1; i < table.Size; i++)
            Assert.True(table[i] >= table[i - 1]);
        Assert.InRange(table[table.Size - 1], 0, v.Count - 1);
    }

    [Fact]
    public void SubsamplingKeepsAboutAQuarterOfThirtyCopies()
    {
        Corpus.Subsample(new RandomSource(31415));
        var all = Corpus.SubsampledSentences;
        Assert.All(all, s => Assert.True(s.Length > 1));
        var fraction = (double)Corpus.SubsampledTokenCount / (30 * Corpus.TokenCount);
        Assert.InRange(fraction, 0.20, 0.26);   // the reference measured 23%
        Assert.InRange((double)Corpus.SubsampledTokenCount / all.Count, 3.5, 5.5);   // ≈ 4.4 tokens a sentence

        // Built once: the same RNG state again gives the same list and leaves the RNG in the same place.
        var a = new RandomSource(31415);
        Corpus.Subsample(a);
        Assert.Same(all, Corpus.SubsampledSentences);
        var b = new RandomSource(31415);
        Cs224nSubsampling.Subsample(Corpus.Sentences, Corpus.RejectProbabilities.ToArray(), b);
        Assert.Equal(b.GetState(), a.GetState());
    }

    [Fact]
    public void ContextsStayInsideTheirSentenceAndNeverHoldTheCentre()
    {
        var rng = new RandomSource(1);
        Corpus.Subsample(rng);
        var all = Corpus.SubsampledSentences;
        var buffer = new int[10];
        var expected = new List<int>();
        for (var draw = 0; draw < 20_000; draw++)
        {
            var c = rng.NextInt(1, 5);
            var n = Corpus.GetRandomContext(c, rng, buffer, out var centre, out var si, out var pos);
            var sentence = all[si];
            Assert.Equal(sentence[pos], centre);
            expected.Clear();
            for (var i = System.Math.Max(0, pos - c); i <= System.Math.Min(sentence.Length - 1, pos + c); i++)
                if (i != pos && sentence[i] != centre)
                    expected.Add(sentence[i]);
            Assert.Equal(expected, buffer[..n]);
            Assert.InRange(n, 1, 2 * c);
            Assert.DoesNotContain(centre, buffer[..n]);
        }
        var window = Corpus.GetRandomContext(3, rng);
        Assert.InRange(window.Outside.Length, 1, 6);
        Assert.DoesNotContain(window.Centre, window.Outside);
    }

    [Fact]
    public void NegativesNeverEqualTheOutsideWord()
    {
        var rng = new RandomSource(2);
        var v = Corpus.Vocabulary;
        var the = v.GetId("the");
        var duplicates = 0;
        foreach (var outside in new[] { the, v.GetId(","), v.GetId("great"), v.Count - 1 })
            for (var i = 0; i < 2_000; i++)
            {
                var negatives = Corpus.GetNegativeSamples(outside, 10, rng);
                Assert.Equal(10, negatives.Length);
                Assert.DoesNotContain(outside, negatives);
                Assert.All(negatives, w => Assert.InRange(w, 0, v.Count - 1));
                duplicates += negatives.Length - negatives.Distinct().Count();
            }
        Assert.True(duplicates > 0, "duplicates are allowed and, with 'the' this frequent, happen");
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
