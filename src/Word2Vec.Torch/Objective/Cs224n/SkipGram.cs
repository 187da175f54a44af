using TorchSharp;
using Word2Vec.Torch.Backend;
using static TorchSharp.torch;

namespace Word2Vec.Torch.Objective.Cs224n;

/// <summary>
/// Skip-gram over one window (CS224N's <c>skipgram</c>): the centre word c predicts each outside
/// word o_j of its window, and the window's loss is the sum over the pairs:
/// <code>
///   J = Σ_j J_pair(v_c, o_j, U)
///   ∂J/∂V: row c = Σ_j ∂J_pair/∂v_c, every other row 0        ∂J/∂U = Σ_j ∂J_pair/∂U
/// </code>
/// with V = centerWordVectors, U = outsideVectors, v_c = row c of V. The outside words index the rows
/// of U, or (<c>outsideWordCount</c>) a vocabulary of their own (hierarchical softmax, whose U holds the
/// tree's nodes).
/// </summary>
public static class SkipGram
{
    public static WindowLossGradients Window(
        long currentCenterWordIdx, IReadOnlyList<long> outsideWordIndices,
        Tensor centerWordVectors, Tensor outsideVectors, PairLoss word2vecLossAndGradient, long? outsideWordCount = null)
    {
        Validate.Floating(centerWordVectors, nameof(centerWordVectors), 2);
        Validate.Floating(outsideVectors, nameof(outsideVectors), 2);
        Validate.Size(outsideVectors, nameof(outsideVectors), 1, centerWordVectors.size(1), "the vector size d of centerWordVectors");
        ArgumentNullException.ThrowIfNull(outsideWordIndices);
        ArgumentNullException.ThrowIfNull(word2vecLossAndGradient);
        Validate.Index(currentCenterWordIdx, nameof(currentCenterWordIdx), centerWordVectors.size(0), nameof(centerWordVectors));
        foreach (var o in outsideWordIndices)
            Validate.Index(o, nameof(outsideWordIndices), outsideWordCount ?? outsideVectors.size(0),
                outsideWordCount is null ? nameof(outsideVectors) : "the vocabulary");

        using var scope = torch.NewDisposeScope();
        var centerWordVec = centerWordVectors[currentCenterWordIdx];                  // v_c
        var loss = torch.zeros(Array.Empty<long>(), dtype: centerWordVectors.dtype, device: centerWordVectors.device);
        var gradCenterVec = torch.zeros_like(centerWordVec);
        var gradOutsideVectors = torch.zeros_like(outsideVectors);
        for (var j = 0; j < outsideWordIndices.Count; j++)
        {
            using var pair = word2vecLossAndGradient(centerWordVec, outsideWordIndices[j], outsideVectors, j);
            loss = loss.add(pair.Loss, Held.One);                                      // Σ_j J_pair
            gradCenterVec = gradCenterVec.add(pair.GradCenterVec, Held.One);           // Σ_j ∂J_pair/∂v_c
            gradOutsideVectors = gradOutsideVectors.add(pair.GradOutsideVecs, Held.One);  // Σ_j ∂J_pair/∂U
        }
        var gradCenterVecs = torch.zeros_like(centerWordVectors).index_add_(           // only row c
            0, torch.tensor(new[] { currentCenterWordIdx }, device: centerWordVectors.device), gradCenterVec.unsqueeze(0), Held.One);
        return new WindowLossGradients(
            loss.MoveToOuterDisposeScope(), gradCenterVecs.MoveToOuterDisposeScope(), gradOutsideVectors.MoveToOuterDisposeScope());
    }
}
