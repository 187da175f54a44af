using TorchSharp;
using Word2Vec.Torch.Objective;
using Word2Vec.Torch.Sampling;
using static TorchSharp.torch;

namespace Word2Vec.Torch.Engines.TensorOps;

/// <summary>
/// training.engine = tensor (and tensorAutograd): each host batch is copied to the parameters's device
/// and applied as one <see cref="SgdStep"/> of libtorch ops on the parameters's tensors (or one
/// <see cref="AutogradStep"/>, with autograd's gradients). The reference engine, on any device.
/// </summary>
public sealed class TensorEngine : ITrainingEngine<TrainingBatch>
{
    private readonly Embeddings _embeddings;
    private readonly SgdStep _step;
    private readonly AutogradStep? _autograd;
    private readonly Device _device;
    private readonly ScalarType _dtype;
    private readonly double _rowUpdateCap;

    /// <param name="embeddings">The parameters; the engine owns them from now on.</param>
    /// <param name="architecture">The architecture and its output loss.</param>
    /// <param name="autograd">Take autograd's gradients instead of the hand-derived ones.</param>
    /// <param name="rowUpdateCap">training.rowUpdateCap (see <see cref="SgdStep.Apply"/>; 0: the plain summed step).</param>
    public TensorEngine(Embeddings embeddings, Word2VecArchitecture architecture, bool autograd = false, double rowUpdateCap = 0)
    {
        if (autograd && rowUpdateCap > 0)
            throw new ArgumentException("the autograd step takes the plain summed step; rowUpdateCap must be 0", nameof(rowUpdateCap));
        _rowUpdateCap = rowUpdateCap;
        _embeddings = embeddings ?? throw new ArgumentNullException(nameof(embeddings));
        _device = embeddings.CenterVectors.device;
        _dtype = embeddings.Dtype;
        _step = new SgdStep(architecture);
        _autograd = autograd ? new AutogradStep(architecture, _device) : null;
    }

    public double Step(TrainingBatch batch, double stepSize, bool wantLoss)
    {
        using var scope = torch.NewDisposeScope();
        var (b, w, k) = (batch.Count, batch.Width, batch.NegativesPerExample);
        var mask = torch.tensor(batch.InputMask.AsSpan(0, b * w).ToArray(), new long[] { b, w }, _dtype, _device);
        Tensor loss;
        if (_autograd is not null)
        {
            loss = _autograd.Apply(_embeddings, batch, mask, stepSize);
        }
        else
        {
            var inputs = torch.tensor(batch.Inputs.AsSpan(0, b * w).ToArray(), new long[] { b, w }, device: _device);
            var targets = torch.tensor(batch.Targets.AsSpan(0, b).ToArray(), device: _device);
            var negatives = k > 0 ? torch.tensor(batch.Negatives.AsSpan(0, b * k).ToArray(), new long[] { b, k }, device: _device) : null;
            loss = _step.Apply(_embeddings, inputs, mask, targets, negatives, stepSize, _rowUpdateCap);
        }
        return wantLoss ? loss.cpu().to(ScalarType.Float64).item<double>() : double.NaN;
    }

    public Embeddings Export() => _embeddings.Clone();

    public void Dispose() => _embeddings.Dispose();
}
