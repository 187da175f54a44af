using Word2Vec.Torch.Data;
using Word2Vec.Torch.Sampling;

namespace Word2Vec.Torch.Tests.Sampling;

[Collection("SST")]
public class Cs224nBatchSourceTests(SstFixture sst)
{
    private SstCorpus Corpus => sst.Corpus;

    [Fact]
    public void SkipGramBatchesKeepTheContract()
    {
        var source = new Cs224nBatchSource(Corpus, 5, 50, 10, cbow: false, new RandomSource(31415));
        Assert.Equal(227_245, source.TotalWords);
        Assert.True(source.Endless);   // its WordsProcessed counts windows drawn: a run by steps
        var batch = new TrainingBatch();
        var sizes = new List<int>();
        for (var step = 1; step <= 20; step++)
        {
            Assert.True(source.NextBatch(batch));
            BatchAssertions.Valid(batch, width: 1, k: 10, Corpus.Vocabulary.Count);
            Assert.InRange(batch.Count, 50, 500);
            Assert.Equal(50, batch.Windows);
            Assert.Equal(50L * step, batch.WordsProcessed);
            for (var i = 0; i < batch.Count; i++)
                Assert.NotEqual(batch.Inputs[i], batch.Targets[i]);   // the centre is never its own outside word
            sizes.Add(batch.Count);
        }
        // The reference's first loss implies about 2.6 outside words a window.
        Assert.InRange(sizes.Average() / 50, 2.0, 3.5);
    }

    [Fact]
    public void CbowBatchesHaveOneExamplePerWindowWithPadding()
    {
        var source = new Cs224nBatchSource(Corpus, 5, 50, 10, cbow: true, new RandomSource(1));
        var batch = new TrainingBatch();
        var widths = new HashSet<int>();
        for (var step = 0; step < 40; step++)
        {
            Assert.True(source.NextBatch(batch));
            BatchAssertions.Valid(batch, width: 10, k: 10, Corpus.Vocabulary.Count);
            Assert.Equal(50, batch.Count);
            for (var i = 0; i < batch.Count; i++)
            {
                var real = 0;
                for (var j = 0; j < 10; j++)
                    if (batch.InputMask[i * 10 + j] == 1f)
                    {
                        real++;
                        Assert.NotEqual(batch.Targets[i], batch.Inputs[i * 10 + j]);
                    }
                widths.Add(real);
            }
        }
        Assert.Contains(1, widths);
        Assert.Contains(2, widths);
        Assert.True(widths.Max() >= 8, "windows of size 4–5 in long subsampled sentences");
    }

    [Fact]
    public void WithoutNegativesThereAreNone()
    {
        var source = new Cs224nBatchSource(Corpus, 3, 10, 0, cbow: false, new RandomSource(2));
        var batch = new TrainingBatch();
        Assert.True(source.NextBatch(batch));
        BatchAssertions.Valid(batch, width: 1, k: 0, Corpus.Vocabulary.Count);
        Assert.InRange(batch.Count, 10, 60);
    }

    [Fact]
    public void TheSameSeedGivesTheSameBatches()
    {
        var a = BatchSnapshot.Take(new Cs224nBatchSource(Corpus, 5, 50, 10, false, new RandomSource(7)), 5);
        var b = BatchSnapshot.Take(new Cs224nBatchSource(Corpus, 5, 50, 10, false, new RandomSource(7)), 5);
        BatchAssertions.Equal(a, b);
        var c = BatchSnapshot.Take(new Cs224nBatchSource(Corpus, 5, 50, 10, false, new RandomSource(8)), 1);
        Assert.NotEqual(a[0].Targets, c[0].Targets);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void ASavedStateResumesExactly(bool cbow)
    {
        var original = new Cs224nBatchSource(Corpus, 5, 50, 10, cbow, new RandomSource(31415));
        BatchSnapshot.Take(original, 7);
        var state = original.GetState();
        var expected = BatchSnapshot.Take(original, 5);

        // Another seed first (it subsamples the shared corpus anew), then the saved state.
        var resumed = new Cs224nBatchSource(Corpus, 5, 50, 10, cbow, new RandomSource(123));
        resumed.SetState(state);
        BatchAssertions.Equal(expected, BatchSnapshot.Take(resumed, 5));

        // A fresh process: a corpus loaded anew.
        var fresh = new Cs224nBatchSource(SstCorpus.Load(TestData.SstFolder), 5, 50, 10, cbow, new RandomSource(5));
        fresh.SetState(state);
        BatchAssertions.Equal(expected, BatchSnapshot.Take(fresh, 5));

        Assert.Throws<ArgumentException>(() => new Cs224nBatchSource(Corpus, 4, 50, 10, cbow, new RandomSource(1)).SetState(state));
    }

    [Fact]
    public void SourcesWithOtherSeedsCanShareACorpus()
    {
        var soloA = BatchSnapshot.Take(new Cs224nBatchSource(Corpus, 5, 50, 10, false, new RandomSource(21)), 3);
        var soloB = BatchSnapshot.Take(new Cs224nBatchSource(Corpus, 5, 50, 10, false, new RandomSource(22)), 3);
        var a = new Cs224nBatchSource(Corpus, 5, 50, 10, false, new RandomSource(21));
        var b = new Cs224nBatchSource(Corpus, 5, 50, 10, false, new RandomSource(22));
        var (fromA, fromB) = (new List<BatchSnapshot>(), new List<BatchSnapshot>());
        for (var i = 0; i < 3; i++)
        {
            fromA.AddRange(BatchSnapshot.Take(a, 1));
            fromB.AddRange(BatchSnapshot.Take(b, 1));
        }
        BatchAssertions.Equal(soloA, fromA);
        BatchAssertions.Equal(soloB, fromB);
    }
}
