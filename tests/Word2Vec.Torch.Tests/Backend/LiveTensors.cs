using TorchSharp;

namespace Word2Vec.Torch.Tests.Backend;

/// <summary>
/// TorchSharp's own tensor counters: this thread's live count (created − disposed here,
/// <see cref="DisposeScopeManager.Statistics"/>) and the process-wide count of managed tensors not
/// yet freed (<c>torch.Tensor.TotalCount</c>; a tensor the finalizer frees counts until then).
/// Tests that compare them run in <see cref="ProcessWideTorchState"/>, alone.
/// </summary>
internal readonly record struct LiveTensors(long OnThisThread, long InProcess)
{
    /// <summary>The counts now, after a full collection has run every pending finalizer.</summary>
    public static LiveTensors Now()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        return new LiveTensors(DisposeScopeManager.Statistics.ThreadTotalLiveCount, torch.Tensor.TotalCount);
    }

    /// <summary>Asserts that nothing created since <paramref name="baseline"/> is still alive, freed or not by the GC.</summary>
    public static void AssertNoneLeakedSince(LiveTensors baseline, string what)
    {
        // Without a collection: a tensor left to the finalizer is still counted (that is the leak).
        Assert.True(baseline.InProcess == torch.Tensor.TotalCount,
            $"{what}: {torch.Tensor.TotalCount - baseline.InProcess} tensors still allocated");
        Assert.True(baseline.OnThisThread == DisposeScopeManager.Statistics.ThreadTotalLiveCount,
            $"{what}: {DisposeScopeManager.Statistics.ThreadTotalLiveCount - baseline.OnThisThread} tensors created on this thread not disposed");
    }
}

/// <summary>The tests that read or set libtorch's process-wide state (the live tensor count, the intra-op thread
/// count): they run alone, so nothing else creates tensors or sets the count while they do.</summary>
[CollectionDefinition(nameof(ProcessWideTorchState), DisableParallelization = true)]
public sealed class ProcessWideTorchState { }
