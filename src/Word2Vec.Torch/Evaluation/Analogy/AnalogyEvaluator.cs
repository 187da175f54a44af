using TorchSharp;
using static TorchSharp.torch;

namespace Word2Vec.Torch.Evaluation;

/// <summary>
/// Word analogies as word2vec.c's compute-accuracy does them: questions and vocabulary
/// lower-cased, candidates restricted to the <see cref="RestrictVocab"/> most frequent words (a
/// question with a word outside them is skipped and counted), the question's three words never
/// an answer. Questions are answered in batches: for a chunk of B questions the cosines of a, b
/// and c with every candidate are three [B, V] matrix products, scored by 3CosAdd or 3CosMul and
/// reduced with argmax, on the vectors' device.
/// </summary>
public sealed class AnalogyEvaluator
{
    public const int DefaultRestrictVocab = 30_000;
    public const int DefaultBatchSize = 128;

    /// <summary>3CosMul's ε (Levy &amp; Goldberg 2014).</summary>
    public const double CosMulEpsilon = 0.001;

    private readonly WordVectors _vectors;
    private readonly CaseInsensitiveVocabulary _vocabulary;

    /// <param name="vectors">The vectors, most frequent word first.</param>
    /// <param name="restrictVocab">Only the first this many words are used (word2vec.c's threshold).</param>
    /// <param name="batchSize">Questions per chunk of matrix products.</param>
    public AnalogyEvaluator(WordVectors vectors, int restrictVocab = DefaultRestrictVocab, int batchSize = DefaultBatchSize)
    {
        ArgumentNullException.ThrowIfNull(vectors);
        if (restrictVocab < 1) throw new ArgumentOutOfRangeException(nameof(restrictVocab), restrictVocab, "must be at least 1");
        if (batchSize < 1) throw new ArgumentOutOfRangeException(nameof(batchSize), batchSize, "must be at least 1");
        _vectors = vectors;
        RestrictVocab = System.Math.Min(restrictVocab, vectors.Count);
        BatchSize = batchSize;
        _vocabulary = new CaseInsensitiveVocabulary(vectors.Words, RestrictVocab);
    }

    /// <summary>The number of candidate words (the restriction, capped at the vocabulary size).</summary>
    public int RestrictVocab { get; }

    public int BatchSize { get; }

    /// <summary>Scores the questions with each method (both 3CosAdd and 3CosMul when none is given).</summary>
    public IReadOnlyList<AnalogyResult> Evaluate(AnalogyQuestionSet questions, params AnalogyMethod[] methods)
    {
        ArgumentNullException.ThrowIfNull(questions);
        if (methods is null || methods.Length == 0) methods = new[] { AnalogyMethod.CosAdd, AnalogyMethod.CosMul };
        var ids = Lookup(questions.Questions);
        var predictions = Answer(ids, methods);
        return methods.Select((m, k) => Summarise(questions, ids, predictions[k], m)).ToList();
    }

    /// <summary>The answer to each question (its vocabulary spelling), or null for a skipped question.</summary>
    public IReadOnlyList<string?> Predict(AnalogyQuestionSet questions, AnalogyMethod method)
    {
        ArgumentNullException.ThrowIfNull(questions);
        var predictions = Answer(Lookup(questions.Questions), new[] { method })[0];
        return predictions.Select(p => p < 0 ? null : _vectors.Words[(int)p]).ToList();
    }

    /// <summary>The canonical rows of a, b, c and d, or null when a word is outside the restricted vocabulary.</summary>
    private long[]?[] Lookup(IReadOnlyList<AnalogyQuestion> questions)
    {
        var ids = new long[]?[questions.Count];
        for (var q = 0; q < questions.Count; q++)
        {
            var x = questions[q];
            if (_vocabulary.TryGetIndex(x.A, out var a) && _vocabulary.TryGetIndex(x.B, out var b)
                && _vocabulary.TryGetIndex(x.C, out var c) && _vocabulary.TryGetIndex(x.D, out var d))
                ids[q] = new long[] { a, b, c, d };
        }
        return ids;
    }

    /// <summary>For each method, each question's predicted row (−1 when skipped).</summary>
    private long[][] Answer(long[]?[] ids, AnalogyMethod[] methods)
    {
        var predictions = methods.Select(_ => Enumerable.Repeat(-1L, ids.Length).ToArray()).ToArray();
        var answerable = Enumerable.Range(0, ids.Length).Where(q => ids[q] is not null).ToArray();
        if (answerable.Length == 0) return predictions;

        using var scope = torch.NewDisposeScope();
        using var noGrad = torch.no_grad();
        var device = _vectors.Device;
        var candidates = _vectors.Normalized.narrow(0, 0, RestrictVocab);          // E  [V, d]
        var candidatesT = candidates.t();                                          // Eᵀ [d, V]
        var canonical = tensor(_vocabulary.Canonical.ToArray(), device: device).unsqueeze(0); // [1, V]

        for (var start = 0; start < answerable.Length; start += BatchSize)
        {
            using var chunkScope = torch.NewDisposeScope();
            var chunk = answerable.AsSpan(start, System.Math.Min(BatchSize, answerable.Length - start)).ToArray();
            Tensor Column(int k) => tensor(chunk.Select(q => ids[q]![k]).ToArray(), device: device);
            var a = Column(0);
            var b = Column(1);
            var c = Column(2);

            // cos(x, a), cos(x, b), cos(x, c) for every candidate x: [B, V] each.
            var cosA = candidates.index_select(0, a).mm(candidatesT);
            var cosB = candidates.index_select(0, b).mm(candidatesT);
            var cosC = candidates.index_select(0, c).mm(candidatesT);

            // Every spelling of a question word is excluded from its answers.
            var excluded = canonical.eq(a.unsqueeze(1))
                .logical_or(canonical.eq(b.unsqueeze(1)))
                .logical_or(canonical.eq(c.unsqueeze(1)));

            for (var k = 0; k < methods.Length; k++)
            {
                var scores = methods[k] switch
                {
                    AnalogyMethod.CosAdd => cosB.sub(cosA).add(cosC),
                    AnalogyMethod.CosMul => Shift(cosB).mul(Shift(cosC)).div(Shift(cosA).add(CosMulEpsilon)),
                    _ => throw new ArgumentOutOfRangeException(nameof(methods), methods[k], "unknown analogy method"),
                };
                var best = scores.masked_fill(excluded, float.NegativeInfinity).argmax(1);
                var rows = best.cpu().data<long>().ToArray();
                for (var j = 0; j < chunk.Length; j++) predictions[k][chunk[j]] = rows[j];
            }
        }
        return predictions;
    }

    /// <summary>Cosines shifted to [0, 1]: (cos + 1) / 2.</summary>
    private static Tensor Shift(Tensor cosines) => cosines.add(1.0).div(2.0);

    private AnalogyResult Summarise(AnalogyQuestionSet set, long[]?[] ids, long[] predictions, AnalogyMethod method)
    {
        var perSection = set.Sections.ToDictionary(s => s, _ => AnalogyScore.Zero);
        for (var q = 0; q < set.Questions.Count; q++)
        {
            var section = set.Questions[q].Section;
            var score = ids[q] is null
                ? new AnalogyScore(0, 0, 1)
                : new AnalogyScore(_vocabulary.Canonical[(int)predictions[q]] == ids[q]![3] ? 1 : 0, 1, 0);
            perSection[section] += score;
        }
        var sections = set.Sections
            .Select(s => new AnalogySectionResult(s, AnalogyQuestionSet.IsSemantic(s), perSection[s]))
            .ToList();
        AnalogyScore Sum(IEnumerable<AnalogySectionResult> rs) => rs.Aggregate(AnalogyScore.Zero, (acc, r) => acc + r.Score);
        return new AnalogyResult(method, RestrictVocab, sections,
            Sum(sections.Where(s => s.IsSemantic)), Sum(sections.Where(s => !s.IsSemantic)), Sum(sections));
    }
}
