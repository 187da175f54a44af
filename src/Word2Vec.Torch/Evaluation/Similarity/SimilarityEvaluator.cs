using TorchSharp;
using Word2Vec.Torch.Vectors;
using static TorchSharp.torch;

namespace Word2Vec.Torch.Evaluation;

/// <summary>
/// Word similarity: Spearman's ρ between a dataset's human scores and the vectors' cosines,
/// with lower-cased lookups (the most frequent case variant stands for a word). Pairs with an
/// unknown word are left out and reported through the coverage. The cosines of all found pairs
/// are one batched tensor computation on the vectors' device.
/// </summary>
public sealed class SimilarityEvaluator
{
    private readonly WordVectors _vectors;
    private readonly CaseInsensitiveVocabulary _vocabulary;

    /// <param name="restrictVocab">Only the first this many words are looked up (all when null).</param>
    public SimilarityEvaluator(WordVectors vectors, int? restrictVocab = null)
    {
        ArgumentNullException.ThrowIfNull(vectors);
        if (restrictVocab < 1)
            throw new ArgumentOutOfRangeException(nameof(restrictVocab), restrictVocab, "restrictVocab must be at least 1 (null: every word).");
        _vectors = vectors;
        _vocabulary = restrictVocab is null ? vectors.CaseInsensitive : new CaseInsensitiveVocabulary(vectors.Words, restrictVocab);
    }

    public SimilarityResult Evaluate(SimilarityDataset dataset)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        var found = new List<(int Row1, int Row2, double Human)>();
        foreach (var p in dataset.Pairs)
            if (_vocabulary.TryGetIndex(p.Word1, out var i) && _vocabulary.TryGetIndex(p.Word2, out var j))
                found.Add((i, j, p.Score));
        var cosines = Cosines(found.Select(f => (long)f.Row1).ToArray(), found.Select(f => (long)f.Row2).ToArray());
        var rho = SpearmanCorrelation.Compute(found.Select(f => f.Human).ToArray(), cosines);
        return new SimilarityResult(dataset.Name, dataset.Pairs.Count, found.Count, rho);
    }

    public IReadOnlyList<SimilarityResult> Evaluate(IEnumerable<SimilarityDataset> datasets) =>
        datasets.Select(Evaluate).ToList();

    /// <summary>cos(E[rows1[k]], E[rows2[k]]) for every k, as one tensor computation.</summary>
    private double[] Cosines(long[] rows1, long[] rows2)
    {
        if (rows1.Length == 0) return Array.Empty<double>();
        using var scope = torch.NewDisposeScope();
        using var noGrad = torch.no_grad();
        var device = _vectors.Device;
        var e = _vectors.Normalized;
        var u = e.index_select(0, tensor(rows1, device: device));
        var v = e.index_select(0, tensor(rows2, device: device));
        var cos = u.mul(v).sum(dim: 1).to(ScalarType.Float64);
        return cos.cpu().data<double>().ToArray();
    }
}
