using TorchSharp;
using Word2Vec.Torch.Backend;
using static TorchSharp.torch;

namespace Word2Vec.Torch.Objective.Cs224n;

/// <summary>
/// CBOW over one window: the context words w_1..w_n, combined into one hidden vector h, predict the
/// centre word c:
/// <code>
///   h = Σ_j v_{w_j}  (Sum)   or   h = (1/n) Σ_j v_{w_j}  (Mean)        J = J_pair(h, c, U)
///   ∂J/∂v_{w_j} += ∂J_pair/∂h  (Sum)   or   ∂J_pair/∂h / n  (Mean)      ∂J/∂U = ∂J_pair/∂U
/// </code>
/// with V = centerWordVectors (the input vectors), U = outsideVectors. A context word that appears
/// twice gets the gradient twice. The pair loss is called once, with pairIndex 0. The centre word
/// indexes the rows of U, or (<c>outsideWordCount</c>) a vocabulary of its own (hierarchical softmax).
/// </summary>
public static class Cbow
{
    public static WindowLossGradients Window(
        long currentCenterWordIdx, IReadOnlyList<long> contextWordIndices, ContextCombine combine,
        Tensor centerWordVectors, Tensor outsideVectors, PairLoss word2vecLossAndGradient, long? outsideWordCount = null)
    {
        Validate.Floating(centerWordVectors, nameof(centerWordVectors), 2);
        Validate.Floating(outsideVectors, nameof(outsideVectors), 2);
        Validate.Size(outsideVectors, nameof(outsideVectors), 1, centerWordVectors.size(1), "the vector size d of centerWordVectors");
        ArgumentNullException.ThrowIfNull(contextWordIndices);
        ArgumentNullException.ThrowIfNull(word2vecLossAndGradient);
        if (contextWordIndices.Count == 0)
            throw new ArgumentException("CBOW needs at least one context word.", nameof(contextWordIndices));
        foreach (var w in contextWordIndices)
            Validate.Index(w, nameof(contextWordIndices), centerWordVectors.size(0), nameof(centerWordVectors));
        Validate.Index(currentCenterWordIdx, nameof(currentCenterWordIdx), outsideWordCount ?? outsideVectors.size(0),
            outsideWordCount is null ? nameof(outsideVectors) : "the vocabulary");

        using var scope = torch.NewDisposeScope();
        double n = contextWordIndices.Count;
        using var count = n.ToScalar();
        var contextRows = torch.tensor(contextWordIndices.ToArray(), device: centerWordVectors.device);
        var contextVectors = centerWordVectors.index_select(0, contextRows);            // v_{w_j}     [n, d]
        var hidden = contextVectors.sum(dim: 0);                                        // Σ_j v_{w_j}
        if (combine == ContextCombine.Mean) hidden = hidden.div(count);                 // (1/n) Σ_j v_{w_j}

        var pair = word2vecLossAndGradient(hidden, currentCenterWordIdx, outsideVectors, 0);  // its tensors are in this scope
        var gradHidden = pair.GradCenterVec;                                            // ∂J_pair/∂h
        if (combine == ContextCombine.Mean) gradHidden = gradHidden.div(count);         // ÷ n
        var gradContextVectors = torch.zeros_like(contextVectors).add(gradHidden, Held.One);  // the same for every w_j
        var gradCenterVecs = torch.zeros_like(centerWordVectors)
            .index_add_(0, contextRows, gradContextVectors, Held.One);                  // repeated w_j accumulate
        return new WindowLossGradients(
            pair.Loss.MoveToOuterDisposeScope(), gradCenterVecs.MoveToOuterDisposeScope(),
            pair.GradOutsideVecs.MoveToOuterDisposeScope());
    }
}
