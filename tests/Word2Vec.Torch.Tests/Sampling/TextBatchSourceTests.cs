using Word2Vec.Torch.Data;
using Word2Vec.Torch.Sampling;
using Word2Vec.Torch.Tests.Data;
using static Word2Vec.Torch.Tests.Data.TestCorpora;

namespace Word2Vec.Torch.Tests.Sampling;

public class TextBatchSourceTests
{
    [Fact]
    public void SkipGramPairsStayInTheirSentenceAndWindow()
    {
        var rng = new RandomSource(1);
        var lengths = Enumerable.Range(0, 400).Select(_ => rng.NextInt(1, 25)).ToList();
        var corpus = Positional(lengths);
        var sentenceOf = SentenceOf(corpus);
        const int window = 5;
        var source = new TextBatchSource(corpus, window, negatives: 3, cbow: false, sample: 0, batchSize: 64, new RandomSource(2));
        Assert.Equal(corpus.TokenCount, source.TotalWords);
        Assert.False(((IBatchSource<TrainingBatch>)source).Endless);

        var batch = new TrainingBatch();
        var farthest = new Dictionary<long, long>();   // centre → farthest outside position
        var centres = new HashSet<long>();
        long lastWords = 0;
        var batches = 0;
        while (source.NextBatch(batch))
        {
            batches++;
            BatchAssertions.Valid(batch, width: 1, k: 3, corpus.Vocabulary.Count);
            Assert.True(batch.WordsProcessed >= lastWords);
            lastWords = batch.WordsProcessed;
            for (var i = 0; i < batch.Count; i++)
            {
                var (c, o) = (batch.Inputs[i], batch.Targets[i]);
                Assert.Equal(sentenceOf[c], sentenceOf[o]);
                Assert.InRange(Math.Abs(c - o), 1, window);
                centres.Add(c);
                farthest[c] = Math.Max(farthest.GetValueOrDefault(c), Math.Abs(c - o));
            }
        }
        Assert.False(source.NextBatch(batch));
        Assert.Equal(corpus.TokenCount, lastWords);

        // Every token of a sentence of two or more words was a centre.
        var expectedCentres = Enumerable.Range(0, corpus.Tokens.Length).Where(i => lengths[sentenceOf[i]] > 1).Count();
        Assert.Equal(expectedCentres, centres.Count);

        // Effective windows b = randint(1, window): seen whole for centres ≥ window from both sentence ends.
        var ends = corpus.SentenceEnds;
        var starts = ends.Select((e, s) => e - lengths[s]).ToArray();
        var sizes = farthest.Where(kv => kv.Key - starts[sentenceOf[kv.Key]] >= window && ends[sentenceOf[kv.Key]] - 1 - kv.Key >= window)
            .GroupBy(kv => kv.Value).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(new long[] { 1, 2, 3, 4, 5 }, sizes.Keys.Order());
        Assert.All(sizes.Values, n => Assert.InRange(n, sizes.Values.Sum() / 5 * 0.7, sizes.Values.Sum() / 5 * 1.3));
    }

    [Fact]
    public void Text8IsCutEveryThousandWords()
    {
        var corpus = Positional(new[] { 2_500 });
        var source = new TextBatchSource(corpus, 5, 2, cbow: false, sample: 0, batchSize: 100, new RandomSource(3));
        var batch = new TrainingBatch();
        var pairs = 0;
        while (source.NextBatch(batch))
            for (var i = 0; i < batch.Count; i++, pairs++)
                Assert.Equal(batch.Inputs[i] / 1000, batch.Targets[i] / 1000);
        Assert.True(pairs > 2_500 * 3);
    }

    [Fact]
    public void CbowExamplesHoldTheCentresWindowPadded()
    {
        var rng = new RandomSource(4);
        var lengths = Enumerable.Range(0, 300).Select(_ => rng.NextInt(1, 20)).ToList();
        var corpus = Positional(lengths);
        var sentenceOf = SentenceOf(corpus);
        const int window = 4;
        var source = new TextBatchSource(corpus, window, negatives: 5, cbow: true, sample: 0, batchSize: 50, new RandomSource(5));
        var batch = new TrainingBatch();
        var targets = new List<long>();
        while (source.NextBatch(batch))
        {
            BatchAssertions.Valid(batch, width: 2 * window, k: 5, corpus.Vocabulary.Count);
            Assert.Equal(batch.Count, batch.Windows);
            for (var i = 0; i < batch.Count; i++)
            {
                var centre = batch.Targets[i];
                targets.Add(centre);
                var previous = -1L;
                for (var j = 0; j < 2 * window && batch.InputMask[i * 2 * window + j] == 1f; j++)
                {
                    var input = batch.Inputs[i * 2 * window + j];
                    Assert.Equal(sentenceOf[centre], sentenceOf[input]);
                    Assert.InRange(Math.Abs(centre - input), 1, window);
                    Assert.True(input > previous);   // left to right
                    previous = input;
                }
            }
        }
        // One example per centre that has a neighbour, in corpus order.
        Assert.Equal(Enumerable.Range(0, corpus.Tokens.Length).Where(i => lengths[sentenceOf[i]] > 1).Select(i => (long)i), targets);
    }

    [Fact]
    public void FullBatchesUntilTheLastThenFalseAndRewindStartsAgain()
    {
        var corpus = ZipfLines(5_000);
        var source = new TextBatchSource(corpus, 5, 5, cbow: false, sample: 1e-3, batchSize: 128, new RandomSource(6));
        var batch = new TrainingBatch();
        var counts = new List<int>();
        while (source.NextBatch(batch))
        {
            BatchAssertions.Valid(batch, 1, 5, corpus.Vocabulary.Count);
            counts.Add(batch.Count);
        }
        Assert.All(counts[..^1], c => Assert.Equal(128, c));
        Assert.InRange(counts[^1], 1, 128);
        Assert.False(source.NextBatch(batch));
        Assert.Equal(0, batch.Count);
        Assert.Equal(0, source.Epoch);
        source.Rewind();
        Assert.Equal(1, source.Epoch);
        Assert.True(source.NextBatch(batch));
        Assert.Equal(128, batch.Count);
    }

    [Fact]
    public void TheSameSeedGivesTheSameBatches()
    {
        var corpus = ZipfLines(5_000);
        var a = BatchSnapshot.Take(new TextBatchSource(corpus, 5, 5, false, 1e-3, 100, new RandomSource(9)), 1000);
        var b = BatchSnapshot.Take(new TextBatchSource(corpus, 5, 5, false, 1e-3, 100, new RandomSource(9)), 1000);
        var c = BatchSnapshot.Take(new TextBatchSource(corpus, 5, 5, false, 1e-3, 100, new RandomSource(10)), 1000);
        BatchAssertions.Equal(a, b);
        Assert.NotEqual(a[0].Targets, c[0].Targets);   // the seed is what decides them
    }

    [Theory]
    [InlineData(false, 0.0)]
    [InlineData(false, 1e-3)]
    [InlineData(true, 1e-3)]
    public void ASavedStateResumesExactly(bool cbow, double sample)
    {
        var corpus = ZipfLines(8_000);
        for (var stopAfter = 0; stopAfter < 40; stopAfter += 13)
        {
            var original = new TextBatchSource(corpus, 5, 4, cbow, sample, batchSize: 37, new RandomSource(10));
            BatchSnapshot.Take(original, stopAfter);
            var state = original.GetState();
            var expected = BatchSnapshot.Take(original, 10_000);   // to the end of the epoch
            original.Rewind();
            expected.AddRange(BatchSnapshot.Take(original, 5));

            var resumed = new TextBatchSource(corpus, 5, 4, cbow, sample, batchSize: 37, new RandomSource(999));
            BatchSnapshot.Take(resumed, 3);
            resumed.SetState(state);
            var actual = BatchSnapshot.Take(resumed, 10_000);
            resumed.Rewind();
            actual.AddRange(BatchSnapshot.Take(resumed, 5));
            BatchAssertions.Equal(expected, actual);
        }
    }

    [Fact]
    public void AnIdFileOnDiskGivesTheBatchesOfTheCorpusInMemoryAndResumesAcrossThem()
    {
        using var tmp = new TempFolder();
        var inMemory = ZipfLines(20_000);
        var (tokens, ends) = inMemory.ToArrays();
        var path = tmp.File("corpus.ids");
        AtomicFile.Write(path, stream =>
        {
            var writer = new CorpusIdsWriter(stream, inMemory.Vocabulary);
            for (int i = 0, s = 0; i < tokens.Length; i++)
            {
                writer.Add(tokens[i]);
                if (i + 1 == ends[s]) { writer.EndSentence(); s++; }
            }
            writer.Complete();
        });
        var onDisk = TextCorpus.FromIdFile(inMemory.Vocabulary, path);
        Assert.Equal((inMemory.TokenCount, inMemory.SentenceCount), (onDisk.TokenCount, onDisk.SentenceCount));

        using var fromMemory = new TextBatchSource(inMemory, 5, 4, false, 1e-3, 50, new RandomSource(4));
        using var fromDisk = new TextBatchSource(onDisk, 5, 4, false, 1e-3, 50, new RandomSource(4));
        BatchSnapshot.Take(fromMemory, 77);
        BatchSnapshot.Take(fromDisk, 77);
        var state = fromMemory.GetState();
        BatchAssertions.Equal(BatchSnapshot.Take(fromMemory, 10_000), BatchSnapshot.Take(fromDisk, 10_000));

        using var resumed = new TextBatchSource(onDisk, 5, 4, false, 1e-3, 50, new RandomSource(1));
        resumed.SetState(state);
        fromMemory.SetState(state);
        BatchAssertions.Equal(BatchSnapshot.Take(fromMemory, 10_000), BatchSnapshot.Take(resumed, 10_000));
    }

    [Fact]
    public void AStateFromAnotherConfigurationIsRefused()
    {
        var corpus = ZipfLines(2_000);
        var state = new TextBatchSource(corpus, 5, 4, false, 1e-3, 37, new RandomSource(1)).GetState();
        Assert.Throws<ArgumentException>(() => new TextBatchSource(corpus, 4, 4, false, 1e-3, 37, new RandomSource(1)).SetState(state));
        Assert.Throws<ArgumentException>(() => new TextBatchSource(corpus, 5, 4, false, 1e-3, 36, new RandomSource(1)).SetState(state));
        Assert.Throws<ArgumentException>(() => new TextBatchSource(ZipfLines(2_001), 5, 4, false, 1e-3, 37, new RandomSource(1)).SetState(state));
        Assert.Throws<ArgumentException>(() => new TextBatchSource(corpus, 5, 4, false, 1e-3, 37, new RandomSource(1)).SetState(new ulong[3]));
    }

    [Fact]
    public void SteadyStateBatchesAllocateNothing()
    {
        // The corpus is read a chunk at a time: the warm-up crosses chunks (and lets the JIT finish with the
        // code that reads them), and so does the measured stretch.
        var corpus = ZipfLines(600_000);
        using var source = new TextBatchSource(corpus, 5, 5, false, 1e-3, 1024, new RandomSource(11));
        var batch = new TrainingBatch();
        for (var i = 0; i < 150; i++)
            Assert.True(source.NextBatch(batch));
        // Three measured stretches: an allocation of every batch shows in each, while a one-off of the runtime's (a
        // method the tiered JIT replaces on this thread, seen once in CI: 5,032 bytes) shows in one at most.
        var stretches = new long[3];
        for (var s = 0; s < stretches.Length; s++)
        {
            var before = GC.GetAllocatedBytesForCurrentThread();
            for (var i = 0; i < 100; i++)
                Assert.True(source.NextBatch(batch));
            stretches[s] = GC.GetAllocatedBytesForCurrentThread() - before;
        }
        Assert.True(stretches.Count(b => b == 0) >= 2, $"bytes allocated per stretch of 100 batches: {string.Join(", ", stretches)}");
    }
}
