using TorchSharp;
using Word2Vec.Torch.Backend;
using static TorchSharp.torch;

namespace Word2Vec.Torch.Objective;

/// <summary>A gradient given as (rows, row gradients), made dense: G = zeros[V,d]; G[rows[i]] += rowGrads[i];
/// and the losses' gradient scale c (the gradients of c·J, see <see cref="IOutputLoss.Forward"/>).</summary>
internal static class RowGradients
{
    /// <summary>t ×= c in place (a loss's coefficients or gradients, its own); t when c = 1.</summary>
    internal static Tensor Scale(Tensor t, double c)
    {
        if (c == 1) return t;
        using var s = c.ToScalar();
        return t.mul_(s);
    }

    /// <summary>The 1-for-a-contribution, 0-for-padding weights of row lists put end to end (a null list counts 1
    /// for each of its rows); null when every list's are null. One list: its own weights (not a copy).</summary>
    internal static Tensor? ConcatWeights(Tensor[] rows, Tensor?[] weights, ScalarType dtype)
    {
        if (weights.All(w => w is null)) return null;
        if (weights.Length == 1) return weights[0];
        using var scope = torch.NewDisposeScope();
        return torch.cat(weights.Select((w, p) => w ?? torch.ones(rows[p].shape[0], dtype: dtype, device: rows[p].device)).ToArray())
            .MoveToOuterDisposeScope();
    }

    internal static Tensor Dense(Tensor rows, Tensor rowGrads, long vocabSize)
    {
        if (vocabSize < 1) throw new ArgumentOutOfRangeException(nameof(vocabSize), vocabSize, "The vocabulary size must be at least 1.");
        using var scope = torch.NewDisposeScope();
        Validate.IndicesInRange(vocabSize, $"a {vocabSize}-row matrix", (rows, nameof(rows)));
        var dense = torch.zeros(vocabSize, rowGrads.size(1), dtype: rowGrads.dtype, device: rowGrads.device)
            .index_add_(0, rows, rowGrads, Held.One);
        return dense.MoveToOuterDisposeScope();
    }
}
