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
    public void FromMatrixRejectsWhatNoFileCouldHold()
    {
        var nan = Assert.Throws<ArgumentException>(() => WordVectors.FromMatrix(new[] { "a", "b" }, new[] { 1f, 2f, 3f, float.NaN }));
        Assert.Contains("word #1 'b': value 2 is NaN", nan.Message);
        using var infinite = TorchSharp.torch.tensor(new[] { 1f, float.PositiveInfinity, 3f, 4f }, new long[] { 2, 2 });
        Assert.Contains("word #0 'a': value 2 is Infinity", Assert.Throws<ArgumentException>(() => WordVectors.FromMatrix(new[] { "a", "b" }, infinite)).Message);
        using var noColumns = TorchSharp.torch.zeros(2, 0);
        Assert.Throws<ArgumentException>(() => WordVectors.FromMatrix(new[] { "a", "b" }, noColumns));
        using var noRows = TorchSharp.torch.zeros(0, 3);
        Assert.Throws<ArgumentException>(() => WordVectors.FromMatrix(Array.Empty<string>(), noRows));
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
        Assert.Equal(restricted, v.MostSimilar("cat", topn: 10, restrictVocab: 3));
        // A restriction to no word at all is a mistake, not an empty answer.
        Assert.Equal("restrictVocab", Assert.Throws<ArgumentOutOfRangeException>(() => v.MostSimilar("cat", restrictVocab: 0)).ParamName);
        Assert.Equal("restrictVocab", Assert.Throws<ArgumentOutOfRangeException>(() => new SimilarityEvaluator(v, restrictVocab: 0)).ParamName);
    }

    [Fact]
    public void SimilarByVectorRanksEveryWordByCosineToTheVector()
    {
        using var v = Animals();
        // Between cat and car: (1, 0, 1) is at 45° from both; the query word is not left out (there is none).
        var near = v.SimilarByVector(new[] { 2f, 0f, 2f }, topn: 5);
        Assert.Equal(5, near.Count);
        Assert.Equal(Math.Sqrt(0.5), near.Single(n => n.Word == "cat").Similarity, 5);
        Assert.Equal(Math.Sqrt(0.5), near.Single(n => n.Word == "car").Similarity, 5);
        Assert.Equal("truck", near[0].Word);   // (0.05, 0.1, 0.9): cos ≈ 0.74
        // A word's own vector finds the word first, at cosine 1.
        var dog = v.SimilarByVector(v.GetVector("dog"), topn: 2, restrictVocab: 3);
        Assert.Equal(new[] { "dog", "kitten" }, dog.Select(n => n.Word));
        Assert.Equal(1.0, dog[0].Similarity, 5);
        Assert.Throws<ArgumentException>(() => v.SimilarByVector(new[] { 1f, 0f }));
        Assert.Throws<ArgumentException>(() => v.SimilarByVector(new[] { 0f, 0f, 0f }));
        Assert.Equal("dog", v.SimilarByVector(new[] { 1e-30f, 1e-30f, 0f }, topn: 1)[0].Word);   // its float32 norm would be 0
        Assert.Throws<ArgumentException>(() => v.SimilarByVector(new[] { float.NaN, 0f, 1f }));
    }

    /// <summary>With positive b, c and negative a, <see cref="WordVectors.MostSimilar(string[], string[], int, int?)"/> and
    /// <see cref="WordVectors.MostSimilarCosMul"/> answer a : b :: c : ? as 3CosAdd and 3CosMul do (the analogy
    /// evaluation's formulas, in a plain double-precision loop over the candidates); questions whose best two
    /// candidates are closer than float rounding can tell apart are left out.</summary>
    [Fact]
    public void AnalogyQueriesGiveTheAnswersOf3CosAddAnd3CosMul()
    {
        var random = new Random(23);
        const int n = 120, d = 8, restrict = 90;
        var words = Enumerable.Range(0, n).Select(i => $"w{i}").ToArray();
        using var v = WordVectors.FromMatrix(words, Enumerable.Range(0, n * d).Select(_ => (float)(random.NextDouble() - 0.5)).ToArray());
        var unit = v.Normalized.data<float>().ToArray();
        double Cos(int x, int y) => Enumerable.Range(0, d).Sum(j => (double)unit[x * d + j] * unit[y * d + j]);
        double S(int x, int y) => (Cos(x, y) + 1) / 2;

        var compared = 0;
        for (var q = 0; q < 200; q++)
        {
            var (a, b, c) = (random.Next(n), random.Next(n), random.Next(n));
            var cosMul = q % 2 == 1;
            var limit = q % 3 == 0 ? restrict : n;
            var scores = Enumerable.Range(0, limit).Where(x => x != a && x != b && x != c)
                .Select(x => (x, score: cosMul ? S(x, b) * S(x, c) / (S(x, a) + WordVectors.CosMulEpsilon) : Cos(x, b) - Cos(x, a) + Cos(x, c)))
                .OrderByDescending(p => p.score).ToList();
            if (scores[0].score - scores[1].score < 1e-4) continue;
            var query = (new[] { words[b], words[c] }, new[] { words[a] });
            var answers = cosMul ? v.MostSimilarCosMul(query.Item1, query.Item2, 3, limit) : v.MostSimilar(query.Item1, query.Item2, 3, limit);
            Assert.Equal(words[scores[0].x], answers[0].Word);
            Assert.DoesNotContain(answers, w => w.Word == words[a] || w.Word == words[b] || w.Word == words[c]);
            if (cosMul) Assert.Equal(scores[0].score, answers[0].Similarity, tolerance: 1e-5 * scores[0].score);   // the ratio itself
            compared++;
        }
        Assert.True(compared > 150, $"only {compared} questions without a near tie");
    }

    [Fact]
    public void CosMulOfOneWordRanksAsItsCosine()
    {
        // One positive word: s(x, p) / (1 + ε) orders as cos(x, p); one negative word: 1 / (s(x, n) + ε) as −cos(x, n).
        using var v = Animals();
        Assert.Equal(v.MostSimilar("cat").Select(w => w.Word), v.MostSimilarCosMul(new[] { "cat" }).Select(w => w.Word));
        Assert.Equal(new[] { "car", "truck", "cat", "kitten" }, v.MostSimilarCosMul(Array.Empty<string>(), new[] { "dog" }).Select(w => w.Word));
        Assert.Throws<KeyNotFoundException>(() => v.MostSimilarCosMul(new[] { "cat", "unicorn" }));
        Assert.Throws<ArgumentException>(() => v.MostSimilarCosMul(Array.Empty<string>()));
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
