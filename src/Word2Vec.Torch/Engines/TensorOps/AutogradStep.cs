using TorchSharp;
using Word2Vec.Torch.Backend;
using Word2Vec.Torch.Objective;
using Word2Vec.Torch.Sampling;
using static TorchSharp.torch;

namespace Word2Vec.Torch.Engines.TensorOps;

/// <summary>
/// training.engine = tensorAutograd: the step of <see cref="SgdStep"/> with libtorch's gradients in
/// place of the hand-derived ones, for comparing the two end to end. The rows the batch touches are
/// gathered into small leaf tensors (ids remapped to local rows on the host), autograd
/// differentiates the architecture's loss with respect to them, and the result is scattered back
/// with the same index_add_ update.
/// </summary>
public sealed class AutogradStep
{
    private readonly IArchitecture _architecture;
    private readonly Device _device;

    public AutogradStep(IArchitecture architecture, Device device)
    {
        _architecture = architecture ?? throw new ArgumentNullException(nameof(architecture));
        _device = device;
    }

    /// <summary>Applies the step for <paramref name="batch"/> (mask [B,W] already on the device); returns the summed loss.</summary>
    public Tensor Apply(Embeddings embeddings, TrainingBatch batch, Tensor mask, double stepSize)
    {
        var b = batch.Count;
        var w = batch.Width;
        var k = batch.NegativesPerExample;
        var centerIds = new RowRemap();
        var localInputs = new long[b * w];
        for (var i = 0; i < b * w; i++) localInputs[i] = centerIds.Local(batch.Inputs[i]);

        // Negative sampling touches the targets' and negatives' rows only: those are gathered. The other
        // losses read rows the ids do not name (naive softmax all of U, hierarchical softmax the path's
        // nodes): the whole output matrix is the leaf, indexed by the global ids.
        var wholeOutput = k == 0 || embeddings.OutsideRows != embeddings.VocabSize;
        var outsideIds = new RowRemap();
        long[] localTargets = new long[b], localNegatives = new long[b * k];
        if (wholeOutput)
        {
            Array.Copy(batch.Targets, localTargets, b);
            Array.Copy(batch.Negatives, localNegatives, b * k);
        }
        else
        {
            for (var i = 0; i < b; i++) localTargets[i] = outsideIds.Local(batch.Targets[i]);
            for (var i = 0; i < b * k; i++) localNegatives[i] = outsideIds.Local(batch.Negatives[i]);
        }

        var centerRows = torch.tensor(centerIds.Rows.ToArray(), device: _device);
        var centerLeaf = embeddings.CenterVectors.index_select(0, centerRows).detach().requires_grad_(true);
        Tensor outsideLeaf, outsideRows;
        if (wholeOutput)
        {
            using var rows = embeddings.OutsideRows.ToScalar();
            outsideRows = torch.arange(Held.Zero, rows, Held.One, ScalarType.Int64, _device);
            outsideLeaf = embeddings.OutsideVectors.detach().clone().requires_grad_(true);
        }
        else
        {
            outsideRows = torch.tensor(outsideIds.Rows.ToArray(), device: _device);
            outsideLeaf = embeddings.OutsideVectors.index_select(0, outsideRows).detach().requires_grad_(true);
        }

        var inputs = torch.tensor(localInputs, new long[] { b, w }, device: _device);
        var targets = torch.tensor(localTargets, device: _device);
        var negatives = k == 0 ? null : torch.tensor(localNegatives, new long[] { b, k }, device: _device);
        var g = _architecture.Forward(centerLeaf, outsideLeaf, inputs, mask, targets, negatives);
        // allow_unused: 0.107.0 aborts the process instead of throwing when an input is unused.
        var grads = torch.autograd.grad(new[] { g.Loss }, new[] { centerLeaf, outsideLeaf }, allow_unused: true);
        using (torch.no_grad())
        {
            using var minusStep = (-stepSize).ToScalar();
            // An unused leaf's gradient is null-or-invalid (TorchSharp gives an invalid tensor).
            if (grads[0] is { IsInvalid: false }) embeddings.CenterVectors.index_add_(0, centerRows, grads[0], minusStep);
            if (grads[1] is { IsInvalid: false }) embeddings.OutsideVectors.index_add_(0, outsideRows, grads[1], minusStep);
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
