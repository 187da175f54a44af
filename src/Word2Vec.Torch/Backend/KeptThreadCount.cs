using TorchSharp;

namespace Word2Vec.Torch.Backend;

/// <summary>
/// libtorch's intra-op thread count is the process's: what the library sets for its own work (a run's
/// training.threads, an evaluation's threads) is put back for the caller when this is disposed.
/// </summary>
internal readonly struct KeptThreadCount() : IDisposable
{
    private readonly int _before = torch.get_num_threads();

    public void Dispose() => torch.set_num_threads(_before);
}
