using TorchSharp;
using Word2Vec.Torch.Objective;
using static TorchSharp.torch;

namespace Word2Vec.Torch.Engines.OnDevice;

/// <summary>
/// training.engine = device: SGD steps on <see cref="DeviceBatch"/>es, the <see cref="SgdStep"/> on
/// tensors that never left the device, with the hot-row cap. The loss is read back (a device sync)
/// only when asked for.
/// </summary>
public sealed class DeviceEngine : ITrainingEngine<DeviceBatch>
{
    private readonly Embeddings _embeddings;
    private readonly SgdStep _step;
    private readonly double _rowUpdateCap;

    /// <param name="embeddings">The parameters; the engine owns them from now on.</param>
    /// <param name="architecture">Skip-gram with negative sampling (the pairs of a device batch).</param>
    /// <param name="rowUpdateCap">training.rowUpdateCap (0: plain summed SGD).</param>
    public DeviceEngine(Embeddings embeddings, IArchitecture architecture, double rowUpdateCap = 0)
    {
        _embeddings = embeddings ?? throw new ArgumentNullException(nameof(embeddings));
        _step = new SgdStep(architecture);
        _rowUpdateCap = rowUpdateCap;
    }

    /// <summary>θ[rows] −= stepSize·∂J/∂θ[rows] for the batch's pairs, J their summed loss; returns J
    /// when <paramref name="wantLoss"/>, NaN otherwise (no sync).</summary>
    public double Step(DeviceBatch batch, double stepSize, bool wantLoss)
    {
        using var scope = torch.NewDisposeScope();
        var loss = _step.Apply(_embeddings, batch.Inputs, batch.InputMask, batch.Targets, batch.Negatives, stepSize, _rowUpdateCap,
            checkIndices: false);   // the pairs are the corpus's checked ids and the noise table's words
        return wantLoss ? loss.cpu().to(ScalarType.Float64).item<double>() : double.NaN;
    }

    public Embeddings Export() => _embeddings.Clone();

    public void Dispose() => _embeddings.Dispose();
}
