using System.Reflection;
using Word2Vec.Torch.Data;
using Word2Vec.Torch.Sampling;
using Word2Vec.Torch.Training;

namespace Word2Vec.Torch.Tests.Sampling;

public class PrefetchingBatchSourceTests
{
    /// <summary>A Zipf corpus in sentences of 1–30 words, encoded with minCount 1.</summary>
    private static TextCorpus Corpus(int words)
    {
        var list = Word2Vec.Torch.Tests.Data.TextFiles.ZipfWords(words, seed: 21);
        var counter = new WordCounter();
        list.ForEach(w => counter.Add(w));
        var vocabulary = Vocabulary.ByFrequency(counter);
        var ends = new List<int>();
        var rng = new RandomSource(4);
        for (var i = 0; i < list.Count;)
        {
            i = Math.Min(list.Count, i + rng.NextInt(1, 30));
            ends.Add(i);
        }
        return new TextCorpus(vocabulary, list.Select(w => vocabulary.GetId(w)).ToArray(), ends.ToArray());
    }

    private static TextBatchSource Source(TextCorpus corpus) =>
        new(corpus, 3, 4, false, 1e-2, 64, new RandomSource(9));

    private static string Fingerprint(TrainingBatch b) =>
        $"{b.Count} {b.Width} {b.Windows} {b.WordsProcessed} {b.NegativesPerExample} " +
        string.Join(",", b.Inputs.Take(b.Count * b.Width)) + "|" + string.Join(",", b.InputMask.Take(b.Count * b.Width)) + "|" +
        string.Join(",", b.Targets.Take(b.Count)) + "|" + string.Join(",", b.Negatives.Take(b.Count * b.NegativesPerExample));

    private static List<string> Drain(IBatchSource<TrainingBatch> source, TrainingBatch batch, int max = int.MaxValue)
    {
        var seen = new List<string>();
        while (seen.Count < max && source.NextBatch(batch)) seen.Add(Fingerprint(batch));
        return seen;
    }

    [Fact]
    public void ItHandsOutTheInnerSourcesBatchesInOrder()
    {
        var corpus = Corpus(5000);
        var expected = Drain(Source(corpus), new TrainingBatch());
        using var prefetch = new PrefetchingBatchSource(Source(corpus), depth: 3);
        Assert.Equal(expected, Drain(prefetch, new TrainingBatch()));
        Assert.False(prefetch.NextBatch(new TrainingBatch()));   // the end stays the end
        Assert.True(expected.Count > 10);
    }

    [Fact]
    public void ItsStateIsTheStateAfterTheLastBatchHandedOut()
    {
        var corpus = Corpus(5000);
        var plain = Source(corpus);
        var batch = new TrainingBatch();
        Drain(plain, batch, 7);
        var after7 = plain.GetState();
        var rest = Drain(plain, batch);

        var inner = new WatchedSource(Source(corpus), madeBefore: 9);
        using var prefetch = new PrefetchingBatchSource(inner, depth: 2);
        var start = prefetch.GetState();
        Drain(prefetch, batch, 7);
        Assert.True(inner.Made.Wait(TimeSpan.FromMinutes(1)), "the producer did not run ahead");   // batches 8 and 9 queued
        Assert.Equal(after7, prefetch.GetState());

        // A source resumed from that state continues with the same batches, and so does SetState.
        var resumed = Source(corpus);
        resumed.SetState(prefetch.GetState());
        Assert.Equal(rest, Drain(resumed, new TrainingBatch()));
        prefetch.SetState(start);
        Drain(prefetch, batch, 7);
        Assert.Equal(rest, Drain(prefetch, batch));
    }

    [Fact]
    public void AFailingSourceFailsNextBatchWithItsOwnException()
    {
        // The inner source's exception itself (its type is what the CLI turns into a message), every call.
        using var prefetch = new PrefetchingBatchSource(new FailingSource());
        var e = Assert.Throws<InvalidDataException>(() => prefetch.NextBatch(new TrainingBatch()));
        Assert.Equal("broken corpus", e.Message);
        Assert.Same(e, Assert.Throws<InvalidDataException>(() => prefetch.NextBatch(new TrainingBatch())));
    }

    [Fact]
    public void SwapExchangesEveryFieldOfABatch()
    {
        var fields = typeof(TrainingBatch).GetFields(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance);
        var a = new TrainingBatch();
        var b = new TrainingBatch();
        a.Prepare(3, 2, 1);
        b.Prepare(5, 1, 4);
        a.Count = 3; a.Windows = 2; a.WordsProcessed = 11;
        b.Count = 5; b.Windows = 4; b.WordsProcessed = 17;
        var before = fields.Select(f => (f.GetValue(a), f.GetValue(b))).ToList();
        PrefetchingBatchSource.Swap(a, b);
        for (var i = 0; i < fields.Length; i++)
        {
            if (fields[i].FieldType.IsValueType)
            {
                Assert.Equal(before[i].Item1, fields[i].GetValue(b));
                Assert.Equal(before[i].Item2, fields[i].GetValue(a));
            }
            else
            {
                Assert.Same(before[i].Item1, fields[i].GetValue(b));
                Assert.Same(before[i].Item2, fields[i].GetValue(a));
            }
        }
    }

    /// <summary>Another source, and an event set once it has made <c>madeBefore</c> batches.</summary>
    private sealed class WatchedSource(IBatchSource<TrainingBatch> inner, int madeBefore) : IBatchSource<TrainingBatch>
    {
        private int _made;
        public ManualResetEventSlim Made { get; } = new();
        public long TotalWords => inner.TotalWords;
        public ulong[] GetState() => inner.GetState();
        public void SetState(ulong[] state) => inner.SetState(state);

        public bool NextBatch(TrainingBatch batch)
        {
            var more = inner.NextBatch(batch);
            if (Interlocked.Increment(ref _made) >= madeBefore) Made.Set();
            return more;
        }
    }

    private sealed class FailingSource : IBatchSource<TrainingBatch>
    {
        public long TotalWords => 1;
        public bool NextBatch(TrainingBatch batch) => throw new InvalidDataException("broken corpus");
        public ulong[] GetState() => [1UL];
        public void SetState(ulong[] state) { }
    }
}
