using TorchSharp;
using Word2Vec.Torch.Backend;
using static TorchSharp.torch;

namespace Word2Vec.Torch.Objective.Cs224n;

/// <summary>
/// The hierarchical-softmax loss of one (centre, outside) pair, in the assignment's style
/// (v_c = centerWordVec [d]; the tree's inner-node vectors N = nodeVectors [V−1, d], n_j = row
/// p_j of N for the nodes p_1 … p_L on outside word o's path in a <see cref="HuffmanTree"/>, with
/// branches c_j):
/// <code>
///   J = −Σ_j log σ((1 − 2c_j) n_j·v_c)
///   ∂J/∂v_c = Σ_j (σ(n_j·v_c) − (1 − c_j)) n_j        ∂J/∂n_j = (σ(n_j·v_c) − (1 − c_j)) v_c
/// </code>
/// A node has one gradient per path it is on; within one path every node is distinct.
/// </summary>
public static class HierarchicalSoftmax
{
    public static PairLossGradients LossAndGradient(Tensor centerWordVec, long outsideWordIdx, Tensor nodeVectors, HuffmanTree tree)
    {
        ArgumentNullException.ThrowIfNull(tree);
        Validate.Floating(nodeVectors, nameof(nodeVectors), 2);
        Validate.Floating(centerWordVec, nameof(centerWordVec), 1);
        Validate.Size(centerWordVec, nameof(centerWordVec), 0, nodeVectors.size(1), "the vector size d of nodeVectors");
        Validate.Size(nodeVectors, nameof(nodeVectors), 0, tree.InnerNodes, "the tree's inner nodes (V − 1)");
        Validate.SameDtype(centerWordVec, nameof(centerWordVec), nodeVectors, nameof(nodeVectors));
        Validate.SameDevice(centerWordVec, nameof(centerWordVec), nodeVectors, nameof(nodeVectors));
        Validate.Index(outsideWordIdx, nameof(outsideWordIdx), tree.VocabSize, "the tree's words");

        using var scope = torch.NewDisposeScope();
        var path = tree.Points((int)outsideWordIdx).ToArray().Select(p => (long)p).ToArray();
        var codes = tree.Codes((int)outsideWordIdx).ToArray().Select(c => (double)c).ToArray();
        var points = torch.tensor(path, device: nodeVectors.device);                           // p_1 … p_L
        var c = torch.tensor(codes, device: nodeVectors.device).to(nodeVectors.dtype);        // c_j
        var n = nodeVectors.index_select(0, points);                                           // n_j          [L, d]
        var s = n.mv(centerWordVec);                                                           // n_j·v_c      [L]
        using var two = 2.ToScalar();
        var signs = c.mul(two).neg().add(Held.One, Held.One);                                  // 1 − 2c_j
        var loss = s.mul(signs).log_sigmoid().sum().neg();                                     // −Σ_j log σ((1 − 2c_j) s_j)
        var coefficients = Activations.Sigmoid(s).sub(c.neg().add(Held.One, Held.One));        // σ(s_j) − (1 − c_j)
        var gradCenterVec = n.t().mv(coefficients);                                            // Σ_j coef_j n_j
        var gradNodeVecs = torch.zeros_like(nodeVectors)
            .index_add_(0, points, coefficients.outer(centerWordVec), Held.One);               // coef_j v_c at p_j
        return new PairLossGradients(
            loss.MoveToOuterDisposeScope(), gradCenterVec.MoveToOuterDisposeScope(), gradNodeVecs.MoveToOuterDisposeScope());
    }
}
