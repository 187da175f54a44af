using Word2Vec.Torch.Data;
using Word2Vec.Torch.Engines.OnDevice;
using Word2Vec.Torch.Sampling;
using Word2Vec.Torch.Training;
using static TorchSharp.torch;
using static Word2Vec.Torch.Tests.Data.TestCorpora;
using static Word2Vec.Torch.Tests.Engines.OnDevice.DeviceTestData;
using static Word2Vec.Torch.Tests.Objective.ObjectiveTestData;

namespace Word2Vec.Torch.Tests.Engines.OnDevice;

/// <summary>
/// The device pipeline's pairs: invariants, word2vec.c's statistics (within 4σ), agreement with the
/// host <see cref="TextBatchSource"/>, determinism and resume. On the test device: the CPU here, the
/// GPU where CUDA is available (the same tensor code; one test class, so no other source shares the
/// CUDA default generator meanwhile).
/// </summary>
public sealed class DeviceBatchSourceTests
{
    private const int Window = 5, K = 5;

    private static DeviceBatchSource Source(DeviceCorpus corpus, int chunk, int epochs = 1, long seed = 1, int window = Window) =>
        new(corpus, window, K, chunk, epochs, seed, ScalarType.Float32);

    /// <summary>For each pair, how many kept same-sentence words lie left and right of its centre in the
    /// chunk (before pieces of 1000; the Zipf lines are shorter), from the kept positions.</summary>
    private static Dictionary<long, (int Left, int Right)> Available(BatchCopy b, int[] sentenceOf)
    {
        var kept = b.KeptPositions;
        var result = new Dictionary<long, (int, int)>();
        for (var i = 0; i < kept.Length; i++)
        {
            var (l, r) = (0, 0);
            while (i - l - 1 >= 0 && sentenceOf[kept[i - l - 1]] == sentenceOf[kept[i]]) l++;
            while (i + r + 1 < kept.Length && sentenceOf[kept[i + r + 1]] == sentenceOf[kept[i]]) r++;
            result[kept[i]] = (l, r);
        }
        return result;
    }

    [Fact]
    public void PairsKeepWord2vecsInvariants()
    {
        var corpus = ZipfLines(30_000);
        var sentenceOf = SentenceOf(corpus);
        var V = corpus.Vocabulary.Count;
        using var data = new DeviceCorpus(corpus, 1e-3, TestDevice, noiseTableSize: 100_000);
        using var source = Source(data, chunk: 7_000);
        Assert.Equal(corpus.TokenCount, source.TotalWords);
        var batches = Drain(source);
        Assert.Equal(5, batches.Count);   // 30,000 / 7,000
        Assert.Null(DeviceTestData.Next(source));

        long previousEnd = 0;
        foreach (var b in batches)
        {
            Assert.Equal(previousEnd, b.ChunkStart);
            Assert.Equal(Math.Min(b.ChunkStart + 7_000, corpus.TokenCount), b.ChunkEnd);
            Assert.Equal(b.ChunkEnd, b.WordsProcessed);
            previousEnd = b.ChunkEnd;
            Assert.All(b.Mask, m => Assert.Equal(1f, m));
            Assert.Equal(K, b.K);
            Assert.True(b.KeptPositions.SequenceEqual(b.KeptPositions.Order()) && b.KeptPositions.Distinct().Count() == b.KeptPositions.Length);
            Assert.All(b.KeptPositions, p => Assert.InRange(p, b.ChunkStart, b.ChunkEnd - 1));
            var keptIndex = b.KeptPositions.Select((p, i) => (p, i)).ToDictionary(x => x.p, x => x.i);
            var available = Available(b, sentenceOf);

            var byCentre = new Dictionary<long, List<long>>();
            for (var i = 0; i < b.Count; i++)
            {
                var (c, o) = (b.CentrePositions[i], b.OutsidePositions[i]);
                Assert.Equal(corpus.Tokens[c], b.Centres[i]);                    // the ids are the kept tokens'
                Assert.Equal(corpus.Tokens[o], b.Outsides[i]);
                Assert.NotEqual(c, o);                                            // never a word with itself
                Assert.Equal(sentenceOf[c], sentenceOf[o]);                       // never across a sentence
                Assert.InRange(Math.Abs(keptIndex[c] - keptIndex[o]), 1, Window);   // within the window, in kept words
                for (var k = 0; k < K; k++)
                {
                    var n = b.Negatives[i * K + k];
                    Assert.InRange(n, 0, V - 1);
                    Assert.NotEqual(b.Outsides[i], n);                            // never the target
                }
                if (i > 0)   // centre by centre in corpus order, each centre's outside words left to right
                    Assert.True(c > b.CentrePositions[i - 1] || (c == b.CentrePositions[i - 1] && o > b.OutsidePositions[i - 1]));
                (byCentre.TryGetValue(c, out var list) ? list : byCentre[c] = new List<long>()).Add(o);
            }

            // Each centre's outside words are all its kept neighbours within one b ∈ 1..W, cut by the sentence.
            foreach (var (c, outs) in byCentre)
            {
                var left = outs.Count(o => o < c);
                var right = outs.Count - left;
                var (availLeft, availRight) = available[c];
                int? b1 = left < availLeft ? left : null, b2 = right < availRight ? right : null;
                if (b1 is { } x && b2 is { } y) Assert.Equal(x, y);
                Assert.InRange(b1 ?? b2 ?? Window, 1, Window);
                Assert.Equal(Math.Min(b1 ?? b2 ?? Window, availLeft), left);
                Assert.Equal(Math.Min(b1 ?? b2 ?? Window, availRight), right);
                var i = keptIndex[c];
                Assert.Equal(Enumerable.Range(i - left, left).Concat(Enumerable.Range(i + 1, right)).Select(j => b.KeptPositions[j]), outs);
            }
            // Every kept word with a kept neighbour in its sentence is a centre.
            Assert.Equal(available.Count(kv => kv.Value.Left + kv.Value.Right > 0), byCentre.Count);
        }
        Assert.Equal(corpus.TokenCount, previousEnd);
    }

    [Fact]
    public void ALongSentenceIsCutEveryThousandKeptWordsCountedFromTheChunkStart()
    {
        var corpus = Positional(new[] { 3_200 });   // text8-like: no line breaks; no subsampling (counts of 1)
        using var data = new DeviceCorpus(corpus, 1e-3, TestDevice, noiseTableSize: 10_000);
        using var source = Source(data, chunk: 1_500);
        var batches = Drain(source);
        Assert.Equal(new long[] { 0, 1_500, 3_000 }, batches.Select(b => b.ChunkStart));
        var crossing = new Dictionary<long, int> { [1_000] = 0, [1_500] = 0, [2_500] = 0, [3_000] = 0, [2_000] = 0 };
        foreach (var b in batches)
        {
            Assert.Equal(b.ChunkEnd - b.ChunkStart, b.KeptPositions.Length);
            for (var i = 0; i < b.Count; i++)
            {
                var (lo, hi) = (Math.Min(b.Centres[i], b.Outsides[i]), Math.Max(b.Centres[i], b.Outsides[i]));
                foreach (var cut in crossing.Keys) if (lo < cut && hi >= cut) crossing[cut]++;
            }
        }
        // Cuts at the chunk starts (1500, 3000) and 1000 kept words after a chunk's start (1000, 2500).
        Assert.Equal(0, crossing[1_000]);
        Assert.Equal(0, crossing[1_500]);
        Assert.Equal(0, crossing[2_500]);
        Assert.Equal(0, crossing[3_000]);
        Assert.True(crossing[2_000] > 5);   // … and not elsewhere
    }

    [Fact]
    public void WithoutSubsamplingEveryTokenWithANeighbourIsACentreAndWindowsAreUniform()
    {
        var rng = new RandomSource(1);
        var lengths = Enumerable.Range(0, 3_000).Select(_ => rng.NextInt(1, 25)).ToList();
        var corpus = Positional(lengths);
        var sentenceOf = SentenceOf(corpus);
        using var data = new DeviceCorpus(corpus, 0, TestDevice, noiseTableSize: 100_000);
        using var source = Source(data, chunk: 1 << 20);
        var b = Assert.Single(Drain(source));
        Assert.Equal(corpus.TokenCount, b.KeptPositions.Length);
        var centres = b.CentrePositions.Distinct().ToHashSet();
        Assert.Equal(Enumerable.Range(0, corpus.Tokens.Length).Count(i => lengths[sentenceOf[i]] > 1), centres.Count);

        // b ~ U{1..W}: seen whole (b = pairs on each side) for centres ≥ W from both sentence ends.
        var ends = corpus.SentenceEnds;
        var starts = ends.Select((e, s) => e - lengths[s]).ToArray();
        var sizes = b.CentrePositions.Zip(b.OutsidePositions)
            .Where(p => p.First - starts[sentenceOf[p.First]] >= Window && ends[sentenceOf[p.First]] - 1 - p.First >= Window)
            .GroupBy(p => p.First).Select(g => g.Count() / 2).ToList();
        var n = sizes.Count;
        Assert.True(n > 10_000, $"{n} interior centres");
        for (var w = 1; w <= Window; w++)
        {
            var observed = sizes.Count(s => s == w);
            var sigma = Math.Sqrt(n * 0.2 * 0.8);
            Assert.True(Math.Abs(observed - n * 0.2) < 4 * sigma, $"b = {w}: {observed} of {n}");
        }
        var meanSigma = Math.Sqrt((Window * Window - 1) / 12.0 / n);
        Assert.True(Math.Abs(sizes.Average() - (Window + 1) / 2.0) < 4 * meanSigma, $"mean window {sizes.Average():F4}");
    }

    [Fact]
    public void FrequentWordsAreKeptWithWord2vecsProbability()
    {
        var corpus = ZipfLines(200_000);
        var keep = Word2VecSubsampling.KeepProbabilities(corpus.Vocabulary, 1e-3);
        using var data = new DeviceCorpus(corpus, 1e-3, TestDevice, noiseTableSize: 10_000);
        using var source = Source(data, chunk: 65_536);
        var kept = new long[corpus.Vocabulary.Count];
        foreach (var b in Drain(source))
            foreach (var p in b.KeptPositions) kept[corpus.Tokens[p]]++;
        for (var w = 0; w < 10; w++)
        {
            var n = corpus.Vocabulary.GetCount(w);
            var p = keep[w];
            Assert.InRange(p, 0.05, 0.95);   // these are subsampled
            var sigma = Math.Sqrt(n * p * (1 - p));
            Assert.True(Math.Abs(kept[w] - n * p) < 4 * sigma, $"word {w}: kept {kept[w]} of {n}, expected {n * p:F0} ± {sigma:F0}");
        }
        for (var w = 0; w < keep.Length; w++)
            if (keep[w] >= 1) Assert.Equal(corpus.Vocabulary.GetCount(w), kept[w]);   // rare words are always kept
    }

    [Fact]
    public void NegativesFollowTheUnigramToTheThreeQuartersGivenTheyDifferFromTheTarget()
    {
        var corpus = ZipfLines(60_000);
        var V = corpus.Vocabulary.Count;
        var q = Enumerable.Range(0, V).Select(w => Math.Pow(corpus.Vocabulary.GetCount(w), 0.75)).ToArray();
        var z = q.Sum();
        for (var w = 0; w < V; w++) q[w] /= z;
        using var data = new DeviceCorpus(corpus, 1e-3, TestDevice, noiseTableSize: 1_000_000);
        using var source = Source(data, chunk: 1 << 20);
        var b = Assert.Single(Drain(source));

        // E[#w] = Σ_pairs K·q_w/(1 − q_t)·[t ≠ w], Var = Σ K·p(1 − p), for the 20 most frequent words and the rest.
        var observed = new double[21];
        var expected = new double[21];
        var variance = new double[21];
        foreach (var n in b.Negatives) observed[Math.Min(n, 20)]++;
        var targetsOf = b.Outsides.GroupBy(t => t).ToDictionary(g => g.Key, g => g.Count());
        foreach (var (t, count) in targetsOf)
        {
            var rest = 1.0;
            for (var w = 0; w < 20; w++)
            {
                var p = w == t ? 0 : q[w] / (1 - q[t]);
                rest -= p;
                expected[w] += count * K * p;
                variance[w] += count * K * p * (1 - p);
            }
            expected[20] += count * K * rest;
            variance[20] += count * K * rest * (1 - rest);
        }
        for (var w = 0; w <= 20; w++)
        {
            var sigma = Math.Sqrt(variance[w]);
            Assert.True(Math.Abs(observed[w] - expected[w]) < 4 * sigma, $"word {w}: {observed[w]} negatives, expected {expected[w]:F0} ± {sigma:F0}");
        }
    }

    [Fact]
    public void PairStatisticsMatchTheHostSource()
    {
        // Per run: pairs per token, and the share of pairs whose centre is each of the 3 most frequent words.
        // Means over 8 seeds must agree within 4σ of their difference.
        var corpus = ZipfLines(40_000);
        using var data = new DeviceCorpus(corpus, 1e-3, TestDevice, noiseTableSize: 10_000);
        const int runs = 8;
        var host = new List<double[]>();
        var device = new List<double[]>();
        double[] Stats(IReadOnlyList<long> centres) => new[]
        {
            centres.Count / (double)corpus.TokenCount,
            centres.Count(c => c == 0), centres.Count(c => c == 1), centres.Count(c => c == 2),
        };
        for (var seed = 1; seed <= runs; seed++)
        {
            var hostSource = new TextBatchSource(corpus, Window, K, cbow: false, sample: 1e-3, batchSize: 4096, new RandomSource((ulong)seed));
            var batch = new TrainingBatch();
            var centres = new List<long>();
            while (hostSource.NextBatch(batch)) centres.AddRange(batch.Inputs[..batch.Count]);
            host.Add(Stats(centres));
            using var deviceSource = Source(data, chunk: 20_000, seed: 100 + seed);
            device.Add(Stats(Drain(deviceSource).SelectMany(x => x.Centres).ToList()));
        }
        for (var s = 0; s < host[0].Length; s++)
        {
            var (h, d) = (host.Select(r => r[s]).ToArray(), device.Select(r => r[s]).ToArray());
            static double Var(double[] x) => x.Select(v => (v - x.Average()) * (v - x.Average())).Sum() / (x.Length - 1);
            var sigma = Math.Sqrt((Var(h) + Var(d)) / runs);
            Assert.True(Math.Abs(h.Average() - d.Average()) < 4 * sigma + 1e-12,
                $"statistic {s}: host {h.Average():G6}, device {d.Average():G6}, σ {sigma:G3}");
        }
    }

    [Fact]
    public void TheSameSeedGivesTheSameBatchesAndAnotherSeedDoesNot()
    {
        var corpus = ZipfLines(20_000);
        using var data = new DeviceCorpus(corpus, 1e-3, TestDevice, noiseTableSize: 10_000);
        using var a = Source(data, chunk: 6_000, seed: 5);
        using var b = Source(data, chunk: 6_000, seed: 5);
        using var c = Source(data, chunk: 6_000, seed: 6);
        var (x, y, z) = (Drain(a), Drain(b), Drain(c));
        Assert.Equal(x.Count, y.Count);
        for (var i = 0; i < x.Count; i++) x[i].AssertEqual(y[i]);
        Assert.NotEqual(x[0].Centres, z[0].Centres);
    }

    [Fact]
    public void ASavedStateResumesExactlyAcrossEpochs()
    {
        var corpus = ZipfLines(20_000);
        using var data = new DeviceCorpus(corpus, 1e-3, TestDevice, noiseTableSize: 10_000);
        using var original = Source(data, chunk: 6_000, epochs: 3);
        var all = Drain(original);
        Assert.Equal(12, all.Count);   // 4 chunks an epoch
        Assert.Equal(new long[] { 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2 }, all.Select(b => b.Epoch));
        Assert.Equal(3 * corpus.TokenCount, all[^1].WordsProcessed);
        Assert.NotEqual(all[0].Centres, all[4].Centres);   // each epoch draws anew

        foreach (var stopAfter in new[] { 0, 3, 4, 9 })
        {
            using var first = Source(data, chunk: 6_000, epochs: 3);
            Drain(first, stopAfter);
            var state = first.GetState();
            using var resumed = Source(data, chunk: 6_000, epochs: 3);
            Drain(resumed, 2);   // wherever it was, the state puts it back
            resumed.SetState(state);
            var rest = Drain(resumed);
            Assert.Equal(all.Count - stopAfter, rest.Count);
            for (var i = 0; i < rest.Count; i++) all[stopAfter + i].AssertEqual(rest[i]);
        }
    }

    [Fact]
    public void AStateFromAnotherSourceIsRefused()
    {
        var corpus = ZipfLines(5_000);
        using var data = new DeviceCorpus(corpus, 1e-3, TestDevice, noiseTableSize: 10_000);
        using var source = Source(data, chunk: 1_000, epochs: 2);
        var state = source.GetState();
        using var otherChunk = Source(data, chunk: 2_000, epochs: 2);
        Assert.Throws<ArgumentException>(() => otherChunk.SetState(state));
        using var otherWindow = Source(data, chunk: 1_000, epochs: 2, window: 4);
        Assert.Throws<ArgumentException>(() => otherWindow.SetState(state));
        var hostState = new TextBatchSource(corpus, Window, K, false, 1e-3, 100, new RandomSource(1)).GetState();
        Assert.Contains("host pipeline", Assert.Throws<ArgumentException>(() => source.SetState(hostState)).Message);
        var damaged = (ulong[])state.Clone();
        damaged[6] = 1_000_000;
        Assert.Throws<ArgumentException>(() => source.SetState(damaged));
    }

    [Fact]
    public void ChunkSeedsDifferForEveryChunkAndEpochInTheirLow32Bits()
    {
        var seen = new HashSet<uint>();
        for (var epoch = 0; epoch < 4; epoch++)
            for (long start = 0; start < 2_000_000; start += 10_000)
            {
                var s = DeviceBatchSource.ChunkSeed(1, epoch, start);
                Assert.True(s >= 0);
                Assert.True(seen.Add((uint)s));
            }
        Assert.NotEqual(DeviceBatchSource.ChunkSeed(1, 0, 0), DeviceBatchSource.ChunkSeed(2, 0, 0));
    }
}
