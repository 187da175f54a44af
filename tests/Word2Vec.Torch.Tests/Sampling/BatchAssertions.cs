using Word2Vec.Torch.Data;
using Word2Vec.Torch.Sampling;

namespace Word2Vec.Torch.Tests.Sampling;

/// <summary>A copy of a batch's used part, for comparing batches.</summary>
public sealed record BatchSnapshot(int Count, int Width, int K, long[] Inputs, float[] Mask, long[] Targets, long[] Negatives, int Windows, long WordsProcessed)
{
    public static BatchSnapshot Of(TrainingBatch b) => new(b.Count, b.Width, b.NegativesPerExample,
        b.Inputs[..(b.Count * b.Width)], b.InputMask[..(b.Count * b.Width)], b.Targets[..b.Count],
        b.Negatives[..(b.Count * b.NegativesPerExample)], b.Windows, b.WordsProcessed);

    public static List<BatchSnapshot> Take(IBatchSource<TrainingBatch> source, int n)
    {
        var batch = new TrainingBatch();
        var list = new List<BatchSnapshot>();
        for (var i = 0; i < n && source.NextBatch(batch); i++)
            list.Add(Of(batch));
        return list;
    }
}

public static class BatchAssertions
{
    public static void Equal(IReadOnlyList<BatchSnapshot> expected, IReadOnlyList<BatchSnapshot> actual)
    {
        Assert.Equal(expected.Count, actual.Count);
        for (var i = 0; i < expected.Count; i++)
        {
            var (e, a) = (expected[i], actual[i]);
            Assert.Equal(e.Count, a.Count);
            Assert.Equal(e.Width, a.Width);
            Assert.Equal(e.K, a.K);
            Assert.Equal(e.Inputs, a.Inputs);
            Assert.Equal(e.Mask, a.Mask);
            Assert.Equal(e.Targets, a.Targets);
            Assert.Equal(e.Negatives, a.Negatives);
            Assert.Equal(e.Windows, a.Windows);
            Assert.Equal(e.WordsProcessed, a.WordsProcessed);
        }
    }

    /// <summary>The contract every batch keeps.</summary>
    public static void Valid(TrainingBatch b, int width, int k, int vocabularySize)
    {
        Assert.Equal(width, b.Width);
        Assert.Equal(k, b.NegativesPerExample);
        Assert.True(b.Count > 0);
        Assert.True(b.Inputs.Length >= b.Count * width && b.InputMask.Length >= b.Count * width);
        Assert.True(b.Targets.Length >= b.Count && b.Negatives.Length >= b.Count * k);
        Assert.True(b.Windows > 0);
        for (var i = 0; i < b.Count; i++)
        {
            Assert.InRange(b.Targets[i], 0, vocabularySize - 1);
            var real = 0;
            for (var j = 0; j < width; j++)
            {
                var m = b.InputMask[i * width + j];
                Assert.True(m == 1f || m == 0f);
                if (m == 1f)
                {
                    Assert.Equal(j, real);   // real inputs first, padding after
                    real++;
                    Assert.InRange(b.Inputs[i * width + j], 0, vocabularySize - 1);
                }
                else
                    Assert.Equal(0, b.Inputs[i * width + j]);
            }
            Assert.True(real >= 1);
            for (var n = 0; n < k; n++)
            {
                var neg = b.Negatives[i * k + n];
                Assert.InRange(neg, 0, vocabularySize - 1);
                Assert.NotEqual(b.Targets[i], neg);
            }
        }
    }
}
