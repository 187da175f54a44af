using Word2Vec.Torch.Data;
using Word2Vec.Torch.Sampling;
using Word2Vec.Torch.Tests.Data;

namespace Word2Vec.Torch.Tests.Sampling;

public class Word2VecSubsamplingTests
{
    [Fact]
    public void KeepProbabilityIsWord2VecCsFormula()
    {
        // f = 0.05, t = 1e-3: (sqrt(50) + 1) / 50.
        Assert.Equal((Math.Sqrt(50) + 1) / 50, Word2VecSubsampling.KeepProbability(5_000, 100_000, 1e-3), 12);
        Assert.True(Word2VecSubsampling.KeepProbability(10, 100_000, 1e-3) >= 1);   // rare words always kept
        Assert.Equal(1.0, Word2VecSubsampling.KeepProbability(5_000, 100_000, 0));   // 0 disables
    }

    [Fact]
    public void AFrequentWordSurvivesAsOftenAsTheFormulaSays()
    {
        // CBOW with a wide window on one long line: every kept token becomes one example's target.
        var words = TextFiles.ZipfWords(200_000, types: 300);
        var counter = new WordCounter();
        words.ForEach(w => counter.Add(w));
        var vocabulary = Vocabulary.ByFrequency(counter);
        var tokens = words.Select(vocabulary.GetId).ToArray();
        var corpus = new TextCorpus(vocabulary, tokens, new[] { tokens.Length });
        const double sample = 1e-3;
        var source = new TextBatchSource(corpus, window: 5, negatives: 0, cbow: true, sample, batchSize: 4096, new RandomSource(9));
        var kept = new long[vocabulary.Count];
        var batch = new TrainingBatch();
        while (source.NextBatch(batch))
            for (var i = 0; i < batch.Count; i++)
                kept[batch.Targets[i]]++;

        foreach (var id in new[] { 0, 1, 5 })   // "the" ≈ 16% of the tokens, and two other frequent words
        {
            var n = vocabulary.GetCount(id);
            var p = Word2VecSubsampling.KeepProbability(n, vocabulary.TotalCount, sample);
            Assert.InRange(p, 0.05, 0.95);
            var sigma = Math.Sqrt(n * p * (1 - p));
            Assert.InRange(kept[id], n * p - 3 * sigma, n * p + 3 * sigma);
        }
        // A rare word is always kept.
        var rare = vocabulary.Count - 1;
        Assert.Equal(vocabulary.GetCount(rare), kept[rare]);
    }
}
