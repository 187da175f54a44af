using TorchSharp;
using Word2Vec.Torch.Backend;
using Word2Vec.Torch.Objective;
using static TorchSharp.torch;

namespace Word2Vec.Torch.Engines;

/// <summary>
/// One SGD step of the tensor engines (tensor, device) on a minibatch already on the device: the
/// architecture's hand-derived gradients for the rows the batch touches, applied as sparse row
/// updates θ[rows] −= stepSize·∂J/∂θ[rows] (index_add_, repeated rows adding up), so a step costs
/// O(B·K·d), not O(V·d).
/// </summary>
public sealed class SgdStep
{
    private readonly Word2VecArchitecture _architecture;

    public SgdStep(Word2VecArchitecture architecture)
    {
        _architecture = architecture ?? throw new ArgumentNullException(nameof(architecture));
    }

    /// <summary>
    /// inputs [B,W] and targets [B] int64, mask [B,W] in the parameters's dtype, negatives [B,K] int64 or
    /// null (naive softmax). <paramref name="rowUpdateCap"/> &gt; 0 caps how much one step can move a row
    /// that many examples touch: a row with n_r contributions gets θ_r −= stepSize·min(1, cap/n_r)·Σ g
    /// (see <see cref="RowScale"/>); 0 is the plain summed step. Returns the summed loss as a scalar
    /// tensor (not read back, so CUDA need not sync).
    /// </summary>
    public Tensor Apply(Embeddings embeddings, Tensor inputs, Tensor mask, Tensor targets, Tensor? negatives, double stepSize, double rowUpdateCap = 0)
    {
        var g = _architecture.Forward(embeddings.CenterVectors, embeddings.OutsideVectors, inputs, mask, targets, negatives);
        if (rowUpdateCap > 0)   // in place: the gradients are this step's own
        {
            g.CenterRowGrads.mul_(RowScale(g.CenterRows, embeddings.VocabSize, rowUpdateCap, g.CenterRowGrads.dtype));
            g.OutsideRowGrads.mul_(RowScale(g.OutsideRows, embeddings.OutsideRows, rowUpdateCap, g.OutsideRowGrads.dtype));
        }
        using var minusStep = (-stepSize).ToScalar();
        embeddings.CenterVectors.index_add_(0, g.CenterRows, g.CenterRowGrads, minusStep);
        embeddings.OutsideVectors.index_add_(0, g.OutsideRows, g.OutsideRowGrads, minusStep);
        return g.Loss;
    }

    /// <summary>
    /// [M,1]: min(1, cap / n_r) for each entry of <paramref name="rows"/>, n_r = how often its row r occurs
    /// in <paramref name="rows"/> (its contributions this step). A row touched at most cap times gets the
    /// exact summed gradient; a hotter one gets its summed gradient scaled to cap contributions' worth.
    /// </summary>
    internal static Tensor RowScale(Tensor rows, long rowCount, double cap, ScalarType dtype)
    {
        using var scope = torch.NewDisposeScope();
        using var capScalar = cap.ToScalar();
        var counts = torch.zeros(rowCount, dtype, rows.device)
            .index_add_(0, rows, torch.ones(rows.shape[0], dtype, rows.device), Held.One);  // n_r
        var scale = counts.clamp_min(Held.One).reciprocal().mul(capScalar).clamp_max(Held.One);  // min(1, cap/n_r)
        return scale.index_select(0, rows).unsqueeze(1).MoveToOuterDisposeScope();
    }
}
