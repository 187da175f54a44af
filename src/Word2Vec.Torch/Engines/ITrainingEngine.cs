using Word2Vec.Torch.Sampling;

namespace Word2Vec.Torch.Engines;

/// <summary>
/// Where SGD steps run, on batches of one kind: the tensor engine (libtorch ops, any device) and the
/// cpu engine (managed SIMD kernels) on host batches (<see cref="TrainingBatch"/>), the device engine
/// on batches sampled on the device. An engine may keep the parameters anywhere; it hands them over
/// as an <see cref="Embeddings"/> for checkpoints and outputs.
/// </summary>
public interface ITrainingEngine<in TBatch> : IDisposable where TBatch : IBatch
{
    /// <summary>
    /// One step: θ[rows] −= stepSize · ∂J/∂θ[rows] for the batch's examples, J their summed loss.
    /// Returns J when <paramref name="wantLoss"/> (NaN otherwise, so a GPU need not sync).
    /// </summary>
    double Step(TBatch batch, double stepSize, bool wantLoss);

    /// <summary>The parameters now, as new embeddings the caller owns.</summary>
    Embeddings Export();

    /// <summary>The parameters now, valid until the next <see cref="Step"/> (a checkpoint is written from
    /// it while training waits): the engine may hand out its own memory instead of a copy (the cpu engine
    /// does). The caller disposes the object, never the engine's memory.</summary>
    Embeddings View() => Export();

    /// <summary>The final parameters, when training is over: the engine steps no more, so it may hand
    /// over its own memory instead of a copy (the cpu engine does). The caller owns them.</summary>
    Embeddings Finish() => Export();
}
