using TorchSharp;
using Word2Vec.Torch.Backend;
using Word2Vec.Torch.Objective;
using static TorchSharp.torch;

namespace Word2Vec.Torch.Engines;

/// <summary>
/// One SGD step of the tensor engines (tensor, device) on a minibatch already on the device: the
/// architecture's hand-derived gradients for the rows the batch touches, applied as sparse row
/// updates θ[rows] −= stepSize·∂J/∂θ[rows] (repeated rows adding up), so a step costs O(B·K·d),
/// not O(V·d).
/// </summary>
/// <remarks>
/// The update is one scatter_add_ per matrix with the row index expanded over the columns, which
/// libtorch's CPU backend runs as a sort of the indices and a sum per row, each row's
/// contributions in batch order (so the result is the same on every run); index_add_ makes one
/// small add call per index (four times slower on 6,144 uniformly random rows of 100, about as
/// fast on heavily repeated ones). Rows under 16 columns go through index_put_(accumulate), as
/// scatter_add_ then runs a generic per-element kernel. Neither takes a factor: the architecture
/// returns the gradients of −stepSize·J instead (the factor applied to the loss's small
/// coefficient matrix, not to the row gradients).
/// </remarks>
public sealed class SgdStep
{
    private readonly IArchitecture _architecture;

    public SgdStep(IArchitecture architecture)
    {
        _architecture = architecture ?? throw new ArgumentNullException(nameof(architecture));
    }

    /// <summary>
    /// inputs [B,W] and targets [B] int64, mask [B,W] in the parameters's dtype, negatives [B,K] int64 or
    /// null (naive softmax). <paramref name="rowUpdateCap"/> &gt; 0 caps how much one step can move a row
    /// that many examples touch: a row with n_r contributions gets θ_r −= stepSize·min(1, cap/n_r)·Σ g
    /// (see <see cref="RowScale"/>); 0 is the plain summed step. <paramref name="checkIndices"/>: false
    /// when the caller has checked the indices (see <see cref="IArchitecture.Forward"/>).
    /// <paramref name="parts"/> P &gt; 1 (CPU): the batch's examples are cut into P consecutive parts whose
    /// gradients are computed at once on P threads (all at the same parameters, so the step is the same
    /// summed step), then one thread adds every part's updates to the centre vectors while another adds
    /// them to the output matrix, part after part. The same P gives the same numbers every run; another P
    /// may differ in the last bits (libtorch's reductions and batched products can take another path
    /// for another batch shape; skip-gram's per-pair step is tested bit for bit equal for any P).
    /// Returns the summed loss as a scalar tensor (not read back, so CUDA need not sync).
    /// </summary>
    public Tensor Apply(Embeddings embeddings, Tensor inputs, Tensor mask, Tensor targets, Tensor? negatives, double stepSize,
        double rowUpdateCap = 0, bool checkIndices = true, int parts = 1)
    {
        var (center, outside) = (embeddings.CenterVectors, embeddings.OutsideVectors);
        var B = inputs.size(0);
        parts = B < 2 ? 1 : (int)Math.Clamp(parts, 1, B);   // an empty batch: Forward names the problem
        if (parts == 1)
        {
            // The gradients of −stepSize·J: the update itself, θ[rows] += them.
            var g = _architecture.Forward(center, outside, inputs, mask, targets, negatives, checkIndices, gradientScale: -stepSize);
            AddRows(center, [g.CenterRows], [g.CenterRowGrads], [g.CenterRowWeights], rowUpdateCap);
            AddRows(outside, [g.OutsideRows], [g.OutsideRowGrads], [g.OutsideRowWeights], rowUpdateCap);
            return g.Loss;
        }

        // The parts' inputs as views made here (in the caller's scope); their gradients are made on the
        // workers, outside any scope, and freed below.
        var slices = Enumerable.Range(0, parts).Select(p =>
        {
            var (start, count) = (B * p / parts, B * (p + 1) / parts - B * p / parts);
            return (Inputs: inputs.narrow(0, start, count), Mask: mask.narrow(0, start, count), Targets: targets.narrow(0, start, count),
                Negatives: negatives?.narrow(0, start, count));
        }).ToArray();
        var grads = new StepGradients?[parts];
        try
        {
            Parallel.For(0, parts, new ParallelOptions { MaxDegreeOfParallelism = parts }, p =>
            {
                var s = slices[p];
                grads[p] = _architecture.Forward(center, outside, s.Inputs, s.Mask, s.Targets, s.Negatives, checkIndices, gradientScale: -stepSize);
            });
            var all = grads.Select(g => g!).ToArray();
            Parallel.Invoke(new ParallelOptions { MaxDegreeOfParallelism = 2 },
                () => AddRows(center, all.Select(g => g.CenterRows).ToArray(), all.Select(g => g.CenterRowGrads).ToArray(),
                    all.Select(g => g.CenterRowWeights).ToArray(), rowUpdateCap),
                () => AddRows(outside, all.Select(g => g.OutsideRows).ToArray(), all.Select(g => g.OutsideRowGrads).ToArray(),
                    all.Select(g => g.OutsideRowWeights).ToArray(), rowUpdateCap));
            return torch.stack(all.Select(g => g.Loss).ToArray()).sum();
        }
        finally
        {
            foreach (var g in grads) g?.Dispose();
        }
    }

    /// <summary>θ[rows] += c_r·updates for each part in turn, c_r = <see cref="RowScale"/> over all the parts'
    /// rows with a cap (the updates scaled in place), 1 without. <paramref name="weights"/>: each part's
    /// 1-for-a-contribution, 0-for-padding weights of its rows, or null where every row is a contribution.</summary>
    internal static void AddRows(Tensor matrix, Tensor[] rows, Tensor[] updates, Tensor?[] weights, double rowUpdateCap)
    {
        using var scope = torch.NewDisposeScope();
        if (rowUpdateCap > 0)
        {
            var all = rows.Length == 1 ? rows[0] : torch.cat(rows);
            var scale = RowScale(all, RowGradients.ConcatWeights(rows, weights, updates[0].dtype), matrix.shape[0], rowUpdateCap, updates[0].dtype);
            for (long p = 0, at = 0; p < rows.Length; at += rows[p].shape[0], p++)
                updates[p].mul_(scale.narrow(0, at, rows[p].shape[0]));
        }
        for (var p = 0; p < rows.Length; p++)
        {
            if (matrix.shape[1] >= SortedScatterColumns)
                matrix.scatter_add_(0, rows[p].unsqueeze(1).expand(rows[p].shape[0], matrix.shape[1]), updates[p]);
            else   // narrow rows: scatter_add_ would run its generic per-element kernel; this one adds row by row, in order
                matrix.index_put_(updates[p], new[] { TensorIndex.Tensor(rows[p]) }, accumulate: true);
        }
    }

    /// <summary>libtorch's CPU scatter_add_ sorts the rows and adds whole rows from 16 columns on.</summary>
    private const long SortedScatterColumns = 16;

    /// <summary>
    /// [M,1]: min(1, cap / n_r) for each entry of <paramref name="rows"/>, n_r = Σ of the weights of row r's
    /// entries (its contributions this step: padding, weight 0, is none; null weights count every entry).
    /// A row touched at most cap times gets the exact summed gradient; a hotter one gets its summed gradient
    /// scaled to cap contributions' worth.
    /// </summary>
    internal static Tensor RowScale(Tensor rows, Tensor? weights, long rowCount, double cap, ScalarType dtype)
    {
        using var scope = torch.NewDisposeScope();
        using var capScalar = cap.ToScalar();
        var counts = rows.bincount(weights, rowCount).to(dtype);                                       // n_r
        var scale = counts.clamp_min_(Held.One).reciprocal_().mul_(capScalar).clamp_max_(Held.One);         // min(1, cap/n_r)
        return scale.index_select(0, rows).unsqueeze(1).MoveToOuterDisposeScope();
    }
}
