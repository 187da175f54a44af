using TorchSharp;
using static TorchSharp.torch;

namespace Word2Vec.Torch.Training;

/// <summary>
/// SGD steps on <see cref="DeviceBatch"/>es: the tensor part of <see cref="SgdStep"/> on tensors that
/// never left the device. The loss is read back (a device sync) only when asked for.
/// </summary>
public sealed class DeviceEngine : IDisposable
{
    private readonly EmbeddingModel _model;
    private readonly SgdStep _step;
    private readonly double _rowUpdateCap;

    /// <param name="model">The parameters; the engine owns them from now on.</param>
    /// <param name="step">The step (manual gradients).</param>
    /// <param name="rowUpdateCap">training.rowUpdateCap (0: plain summed SGD).</param>
    public DeviceEngine(EmbeddingModel model, SgdStep step, double rowUpdateCap = 0)
    {
        _model = model;
        _step = step;
        _rowUpdateCap = rowUpdateCap;
    }

    /// <summary>θ[rows] −= stepSize·∂J/∂θ[rows] for the batch's pairs, J their summed loss; returns J
    /// when <paramref name="wantLoss"/>, NaN otherwise (no sync).</summary>
    public double Step(DeviceBatch batch, double stepSize, bool wantLoss)
    {
        using var scope = torch.NewDisposeScope();
        var loss = _step.Apply(_model, batch.Inputs, batch.InputMask, batch.Targets, batch.Negatives, stepSize, _rowUpdateCap);
        return wantLoss ? loss.cpu().to(ScalarType.Float64).item<double>() : double.NaN;
    }

    /// <summary>The parameters now, as a new model the caller owns.</summary>
    public EmbeddingModel ExportModel()
    {
        using var scope = torch.NewDisposeScope();
        return new EmbeddingModel(_model.CenterVectors.detach().clone(), _model.OutsideVectors.detach().clone());
    }

    public void Dispose() => _model.Dispose();
}
