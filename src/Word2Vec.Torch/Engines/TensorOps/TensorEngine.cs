using TorchSharp;
using Word2Vec.Torch.Objective;
using Word2Vec.Torch.Sampling;
using static TorchSharp.torch;

namespace Word2Vec.Torch.Engines.TensorOps;

/// <summary>
/// training.engine = tensor (and tensorAutograd): each host batch is copied to the parameters's device
/// (into tensors kept from step to step, <see cref="HostBatchTensors"/>) and applied as one
/// <see cref="SgdStep"/> of libtorch ops on the parameters's tensors (or one <see cref="AutogradStep"/>,
/// with autograd's gradients). The reference engine, on any device.
/// </summary>
public sealed class TensorEngine : ITrainingEngine<TrainingBatch>
{
    private readonly Embeddings _embeddings;
    private readonly SgdStep _step;
    private readonly AutogradStep? _autograd;
    private readonly Device _device;
    private readonly ScalarType _dtype;
    private readonly double _rowUpdateCap;
    private readonly HostBatchTensors _host;
    private readonly int _parts;

    /// <param name="embeddings">The parameters; the engine owns them from now on.</param>
    /// <param name="architecture">The architecture and its output loss.</param>
    /// <param name="autograd">Take autograd's gradients instead of the hand-derived ones.</param>
    /// <param name="rowUpdateCap">training.rowUpdateCap (see <see cref="SgdStep.Apply"/>; 0: the plain summed step).</param>
    /// <param name="parts">Threads that compute a batch's gradients at once (see <see cref="SgdStep.Apply"/>; 1: libtorch's own threads).</param>
    public TensorEngine(Embeddings embeddings, IArchitecture architecture, bool autograd = false, double rowUpdateCap = 0, int parts = 1)
    {
        if (parts < 1) throw new ArgumentOutOfRangeException(nameof(parts), parts, "must be at least 1");
        _parts = parts;
        if (autograd && rowUpdateCap > 0)
            throw new ArgumentException("the autograd step takes the plain summed step; rowUpdateCap must be 0", nameof(rowUpdateCap));
        _rowUpdateCap = rowUpdateCap;
        _embeddings = embeddings ?? throw new ArgumentNullException(nameof(embeddings));
        _device = embeddings.CenterVectors.device;
        _dtype = embeddings.Dtype;
        _step = new SgdStep(architecture);
        _autograd = autograd ? new AutogradStep(architecture, _device) : null;
        _host = new HostBatchTensors(_device, _dtype, embeddings.VocabSize);
    }

    public double Step(TrainingBatch batch, double stepSize, bool wantLoss)
    {
        using var scope = torch.NewDisposeScope();
        var (inputs, mask, targets, negatives) = _host.Of(batch);   // every id checked on the host
        var loss = _autograd is not null
            ? _autograd.Apply(_embeddings, batch, mask, stepSize)
            : _step.Apply(_embeddings, inputs, mask, targets, negatives, stepSize, _rowUpdateCap, checkIndices: false, _parts);
        return wantLoss ? loss.cpu().to(ScalarType.Float64).item<double>() : double.NaN;
    }

    public Embeddings Export() => _embeddings.Clone();

    public void Dispose()
    {
        _host.Dispose();
        _embeddings.Dispose();
    }
}
