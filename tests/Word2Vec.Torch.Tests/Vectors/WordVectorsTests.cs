using Word2Vec.Torch.Evaluation;
using Word2Vec.Torch.Vectors;

namespace Word2Vec.Torch.Tests.Vectors;

public class WordVectorsTests
{
    // cat·kitten ≈ 0.994, cat·dog ≈ 0.707, cat·truck ≈ 0.055, cat·car = 0.
    internal static WordVectors Animals() => WordVectors.FromMatrix(
        new[] { "cat", "kitten", "dog", "car", "truck" },
        new[]
        {
            1f, 0f, 0f,
            0.9f, 0.1f, 0f,
            0.7f, 0.7f, 0f,
            0f, 0f, 1f,
            0.05f, 0.1f, 0.9f,
        });

    [Fact]
    public void FromMatrixKeepsWordsOrderAndValues()
    {
        using var v = Animals();
        Assert.Equal(5, v.Count);
        Assert.Equal(3, v.Dimension);
        Assert.Equal(new[] { "cat", "kitten", "dog", "car", "truck" }, v.Words);
        Assert.Equal(2, v.IndexOf("dog"));
        Assert.True(v.Contains("car"));
        Assert.False(v.Contains("Car"));
        Assert.Equal(new[] { 0.7f, 0.7f, 0f }, v.GetVector("dog"));
        Assert.Null(v.Counts);
        Assert.Equal("cpu", v.Device.ToString());
    }

    [Fact]
    public void FromMatrixRejectsDuplicatesBadShapesAndWhitespace()
    {
        var dup = Assert.Throws<ArgumentException>(() => WordVectors.FromMatrix(new[] { "a", "b", "a" }, new float[6]));
        Assert.Contains("'a'", dup.Message);
        Assert.Throws<ArgumentException>(() => WordVectors.FromMatrix(new[] { "a", "b" }, new float[5]));
        Assert.Throws<ArgumentException>(() => WordVectors.FromMatrix(new[] { "a b" }, new float[2]));
        Assert.Throws<ArgumentException>(() => WordVectors.FromMatrix(new[] { "a" }, new float[2], counts: new long[] { 1, 2 }));
    }

    [Fact]
    public void FromTensorCopiesTheMatrix()
    {
        using var m = TorchSharp.torch.tensor(new double[] { 1, 2, 3, 4 }, new long[] { 2, 2 });
        using var v = WordVectors.FromMatrix(new[] { "x", "y" }, m, counts: new long[] { 5, 3 });
        Assert.Equal(TorchSharp.torch.ScalarType.Float32, v.Vectors.dtype);
        Assert.Equal(new[] { 3f, 4f }, v.GetVector("y"));
        Assert.Equal(new long[] { 5, 3 }, v.Counts);
    }

    [Fact]
    public void NormalizedRowsHaveUnitLengthAndZeroRowsStayZero()
    {
        using var v = WordVectors.FromMatrix(new[] { "a", "b" }, new[] { 3f, 4f, 0f, 0f });
        var n = v.Normalized.data<float>().ToArray();
        Assert.Equal(new[] { 0.6f, 0.8f, 0f, 0f }, n);
        Assert.Same(v.Normalized, v.Normalized);
    }

    [Fact]
    public void SimilarityIsTheCosine()
    {
        using var v = Animals();
        Assert.Equal(0.9 / Math.Sqrt(0.82), v.Similarity("cat", "kitten"), 6);
        Assert.Equal(0.0, v.Similarity("cat", "car"), 6);
        Assert.Equal(1.0, v.Similarity("dog", "dog"), 6);
    }

    [Fact]
    public void MostSimilarReturnsNeighboursInOrderWithoutTheQuery()
    {
        using var v = Animals();
        var all = v.MostSimilar("cat", topn: 10);
        Assert.Equal(new[] { "kitten", "dog", "truck", "car" }, all.Select(n => n.Word));
        Assert.Equal(0.9 / Math.Sqrt(0.82), all[0].Similarity, 5);
        Assert.True(all.Zip(all.Skip(1)).All(p => p.First.Similarity >= p.Second.Similarity));

        var two = v.MostSimilar(new[] { "cat" }, topn: 2);
        Assert.Equal(new[] { "kitten", "dog" }, two.Select(n => n.Word));

        // Positive and negative words: car − cat points away from the animals.
        var away = v.MostSimilar(new[] { "car" }, new[] { "cat" }, topn: 3);
        Assert.Equal(new[] { "truck", "dog", "kitten" }, away.Select(n => n.Word));

        // Restricted to the first three words: only kitten and dog are candidates.
        var restricted = v.MostSimilar(new[] { "cat" }, topn: 10, restrictVocab: 3);
        Assert.Equal(new[] { "kitten", "dog" }, restricted.Select(n => n.Word));
    }

    [Fact]
    public void UnknownWordsAreNamedInAKeyNotFoundException()
    {
        using var v = Animals();
        var e = Assert.Throws<KeyNotFoundException>(() => v.MostSimilar(new[] { "cat", "unicorn" }, new[] { "griffin" }));
        Assert.Contains("'unicorn'", e.Message);
        Assert.Contains("'griffin'", e.Message);
        Assert.Throws<KeyNotFoundException>(() => v.Similarity("cat", "Cat"));
        Assert.Throws<KeyNotFoundException>(() => v.GetVector("horse"));
    }

    [Fact]
    public void CaseInsensitiveLookupPrefersTheMostFrequentSpelling()
    {
        using var v = WordVectors.FromMatrix(new[] { "paris", "Paris", "PARIS", "Rome" }, new float[8]);
        Assert.True(v.CaseInsensitive.TryGetIndex("PaRiS", out var i));
        Assert.Equal(0, i);
        Assert.True(v.CaseInsensitive.TryGetIndex("rome", out var j));
        Assert.Equal(3, j);
        Assert.Equal(new long[] { 0, 0, 0, 3 }, v.CaseInsensitive.Canonical);
    }
}
