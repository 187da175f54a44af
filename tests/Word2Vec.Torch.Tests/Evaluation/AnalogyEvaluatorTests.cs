using Word2Vec.Torch.Evaluation;
using Word2Vec.Torch.Vectors;

namespace Word2Vec.Torch.Tests.Evaluation;

public class AnalogyEvaluatorTests
{
    // An exact parallelogram in 8 dimensions: royalty e1/e2 × gender e3/e4, size e5/e6 × degree e7/e8.
    // woman − man + king = queen and bigger − big + small = smaller exactly; "apple" is a distractor.
    private static readonly (string Word, int[] Axes)[] Words =
    {
        ("man", new[] { 0, 2 }), ("woman", new[] { 0, 3 }), ("king", new[] { 1, 2 }), ("queen", new[] { 1, 3 }),
        ("big", new[] { 4, 6 }), ("bigger", new[] { 4, 7 }), ("small", new[] { 5, 6 }), ("smaller", new[] { 5, 7 }),
        ("apple", new[] { 0, 1, 4, 5 }),
    };

    internal static WordVectors Parallelogram()
    {
        var all = Words;
        var m = new float[all.Length * 8];
        for (var i = 0; i < all.Length; i++)
            foreach (var a in all[i].Axes) m[i * 8 + a] = 1f;
        return WordVectors.FromMatrix(all.Select(w => w.Word).ToArray(), m);
    }

    private static AnalogyQuestionSet Questions(string text) => AnalogyQuestionSet.Parse(new StringReader(text), "test");

    private const string Mixed = """
        : family
        man woman king queen
        king queen man woman
        Man Woman King Queen
        man woman king unicorn
        : gram3-comparative
        big bigger small smaller
        small smaller big bigger
        big bigger small apple
        """;

    [Fact]
    public void AnExactParallelogramScoresHundredPercentWithBothMethods()
    {
        using var v = Parallelogram();
        var set = Questions("""
            : family
            man woman king queen
            woman man queen king
            king queen man woman
            : gram3-comparative
            big bigger small smaller
            bigger big smaller small
            """);
        var results = new AnalogyEvaluator(v).Evaluate(set);
        Assert.Equal(new[] { AnalogyMethod.CosAdd, AnalogyMethod.CosMul }, results.Select(r => r.Method));
        foreach (var r in results)
        {
            Assert.Equal(1.0, r.Total.Accuracy);
            Assert.Equal(new AnalogyScore(3, 3, 0), r.Semantic);
            Assert.Equal(new AnalogyScore(2, 2, 0), r.Syntactic);
        }
    }

    [Fact]
    public void SectionsSemanticSyntacticAndSkippedQuestionsAreCounted()
    {
        using var v = Parallelogram();
        foreach (var r in new AnalogyEvaluator(v).Evaluate(Questions(Mixed)))
        {
            Assert.Equal(2, r.Sections.Count);
            Assert.Equal(new AnalogySectionResult("family", true, new AnalogyScore(3, 3, 1)), r.Sections[0]);
            Assert.Equal(new AnalogySectionResult("gram3-comparative", false, new AnalogyScore(2, 3, 0)), r.Sections[1]);
            Assert.Equal(new AnalogyScore(3, 3, 1), r.Semantic);
            Assert.Equal(new AnalogyScore(2, 3, 0), r.Syntactic);
            Assert.Equal(new AnalogyScore(5, 6, 1), r.Total);
            Assert.Equal(5.0 / 6, r.Total.Accuracy, 12);
            Assert.Equal(7, r.Total.Total);
            Assert.Equal(9, r.RestrictVocab);
        }
    }

    [Fact]
    public void TheVocabularyRestrictionSkipsRareWords()
    {
        using var v = Parallelogram();
        var r = new AnalogyEvaluator(v, restrictVocab: 4).Evaluate(Questions(Mixed), AnalogyMethod.CosAdd).Single();
        Assert.Equal(new AnalogyScore(3, 3, 1), r.Semantic);
        Assert.Equal(new AnalogyScore(0, 0, 3), r.Syntactic);
        Assert.True(double.IsNaN(r.Syntactic.Accuracy));
    }

    [Fact]
    public void PredictionsExcludeEverySpellingOfTheQuestionWords()
    {
        // "WOMAN" sits exactly where queen does and comes before it, so argmax would pick it; as a
        // spelling of a question word it must not be the answer.
        var words = new[] { "man", "woman", "king", "WOMAN", "queen" };
        var m = new[]
        {
            1f, 0f, 1f, 0f,
            1f, 0f, 0f, 1f,
            0f, 1f, 1f, 0f,
            0f, 1f, 0f, 1f,
            0f, 1f, 0f, 1f,
        };
        using var v = WordVectors.FromMatrix(words, m);
        var set = Questions(": family\nman woman king queen\nman woman king unicorn\n");
        var evaluator = new AnalogyEvaluator(v);
        Assert.Equal(new[] { "queen", null }, evaluator.Predict(set, AnalogyMethod.CosAdd));
        Assert.Equal(new[] { "queen", null }, evaluator.Predict(set, AnalogyMethod.CosMul));
    }

    [Fact]
    public void BatchSizeAndTheCosineTableDoNotChangeTheAnswers()
    {
        using var v = Parallelogram();
        var set = Questions(Mixed);
        var reference = new AnalogyEvaluator(v, batchSize: 1000).Evaluate(set);
        foreach (var other in new[]
        {
            new AnalogyEvaluator(v, batchSize: 1),
            new AnalogyEvaluator(v, batchSize: 2) { TableLimit = 0 },
        })
        {
            var results = other.Evaluate(set);
            for (var k = 0; k < 2; k++)
            {
                Assert.Equal(reference[k].Total, results[k].Total);
                Assert.Equal(reference[k].Sections, results[k].Sections);
            }
        }
    }

    [Fact]
    public void CosMulPrefersBalancedCandidatesWhereCosAddDoesNot()
    {
        // a = e3, b = e1, c = e2. x1 ∥ b: cos(x1, b) = 1, cos(x1, c) = cos(x1, a) = 0.
        // x2: cos(x2, b) = cos(x2, c) = 0.45, cos(x2, a) = 0.
        // 3CosAdd: x1 1.0 > x2 0.9.  3CosMul: x1 1·0.5/0.501 ≈ 0.998 < x2 0.725²/0.501 ≈ 1.049.
        var z = (float)Math.Sqrt(1 - 2 * 0.45 * 0.45);
        var words = new[] { "a", "b", "c", "x1", "x2" };
        var m = new[]
        {
            0f, 0f, 1f, 0f,
            1f, 0f, 0f, 0f,
            0f, 1f, 0f, 0f,
            2f, 0f, 0f, 0f,
            0.45f, 0.45f, 0f, z,
        };
        using var v = WordVectors.FromMatrix(words, m);
        var set = Questions(": s\na b c x2\n");
        var evaluator = new AnalogyEvaluator(v);
        Assert.Equal("x1", evaluator.Predict(set, AnalogyMethod.CosAdd)[0]);
        Assert.Equal("x2", evaluator.Predict(set, AnalogyMethod.CosMul)[0]);
    }

    [Fact]
    public void BatchedAnswersEqualAOneQuestionAtATimeReference()
    {
        // Random vectors, case variants, a vocabulary restriction, random questions: the batched
        // tensor evaluation must give the answers of a plain double-precision loop.
        var random = new Random(17);
        const int n = 200, d = 10, restrict = 150;
        var words = Enumerable.Range(0, n).Select(i => i % 25 == 24 ? $"W{i - 20}" : $"w{i}").ToArray();
        using var v = WordVectors.FromMatrix(words, Enumerable.Range(0, n * d).Select(_ => (float)(random.NextDouble() - 0.5)).ToArray());
        var text = ": s\n" + string.Join("\n", Enumerable.Range(0, 300).Select(_ => string.Join(" ", Enumerable.Range(0, 4).Select(_ => words[random.Next(n)]))));
        var set = Questions(text);

        var unit = v.Normalized.data<float>().ToArray();
        var vocabulary = new CaseInsensitiveVocabulary(words, restrict);
        double Cos(long x, long y) => Enumerable.Range(0, d).Sum(j => (double)unit[x * d + j] * unit[y * d + j]);
        string? Reference(AnalogyQuestion q, AnalogyMethod method)
        {
            var ids = new[] { q.A, q.B, q.C, q.D }.Select(w => vocabulary.TryGetIndex(w, out var i) ? i : -1).ToArray();
            if (ids.Contains(-1)) return null;
            var (best, bestScore) = (-1, double.NegativeInfinity);
            for (var x = 0; x < restrict; x++)
            {
                if (ids.Take(3).Contains((int)vocabulary.Canonical[x])) continue;
                double ca = Cos(x, ids[0]), cb = Cos(x, ids[1]), cc = Cos(x, ids[2]);
                var score = method == AnalogyMethod.CosAdd
                    ? cb - ca + cc
                    : (cb + 1) / 2 * ((cc + 1) / 2) / ((ca + 1) / 2 + AnalogyEvaluator.CosMulEpsilon);
                if (score > bestScore) (best, bestScore) = (x, score);
            }
            return words[best];
        }

        foreach (var method in new[] { AnalogyMethod.CosAdd, AnalogyMethod.CosMul })
        {
            var expected = set.Questions.Select(q => Reference(q, method)).ToList();
            Assert.Contains(null, expected);
            Assert.True(expected.Count(e => e is not null) > 50);
            Assert.Equal(expected, new AnalogyEvaluator(v, restrict, batchSize: 7).Predict(set, method));
            Assert.Equal(expected, new AnalogyEvaluator(v, restrict, batchSize: 64) { TableLimit = 0 }.Predict(set, method));
        }
    }

    /// <summary>The analogy command's queries (<see cref="WordVectors.MostSimilar(string[], string[], int, int?)"/>,
    /// <see cref="WordVectors.MostSimilarCosMul"/>) and the evaluation's batched answers are the same answers; where
    /// they differ, the two words score the same within float rounding.</summary>
    [Fact]
    public void TheAnalogyQueriesOfWordVectorsGiveTheEvaluationsAnswers()
    {
        var random = new Random(31);
        const int n = 150, d = 12, restrict = 120;
        var words = Enumerable.Range(0, n).Select(i => $"w{i}").ToArray();
        using var v = WordVectors.FromMatrix(words, Enumerable.Range(0, n * d).Select(_ => (float)(random.NextDouble() - 0.5)).ToArray());
        var questions = Enumerable.Range(0, 200).Select(_ => Enumerable.Range(0, 4).Select(_ => words[random.Next(restrict)]).ToArray()).ToList();
        var set = Questions(": s\n" + string.Join("\n", questions.Select(q => string.Join(" ", q))));
        var unit = v.Normalized.data<float>().ToArray();
        double Cos(string x, string y) => Enumerable.Range(0, d).Sum(j => (double)unit[v.IndexOf(x) * d + j] * unit[v.IndexOf(y) * d + j]);
        foreach (var method in new[] { AnalogyMethod.CosAdd, AnalogyMethod.CosMul })
        {
            var evaluated = new AnalogyEvaluator(v, restrict).Predict(set, method);
            var agree = 0;
            for (var q = 0; q < questions.Count; q++)
            {
                var (a, b, c) = (questions[q][0], questions[q][1], questions[q][2]);
                var queried = (method == AnalogyMethod.CosMul
                    ? v.MostSimilarCosMul(new[] { b, c }, new[] { a }, 1, restrict)
                    : v.MostSimilar(new[] { b, c }, new[] { a }, 1, restrict))[0].Word;
                double Score(string x) => method == AnalogyMethod.CosMul
                    ? (Cos(x, b) + 1) / 2 * ((Cos(x, c) + 1) / 2) / ((Cos(x, a) + 1) / 2 + WordVectors.CosMulEpsilon)
                    : Cos(x, b) - Cos(x, a) + Cos(x, c);
                if (queried == evaluated[q]) agree++;
                else Assert.Equal(Score(evaluated[q]!), Score(queried), 5);
            }
            Assert.True(agree >= 195, $"{method}: {agree} of {questions.Count} answers agree");
        }
    }
}
