using Word2Vec.Torch.Data;
using Word2Vec.Torch.Sampling;

namespace Word2Vec.Torch.Tests.Sampling;

/// <summary>The assignment's sampling over SST: reject probabilities, the subsampled list, contexts, negatives.</summary>
[Collection("SST")]
public class Cs224nSamplerTests(SstFixture sst)
{
    private SstCorpus Corpus => sst.Corpus;

    private Cs224nSampler Sampler { get; } = new(sst.Corpus);

    [Fact]
    public void RejectProbabilitiesFollowTheAssignment()
    {
        // rejectProb[w] = max(0, 1 − √(threshold / count[w])), threshold = 1e-5 · wordcount, wordcount = the
        // 227,245 tokens and UNK's 1: written out here from the counts, and as the values the assignment prints.
        var v = Corpus.Vocabulary;
        Assert.Equal(227_246, v.TotalCount);
        const double threshold = 1e-5 * 227_246;
        double Formula(string w) => Math.Max(0, 1 - Math.Sqrt(threshold / v.GetCount(v.GetId(w))));
        foreach (var (word, printed) in new[] { ("the", 0.985), ("movie", 0.959), ("great", 0.881) })
        {
            Assert.Equal(Formula(word), Sampler.RejectProbability(word), 12);
            Assert.Equal(printed, Sampler.RejectProbability(word), 3);
        }
        Assert.Equal(0.0, Sampler.RejectProbability("UNK"));
        // p > 0 exactly for the words seen more than threshold = 2.27 times, i.e. at least 3 times: 7,051 of them.
        Assert.Equal(v.Counts.Count(c => c >= 3), Sampler.RejectProbabilities.Count(p => p > 0));
        Assert.Equal(7_051, Sampler.RejectProbabilities.Count(p => p > 0));
        var e = Assert.Throws<KeyNotFoundException>(() => Sampler.RejectProbability("no-such-word"));
        Assert.Contains("'no-such-word'", e.Message);
    }

    [Fact]
    public void SentencesWithoutTwoDifferentWordsAreAnErrorNamingTheFileNotAnEndlessRedraw()
    {
        using var tmp = new TempFolder();
        var one = string.Join(' ', Enumerable.Repeat("ha", 40));
        var path = tmp.Write("datasetSentences.txt", $"sentence_index\tsentence\n1\t{one}\n2\tho ho ho ho\n3\twow\n");
        var sampler = new Cs224nSampler(SstCorpus.Load(path));
        var e = Assert.Throws<InvalidDataException>(() => sampler.GetRandomContext(5, new RandomSource(1)));
        Assert.Contains(path, e.Message);
        Assert.Contains("two different words", e.Message);
    }

    [Fact]
    public void NegativeTableSlotsAreProportionalToCountsToThe075()
    {
        var table = Sampler.NegativeTable;
        var v = Corpus.Vocabulary;
        Assert.Equal(1_000_000, table.Size);
        Assert.Equal(0, table[0]);
        var sum = v.Counts.Sum(c => Math.Pow(c, 0.75));
        double Share(int id) => Math.Pow(v.GetCount(id), 0.75) / sum * 1_000_000;

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
        Sampler.Subsample(new RandomSource(31415));
        var all = Sampler.SubsampledSentences;
        Assert.All(all, s => Assert.True(s.Length > 1));
        var fraction = (double)Sampler.SubsampledTokenCount / (30 * Corpus.TokenCount);
        Assert.InRange(fraction, 0.20, 0.26);   // the reference measured 23%
        Assert.InRange((double)Sampler.SubsampledTokenCount / all.Count, 3.5, 5.5);   // ≈ 4.4 tokens a sentence

        // Built once: the same RNG state again gives the same list and leaves the RNG in the same place.
        var a = new RandomSource(31415);
        Sampler.Subsample(a);
        Assert.Same(all, Sampler.SubsampledSentences);
        var b = new RandomSource(31415);
        Cs224nSubsampling.Subsample(Corpus.Sentences, Sampler.RejectProbabilities.ToArray(), b);
        Assert.Equal(b.GetState(), a.GetState());
    }

    [Fact]
    public void ContextsStayInsideTheirSentenceAndNeverHoldTheCentre()
    {
        var rng = new RandomSource(1);
        Sampler.Subsample(rng);
        var all = Sampler.SubsampledSentences;
        var buffer = new int[10];
        var expected = new List<int>();
        for (var draw = 0; draw < 20_000; draw++)
        {
            var c = rng.NextInt(1, 5);
            var n = Sampler.GetRandomContext(c, rng, buffer, out var centre, out var si, out var pos);
            var sentence = all[si];
            Assert.Equal(sentence[pos], centre);
            expected.Clear();
            for (var i = Math.Max(0, pos - c); i <= Math.Min(sentence.Length - 1, pos + c); i++)
                if (i != pos && sentence[i] != centre)
                    expected.Add(sentence[i]);
            Assert.Equal(expected, buffer[..n]);
            Assert.InRange(n, 1, 2 * c);
            Assert.DoesNotContain(centre, buffer[..n]);
        }
        var window = Sampler.GetRandomContext(3, rng);
        Assert.InRange(window.Outside.Length, 1, 6);
        Assert.DoesNotContain(window.Center, window.Outside);
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
                var negatives = Sampler.GetNegativeSamples(outside, 10, rng);
                Assert.Equal(10, negatives.Length);
                Assert.DoesNotContain(outside, negatives);
                Assert.All(negatives, w => Assert.InRange(w, 0, v.Count - 1));
                duplicates += negatives.Length - negatives.Distinct().Count();
            }
        Assert.True(duplicates > 0, "duplicates are allowed and, with 'the' this frequent, happen");
    }
}
