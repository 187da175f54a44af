using TorchSharp;
using Word2Vec.Torch.Data;
using static TorchSharp.torch;

namespace Word2Vec.Torch.Training;

/// <summary>The reference engine: each batch is one <see cref="SgdStep"/> of libtorch ops on the model's tensors.</summary>
public sealed class TensorEngine : ITrainingEngine
{
    private readonly EmbeddingModel _model;
    private readonly SgdStep _step;

    /// <param name="model">The parameters; the engine owns them from now on.</param>
    public TensorEngine(EmbeddingModel model, SgdStep step)
    {
        _model = model;
        _step = step;
    }

    public double Step(TrainingBatch batch, double stepSize, bool wantLoss)
    {
        using var scope = torch.NewDisposeScope();
        var loss = _step.Apply(_model, batch, stepSize);
        return wantLoss ? loss.cpu().to(ScalarType.Float64).item<double>() : double.NaN;
    }

    public EmbeddingModel ExportModel()
    {
        using var scope = torch.NewDisposeScope();
        return new EmbeddingModel(_model.CenterVectors.detach().clone(), _model.OutsideVectors.detach().clone());
    }

    public void Dispose() => _model.Dispose();
}
