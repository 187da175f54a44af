using Word2Vec.Torch.Data;

namespace Word2Vec.Torch.Training;

/// <summary>
/// Where SGD steps run. The tensor engine (the reference, and the default on CUDA) does each
/// batch with libtorch ops; other engines may keep the parameters elsewhere, and hand them
/// over as an <see cref="EmbeddingModel"/> for checkpoints and outputs.
/// </summary>
public interface ITrainingEngine : IDisposable
{
    /// <summary>
    /// One step: θ[rows] −= stepSize · ∂J/∂θ[rows] for the batch's examples, J their summed loss.
    /// Returns J when <paramref name="wantLoss"/> (NaN otherwise, so a GPU need not sync).
    /// </summary>
    double Step(TrainingBatch batch, double stepSize, bool wantLoss);

    /// <summary>The parameters now, as a new model the caller owns.</summary>
    EmbeddingModel ExportModel();
}
