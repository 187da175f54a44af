using System.IO.Compression;
using System.Text;
using TorchSharp;
using Word2Vec.Torch.Data;
using Word2Vec.Torch.Engines.OnDevice;
using Word2Vec.Torch.Sampling;
using Word2Vec.Torch.Tests.Data;
using Word2Vec.Torch.Training;
using static TorchSharp.torch;

namespace Word2Vec.Torch.Tests.Engines.OnDevice;

/// <summary>Corpora and host copies of device batches for the device-pipeline tests (all on the CPU device).</summary>
public static class DeviceTestData
{
    /// <summary>A corpus whose token at position i is word i (count 1 each, so never subsampled): ids give positions back.</summary>
    public static TextCorpus Positional(IReadOnlyList<int> sentenceLengths)
    {
        var n = sentenceLengths.Sum();
        var vocabulary = new Vocabulary(Enumerable.Range(0, n).Select(i => "p" + i).ToList(), Enumerable.Repeat(1L, n).ToList());
        var ends = new List<int>();
        foreach (var length in sentenceLengths)
            ends.Add((ends.Count == 0 ? 0 : ends[^1]) + length);
        return new TextCorpus(vocabulary, Enumerable.Range(0, n).ToArray(), ends.ToArray());
    }

    /// <summary>Zipf words ("the" is id 0, about 16 % of the tokens) in lines of 1–40 words.</summary>
    public static TextCorpus ZipfLines(int words, ulong seed = 3)
    {
        var list = TextFiles.ZipfWords(words, seed: seed);
        var counter = new WordCounter();
        list.ForEach(w => counter.Add(w));
        var vocabulary = Vocabulary.ByFrequency(counter);
        var rng = new RandomSource(seed);
        var ends = new List<int>();
        for (var i = 0; i < list.Count;)
        {
            i = Math.Min(list.Count, i + rng.NextInt(1, 40));
            ends.Add(i);
        }
        return new TextCorpus(vocabulary, list.Select(vocabulary.GetId).ToArray(), ends.ToArray());
    }

    /// <summary>For each position, the index of its sentence.</summary>
    public static int[] SentenceOf(TextCorpus corpus)
    {
        var (tokens, ends) = corpus.ToArrays();
        var of = new int[tokens.Length];
        for (int s = 0, start = 0; s < ends.Length; start = ends[s], s++)
            Array.Fill(of, s, start, ends[s] - start);
        return of;
    }

    /// <summary>The first <paramref name="bytes"/> bytes of the text8-style Wikipedia corpus (cut at a
    /// space), written to <paramref name="path"/>: real text for short training runs.</summary>
    public static void WriteText8Slice(string path, int bytes)
    {
        using var zip = ZipFile.OpenRead(TestData.Path("corpus", "wiki2015-text8style.zip"));
        using var stream = zip.Entries[0].Open();
        var buffer = new byte[bytes];
        var n = 0;
        while (n < bytes && stream.Read(buffer, n, bytes - n) is var r and > 0) n += r;
        var text = Encoding.ASCII.GetString(buffer, 0, n);
        File.WriteAllText(path, text[..text.LastIndexOf(' ')], new UTF8Encoding(false));
    }

    public static long[] L(Tensor t) => t.cpu().data<long>().ToArray();

    /// <summary>The source's next batch, or null at the end (its tensors in the caller's dispose scope, if any).</summary>
    public static DeviceBatch? Next(DeviceBatchSource source)
    {
        var batch = new DeviceBatch();
        return source.NextBatch(batch) ? batch : null;
    }

    /// <summary>Every batch of one run of a source, copied to the host.</summary>
    public static List<BatchCopy> Drain(DeviceBatchSource source, int max = int.MaxValue)
    {
        var list = new List<BatchCopy>();
        for (var i = 0; i < max; i++)
        {
            using var scope = torch.NewDisposeScope();
            var b = Next(source);
            if (b is null) break;
            list.Add(BatchCopy.Of(b));
        }
        return list;
    }
}

/// <summary>A device batch's tensors as host arrays.</summary>
public sealed record BatchCopy(long[] Centres, long[] Outsides, long[] Negatives, int K, long[] CentrePositions, long[] OutsidePositions,
    long[] KeptPositions, float[] Mask, long ChunkStart, long ChunkEnd, long Epoch, long WordsProcessed)
{
    public int Count => Centres.Length;

    public static BatchCopy Of(DeviceBatch b)
    {
        Assert.Equal(new[] { (long)b.Count, 1L }, b.Inputs.shape);
        Assert.Equal(new[] { (long)b.Count, 1L }, b.InputMask.shape);
        Assert.Equal(new[] { (long)b.Count }, b.Targets.shape);
        Assert.Equal(b.Count, b.Negatives.shape[0]);
        Assert.Equal(new[] { b.KeptWords }, b.KeptPositions.shape);
        foreach (var t in new[] { b.Inputs, b.Targets, b.Negatives, b.CenterPositions, b.OutsidePositions, b.KeptPositions })
            Assert.Equal(ScalarType.Int64, t.dtype);
        return new BatchCopy(DeviceTestData.L(b.Inputs), DeviceTestData.L(b.Targets), DeviceTestData.L(b.Negatives), (int)b.Negatives.shape[1],
            DeviceTestData.L(b.CenterPositions), DeviceTestData.L(b.OutsidePositions), DeviceTestData.L(b.KeptPositions),
            b.InputMask.cpu().to(ScalarType.Float32).data<float>().ToArray(), b.ChunkStart, b.ChunkEnd, b.Epoch, b.WordsProcessed);
    }

    public void AssertEqual(BatchCopy other)
    {
        Assert.Equal(Centres, other.Centres);
        Assert.Equal(Outsides, other.Outsides);
        Assert.Equal(Negatives, other.Negatives);
        Assert.Equal(KeptPositions, other.KeptPositions);
        Assert.Equal((ChunkStart, ChunkEnd, Epoch, WordsProcessed), (other.ChunkStart, other.ChunkEnd, other.Epoch, other.WordsProcessed));
    }
}
