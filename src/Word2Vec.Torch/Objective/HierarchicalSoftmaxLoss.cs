using TorchSharp;
using Word2Vec.Torch.Backend;
using static TorchSharp.torch;

namespace Word2Vec.Torch.Objective;

/// <summary>
/// Hierarchical softmax over a batch (word2vec.c's -hs 1; the batched form of
/// <see cref="Cs224n.HierarchicalSoftmax"/>): target t's probability is the product of binary
/// decisions along its path p_1 … p_L in a <see cref="HuffmanTree"/>, node n_j with vector u_{n_j}
/// (row <c>nodeOffset + p_j</c> of the output matrix) and branch c_j. With s_j = u_{n_j}·h_b and the
/// label y_j = 1 − c_j,
/// <code>
///   J_b = −Σ_j log σ((1 − 2c_j) s_j) = −Σ_j [ y_j log σ(s_j) + (1 − y_j) log σ(−s_j) ]      J = Σ_b J_b
///   ∂J/∂s_j = σ(s_j) − y_j          ∂J/∂h_b = Σ_j (σ(s_j) − y_j) u_{n_j}          ∂J/∂u_{n_j} += (σ(s_j) − y_j) h_b
/// </code>
/// the same form as negative sampling, with the path's nodes as the samples and 1 − code as the
/// labels. Paths are padded to the longest L with a mask (padding reads node 0 with coefficient 0).
/// OutsideRows = the path nodes (offset), b by b; repeated nodes (the root is on every path) add up.
/// Cost O(B·L·d), L ≈ log₂ V. The negatives argument is ignored.
/// </summary>
public sealed class HierarchicalSoftmaxLoss : IOutputLoss
{
    private readonly long[] _points;
    private readonly float[] _labels;
    private readonly float[] _mask;
    private readonly int _depth;
    private readonly long _nodeOffset;
    // One set a device and dtype, kept until Dispose: a caller may still read a set while another thread makes the next.
    private readonly Dictionary<(DeviceType Type, int Index, ScalarType Dtype), (Tensor Points, Tensor Labels, Tensor Signs, Tensor Mask)> _onDevice = new();
    private readonly object _onDeviceLock = new();   // the engines' workers call Forward at once

    /// <param name="tree">The vocabulary's tree.</param>
    /// <param name="nodeOffset">The output matrix's row of inner node 0 (0: the matrix holds the nodes
    /// only; V: after V outside vectors, when negative sampling shares the matrix).</param>
    public HierarchicalSoftmaxLoss(HuffmanTree tree, long nodeOffset = 0)
    {
        ArgumentNullException.ThrowIfNull(tree);
        if (nodeOffset < 0) throw new ArgumentOutOfRangeException(nameof(nodeOffset), nodeOffset, "must not be negative");
        Tree = tree;
        (_points, _labels, _mask) = tree.Padded();
        _depth = tree.MaxDepth;
        _nodeOffset = nodeOffset;
    }

    public HuffmanTree Tree { get; }

    /// <summary>Rows the output matrix needs: the offset plus V − 1 nodes.</summary>
    public long RowsNeeded => _nodeOffset + Tree.InnerNodes;

    public OutputLossResult Forward(Tensor hidden, Tensor targets, Tensor outsideVectors, Tensor? negatives, bool checkIndices = true,
        double gradientScale = 1)
    {
        Validate.OutputLossInputs(hidden, targets, outsideVectors, vocabularySize: Tree.VocabSize, checkIndices: checkIndices);
        if (outsideVectors.size(0) < RowsNeeded)
            throw new ArgumentException($"outsideVectors has {outsideVectors.size(0)} rows; the tree's {Tree.InnerNodes} nodes from row {_nodeOffset} need {RowsNeeded}.", nameof(outsideVectors));
        var (B, L, d) = (hidden.size(0), (long)_depth, hidden.size(1));
        var (allPoints, allLabels, allSigns, allMask) = Paths(hidden.device, hidden.dtype);

        using var scope = torch.NewDisposeScope();
        using var offset = _nodeOffset.ToScalar();
        var rows = allPoints.index_select(0, targets).add(offset, Held.One);              // n_j = offset + p_j   [B,L]
        var labels = allLabels.index_select(0, targets);                                  // y_j = 1 − c_j       [B,L]
        var signs = allSigns.index_select(0, targets);                                    // 1 − 2c_j            [B,L]
        var mask = allMask.index_select(0, targets);                                      // on the path          [B,L]
        var outsideRows = rows.reshape(B * L);
        var nodeVectors = outsideVectors.index_select(0, outsideRows).reshape(B, L, d);   // u_{n_j}             [B,L,d]
        var h = hidden.unsqueeze(1);                                                      // h_b                 [B,1,d]
        var scores = nodeVectors.bmm(h.transpose(1, 2)).squeeze(2);                       // s_j = u_{n_j}·h_b   [B,L]
        var perExampleLoss = scores.mul(signs).log_sigmoid().mul(mask).sum(dim: 1).neg();  // −Σ_j log σ((1 − 2c_j) s_j)
        var coefficients = scores.sigmoid().sub_(labels).mul_(mask);                      // σ(s_j) − y_j, 0 on padding   [B,L]
        coefficients = RowGradients.Scale(coefficients, gradientScale);                   // the gradients of c·J
        var gradHidden = coefficients.unsqueeze(1).bmm(nodeVectors).squeeze(1);           // Σ_j c_j u_{n_j}     [B,d]
        var outsideRowGrads = coefficients.unsqueeze(2).mul(h).reshape(B * L, d);         // c_j h_b             [B·L,d]
        var loss = perExampleLoss.sum();
        return new OutputLossResult(
            loss.MoveToOuterDisposeScope(), perExampleLoss.MoveToOuterDisposeScope(), gradHidden.MoveToOuterDisposeScope(),
            outsideRows.MoveToOuterDisposeScope(), outsideRowGrads.MoveToOuterDisposeScope(),
            mask.reshape(B * L).MoveToOuterDisposeScope());                               // a path's padding: weight 0
    }

    /// <summary>The padded paths as tensors on <paramref name="device"/>: points, labels 1 − c, signs 1 − 2c and
    /// the mask (made once per device and dtype).</summary>
    private (Tensor Points, Tensor Labels, Tensor Signs, Tensor Mask) Paths(Device device, ScalarType dtype)
    {
        lock (_onDeviceLock) return PathsLocked(device, dtype);
    }

    public void Dispose()
    {
        lock (_onDeviceLock)
        {
            foreach (var kept in _onDevice.Values)
                foreach (var t in new[] { kept.Points, kept.Labels, kept.Signs, kept.Mask }) t.Dispose();
            _onDevice.Clear();
        }
    }

    private (Tensor Points, Tensor Labels, Tensor Signs, Tensor Mask) PathsLocked(Device device, ScalarType dtype)
    {
        var key = (device.type, device.index, dtype);
        if (_onDevice.TryGetValue(key, out var cached)) return cached;
        var shape = new long[] { Tree.VocabSize, _depth };
        using var scope = torch.NewDisposeScope();   // the copies before .to(dtype) go with it
        var points = torch.tensor(_points, shape, device: device).DetachFromDisposeScope();
        var labels = torch.tensor(_labels, shape, device: device).to(dtype).DetachFromDisposeScope();
        var signs = torch.tensor(_labels.Select(y => 2 * y - 1).ToArray(), shape, device: device).to(dtype).DetachFromDisposeScope();
        var mask = torch.tensor(_mask, shape, device: device).to(dtype).DetachFromDisposeScope();
        return _onDevice[key] = (points, labels, signs, mask);
    }
}
