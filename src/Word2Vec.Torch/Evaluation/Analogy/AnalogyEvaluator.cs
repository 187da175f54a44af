using TorchSharp;
using Word2Vec.Torch.Backend;
using Word2Vec.Torch.Vectors;
using static TorchSharp.torch;

namespace Word2Vec.Torch.Evaluation;

/// <summary>
/// Word analogies as word2vec.c's compute-accuracy does them: questions and vocabulary
/// lower-cased, candidates restricted to the <see cref="RestrictVocab"/> most frequent words (a
/// question with a word outside them is skipped and counted), the question's three words never
/// an answer. Questions are answered in batches on the vectors' device: the cosines of every
/// distinct question word with every candidate are one matrix product [U, d]·[d, V] (the Google
/// set has fewer than 1,000 distinct words), computed once; a chunk of B questions gathers its
/// [B, V] rows for a, b and c from it, scores them by 3CosAdd or 3CosMul, adds −∞ at the excluded
/// words and reduces with argmax. When the table would be too large, each chunk computes its
/// three products itself.
/// </summary>
public sealed class AnalogyEvaluator
{
    public const int DefaultRestrictVocab = 30_000;
    public const int DefaultBatchSize = 32;

    /// <summary>The largest cosine table (distinct question words × candidates) computed up front: 2²⁶ floats, 256 MiB.</summary>
    public const long MaxTableElements = 1L << 26;

    /// <summary>3CosMul's ε (Levy &amp; Goldberg 2014).</summary>
    public const double CosMulEpsilon = WordVectors.CosMulEpsilon;

    // Held for the life of the process (see Backend.Held): 2ε of 3CosMul's P_a + 2ε, and the −∞ of excluded answers.
    private static readonly Scalar TwoEpsilon = (2 * CosMulEpsilon).ToScalar();
    private static readonly Scalar NegativeInfinity = float.NegativeInfinity.ToScalar();

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
        RestrictVocab = Math.Min(restrictVocab, vectors.Count);
        BatchSize = batchSize;
        _vocabulary = new CaseInsensitiveVocabulary(vectors.Words, RestrictVocab);
    }

    /// <summary>The number of candidate words (the restriction, capped at the vocabulary size).</summary>
    public int RestrictVocab { get; }

    public int BatchSize { get; }

    /// <summary>The cosine table's size limit (tests set 0 to force the per-chunk products).</summary>
    internal long TableLimit { get; init; } = MaxTableElements;

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

        // Scores are computed from P = cos + 1 ∈ [0, 2], which leaves both argmaxes unchanged:
        //   3CosAdd: P_b − P_a + P_c = cos_b − cos_a + cos_c + 1,
        //   3CosMul: P_b·P_c / (P_a + 2ε) = 2 · s_b·s_c / (s_a + ε), with s = (cos + 1)/2.
        // P of the distinct a, b, c words with every candidate is computed once when small enough.
        var distinct = answerable.SelectMany(q => ids[q]!.Take(3)).Distinct().OrderBy(r => r).ToArray();
        var slot = distinct.Select((row, k) => (row, k)).ToDictionary(p => p.row, p => (long)p.k);
        Tensor? table = null;                                                      // P [U, V]
        if ((long)distinct.Length * RestrictVocab <= TableLimit)
            table = candidates.index_select(0, tensor(distinct, device: device)).mm(candidatesT).add_(Held.One, Held.One);

        var spellings = Spellings();
        for (var start = 0; start < answerable.Length; start += BatchSize)
        {
            using var chunkScope = torch.NewDisposeScope();
            var chunk = answerable.AsSpan(start, Math.Min(BatchSize, answerable.Length - start)).ToArray();
            Tensor Shifted(int k) => table is null                                  // P(x, word k) for every candidate x: [B, V]
                ? candidates.index_select(0, tensor(chunk.Select(q => ids[q]![k]).ToArray(), device: device)).mm(candidatesT).add_(Held.One, Held.One)
                : table.index_select(0, tensor(chunk.Select(q => slot[ids[q]![k]]).ToArray(), device: device));
            var (pa, pb, pc) = (Shifted(0), Shifted(1), Shifted(2));

            // Every spelling of a question word is excluded from its answers: −∞ is added at
            // those columns (a few per question, padded by repetition).
            var excluded = chunk.Select(q => ids[q]!.Take(3).SelectMany(w => spellings[w]).Distinct().ToArray()).ToArray();
            var width = excluded.Max(e => e.Length);
            var columns = tensor(excluded.SelectMany(e => Enumerable.Range(0, width).Select(i => e[Math.Min(i, e.Length - 1)])).ToArray(),
                new long[] { chunk.Length, width }, device: device);
            var minusInfinity = full(new long[] { chunk.Length, width }, NegativeInfinity, ScalarType.Float32, device);

            for (var k = 0; k < methods.Length; k++)
            {
                var scores = methods[k] switch
                {
                    AnalogyMethod.CosAdd => pb.sub(pa).add_(pc, Held.One),
                    AnalogyMethod.CosMul => pb.mul(pc).div_(pa.add(TwoEpsilon, Held.One)),
                    _ => throw new ArgumentOutOfRangeException(nameof(methods), methods[k], "unknown analogy method"),
                };
                var best = scores.scatter_add_(1, columns, minusInfinity).argmax(1);
                var rows = best.cpu().data<long>().ToArray();
                for (var j = 0; j < chunk.Length; j++) predictions[k][chunk[j]] = rows[j];
            }
        }
        return predictions;
    }

    /// <summary>For each canonical row, every row (spelling) that lower-cases to the same form.</summary>
    private Dictionary<long, List<long>> Spellings()
    {
        var spellings = new Dictionary<long, List<long>>();
        for (var row = 0; row < _vocabulary.Count; row++)
        {
            var canonical = _vocabulary.Canonical[row];
            if (!spellings.TryGetValue(canonical, out var rows)) spellings[canonical] = rows = new List<long>(1);
            rows.Add(row);
        }
        return spellings;
    }

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
