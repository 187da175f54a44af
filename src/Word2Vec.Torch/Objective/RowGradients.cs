using TorchSharp;
using Word2Vec.Torch.Backend;
using static TorchSharp.torch;

namespace Word2Vec.Torch.Objective;

/// <summary>A gradient given as (rows, row gradients), made dense: G = zeros[V,d]; G[rows[i]] += rowGrads[i].</summary>
internal static class RowGradients
{
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
