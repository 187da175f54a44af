using TorchSharp;
using Word2Vec.Torch.Backend;
using Word2Vec.Torch.Data;
using Word2Vec.Torch.Math;
using static TorchSharp.torch;

namespace Word2Vec.Torch.Training;

/// <summary>
/// One SGD step on a minibatch: gradients of the batch loss for the rows it touches, applied as
/// sparse row updates θ[rows] −= lr·scale·∂J/∂θ[rows] (index_add_), so a step costs O(B·K·d).
/// Manual mode uses the hand-derived gradients; autograd mode differentiates the same loss with
/// libtorch over the gathered rows only (not the full [V, d] matrices).
/// </summary>
public sealed class SgdStep
{
    private readonly Word2VecArchitecture _architecture;
    private readonly GradientMode _mode;
    private readonly Device _device;
    private readonly ScalarType _dtype;

    public SgdStep(Word2VecArchitecture architecture, GradientMode mode, Device device, ScalarType dtype)
    {
        _architecture = architecture;
        _mode = mode;
        _device = device;
        _dtype = dtype;
    }

    /// <summary>Applies one step; returns the batch's summed loss as a scalar tensor (not yet read back, so CUDA need not sync).</summary>
    public Tensor Apply(EmbeddingModel model, TrainingBatch batch, double stepSize)
    {
        var b = batch.Count;
        var w = batch.Width;
        var k = batch.NegativesPerExample;
        var inputs = torch.tensor(batch.Inputs.AsSpan(0, b * w).ToArray(), new long[] { b, w }, device: _device);
        var mask = torch.tensor(batch.InputMask.AsSpan(0, b * w).ToArray(), new long[] { b, w }, _dtype, _device);
        var targets = torch.tensor(batch.Targets.AsSpan(0, b).ToArray(), device: _device);
        var negatives = k > 0 ? torch.tensor(batch.Negatives.AsSpan(0, b * k).ToArray(), new long[] { b, k }, device: _device) : null;
        return _mode == GradientMode.Manual
            ? Apply(model, inputs, mask, targets, negatives, stepSize)
            : ApplyAutograd(model, batch, mask, stepSize);
    }

    /// <summary>
    /// The step on tensors that are already on the device (manual gradients): inputs [B,W] and
    /// targets [B] int64, mask [B,W] in the model's dtype, negatives [B,K] int64 or null.
    /// <paramref name="rowUpdateCap"/> &gt; 0 caps how much one step can move a row that many examples
    /// touch: a row with n_r contributions gets θ_r −= stepSize·min(1, cap/n_r)·Σ g (see <see cref="RowScale"/>);
    /// 0 is the plain summed step. Returns the summed loss as a scalar tensor (not read back).
    /// </summary>
    public Tensor Apply(EmbeddingModel model, Tensor inputs, Tensor mask, Tensor targets, Tensor? negatives, double stepSize, double rowUpdateCap = 0)
    {
        if (_mode != GradientMode.Manual)
            throw new NotSupportedException("autograd steps remap rows on the host; pass a TrainingBatch (the device pipeline uses training.gradients = manual).");
        var g = _architecture.Forward(model.CenterVectors, model.OutsideVectors, inputs, mask, targets, negatives);
        if (rowUpdateCap > 0)   // in place: the gradients are this step's own
        {
            g.CenterRowGrads.mul_(RowScale(g.CenterRows, model.VocabSize, rowUpdateCap, g.CenterRowGrads.dtype));
            g.OutsideRowGrads.mul_(RowScale(g.OutsideRows, model.VocabSize, rowUpdateCap, g.OutsideRowGrads.dtype));
        }
        using var minusStep = (-stepSize).ToScalar();
        model.CenterVectors.index_add_(0, g.CenterRows, g.CenterRowGrads, minusStep);
        model.OutsideVectors.index_add_(0, g.OutsideRows, g.OutsideRowGrads, minusStep);
        return g.Loss;
    }

    /// <summary>
    /// [M,1]: min(1, cap / n_r) for each entry of <paramref name="rows"/>, n_r = how often its row r occurs
    /// in <paramref name="rows"/> (its contributions this step). A row touched at most cap times gets the
    /// exact summed gradient; a hotter one gets its summed gradient scaled to cap contributions' worth.
    /// </summary>
    internal static Tensor RowScale(Tensor rows, long vocabSize, double cap, ScalarType dtype)
    {
        using var scope = torch.NewDisposeScope();
        using var capScalar = cap.ToScalar();
        var counts = torch.zeros(vocabSize, dtype, rows.device)
            .index_add_(0, rows, torch.ones(rows.shape[0], dtype, rows.device), Held.One);  // n_r
        var scale = counts.clamp_min(Held.One).reciprocal().mul(capScalar).clamp_max(Held.One);  // min(1, cap/n_r)
        return scale.index_select(0, rows).unsqueeze(1).MoveToOuterDisposeScope();
    }

    /// <summary>
    /// Gathers the rows the batch touches into small leaf tensors (ids remapped to local rows on
    /// the host), lets autograd differentiate the architecture's loss with respect to them, and
    /// scatters the result back with the same index_add_ update.
    /// </summary>
    private Tensor ApplyAutograd(EmbeddingModel model, TrainingBatch batch, Tensor mask, double stepSize)
    {
        var b = batch.Count;
        var w = batch.Width;
        var k = batch.NegativesPerExample;
        var centerIds = new RowRemap();
        var localInputs = new long[b * w];
        for (var i = 0; i < b * w; i++) localInputs[i] = centerIds.Local(batch.Inputs[i]);

        var naiveSoftmax = k == 0;
        var outsideIds = new RowRemap();
        long[] localTargets = new long[b], localNegatives = new long[b * k];
        if (naiveSoftmax)
        {
            Array.Copy(batch.Targets, localTargets, b); // every row of U takes part
        }
        else
        {
            for (var i = 0; i < b; i++) localTargets[i] = outsideIds.Local(batch.Targets[i]);
            for (var i = 0; i < b * k; i++) localNegatives[i] = outsideIds.Local(batch.Negatives[i]);
        }

        var centerRows = torch.tensor(centerIds.Rows.ToArray(), device: _device);
        var centerLeaf = model.CenterVectors.index_select(0, centerRows).detach().requires_grad_(true);
        Tensor outsideLeaf, outsideRows;
        if (naiveSoftmax)
        {
            using var vocab = model.VocabSize.ToScalar();
            outsideRows = torch.arange(Held.Zero, vocab, Held.One, ScalarType.Int64, _device);
            outsideLeaf = model.OutsideVectors.detach().clone().requires_grad_(true);
        }
        else
        {
            outsideRows = torch.tensor(outsideIds.Rows.ToArray(), device: _device);
            outsideLeaf = model.OutsideVectors.index_select(0, outsideRows).detach().requires_grad_(true);
        }

        var inputs = torch.tensor(localInputs, new long[] { b, w }, device: _device);
        var targets = torch.tensor(localTargets, device: _device);
        var negatives = naiveSoftmax ? null : torch.tensor(localNegatives, new long[] { b, k }, device: _device);
        var g = _architecture.Forward(centerLeaf, outsideLeaf, inputs, mask, targets, negatives);
        var grads = torch.autograd.grad(new[] { g.Loss }, new[] { centerLeaf, outsideLeaf }, allow_unused: true);
        using (torch.no_grad())
        {
            // An unused leaf's gradient is null-or-invalid (TorchSharp gives an invalid tensor).
            using var minusStep = (-stepSize).ToScalar();
            if (grads[0] is { IsInvalid: false }) model.CenterVectors.index_add_(0, centerRows, grads[0], minusStep);
            if (grads[1] is { IsInvalid: false }) model.OutsideVectors.index_add_(0, outsideRows, grads[1], minusStep);
        }
        return g.Loss.detach();
    }

    /// <summary>Global row ids → dense local ids, in order of first use.</summary>
    private sealed class RowRemap
    {
        private readonly Dictionary<long, long> _local = new();
        public List<long> Rows { get; } = new();

        public long Local(long row)
        {
            if (!_local.TryGetValue(row, out var l))
            {
                l = Rows.Count;
                _local[row] = l;
                Rows.Add(row);
            }
            return l;
        }
    }
}
