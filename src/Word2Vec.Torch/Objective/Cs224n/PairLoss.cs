using TorchSharp;
using static TorchSharp.torch;

namespace Word2Vec.Torch.Objective.Cs224n;

/// <summary>
/// A per-pair loss as the window functions call it (CS224N's <c>word2vecLossAndGradient</c>):
/// J(v_c, o, U) with its gradients. <paramref name="pairIndex"/> says which pair of the window this
/// is (0-based), so that a sampled loss can use that pair's own samples.
/// </summary>
public delegate PairLossGradients PairLoss(Tensor centerWordVec, long outsideWordIdx, Tensor outsideVectors, int pairIndex);

/// <summary>The per-pair losses, as <see cref="PairLoss"/>es.</summary>
public static class PairLosses
{
    /// <summary><see cref="Cs224n.NaiveSoftmax.LossAndGradient"/>.</summary>
    public static readonly PairLoss NaiveSoftmax =
        (centerWordVec, outsideWordIdx, outsideVectors, _) =>
            Cs224n.NaiveSoftmax.LossAndGradient(centerWordVec, outsideWordIdx, outsideVectors);

    /// <summary><see cref="Cs224n.HierarchicalSoftmax.LossAndGradient"/> on <paramref name="tree"/> (outsideVectors: the node vectors).</summary>
    public static PairLoss HierarchicalSoftmax(HuffmanTree tree) =>
        (centerWordVec, outsideWordIdx, nodeVectors, _) => Cs224n.HierarchicalSoftmax.LossAndGradient(centerWordVec, outsideWordIdx, nodeVectors, tree);

    /// <summary><see cref="Cs224n.NegativeSampling.LossAndGradient"/>; pair j uses row j of the samples.</summary>
    /// <param name="negSampleWordIndices">[pairs, K] int64: the K samples of each pair of the window.</param>
    public static PairLoss NegativeSampling(Tensor negSampleWordIndices)
    {
        Validate.Indices(negSampleWordIndices, nameof(negSampleWordIndices), 2);
        return (centerWordVec, outsideWordIdx, outsideVectors, pairIndex) =>
        {
            Validate.Index(pairIndex, nameof(pairIndex), negSampleWordIndices.size(0), $"{nameof(negSampleWordIndices)} (one row of samples per pair)");
            using var samplesOfThisPair = negSampleWordIndices[pairIndex];
            return Cs224n.NegativeSampling.LossAndGradient(centerWordVec, outsideWordIdx, outsideVectors, samplesOfThisPair);
        };
    }
}
