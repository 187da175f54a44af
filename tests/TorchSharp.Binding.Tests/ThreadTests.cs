using System.Runtime.InteropServices;
using TorchSharp;
using static TorchSharp.torch;
using static TorchSharp.Binding.Tests.TestUtil;

namespace TorchSharp.Binding.Tests;

public class ThreadTests
{
    [Fact]
    public void ConcurrentOpsOnSeveralThreadsGiveTheRightResults()
    {
        var failures = 0;
        Parallel.For(0, 8, new ParallelOptions { MaxDegreeOfParallelism = 4 }, k =>
        {
            using var scope = NewDisposeScope();
            for (var round = 0; round < 50; round++)
            {
                var a = full(new long[] { 3, 3 }, (double)k, ScalarType.Float64);
                var b = eye3() * (round + 1);
                var p = a.mm(b).sum().item<double>();
                if (p != 9.0 * k * (round + 1)) Interlocked.Increment(ref failures);
                scope.DisposeEverything();
            }
        });
        Assert.Equal(0, failures);
    }

    private static Tensor eye3()
    {
        var e = zeros(3, 3, ScalarType.Float64);
        using var idx = tensor(new long[] { 0, 1, 2 });
        // put ones on the diagonal: gather-free, through scatter_add_ along dim 1
        using var diag = idx.unsqueeze(1);
        using var src = ones(3, 1, ScalarType.Float64);
        return e.scatter_add_(1, diag, src);
    }

    [Fact]
    public void ErrorsAreReportedOnTheThreadThatMadeThem()
    {
        using var bad = ones(2, 3);
        using var good = ones(3, 2);
        var wrongMessages = 0;
        Parallel.For(0, 400, new ParallelOptions { MaxDegreeOfParallelism = 4 }, i =>
        {
            if (i % 2 == 0)
            {
                var e = Assert.Throws<ExternalException>(() => bad.mm(bad));
                if (!e.Message.Contains("cannot be multiplied")) Interlocked.Increment(ref wrongMessages);
            }
            else
            {
                using var p = bad.mm(good); // must not pick up another thread's error
                if (p.shape[0] != 2) Interlocked.Increment(ref wrongMessages);
            }
        });
        Assert.Equal(0, wrongMessages);
    }

    [Fact]
    public void GradModeIsPerThread()
    {
        using var w = tensor(new float[] { 1 }, requires_grad: true);
        using (no_grad())
        {
            var otherThreadRecords = false;
            var t = new Thread(() =>
            {
                using var y = w * 2;
                otherThreadRecords = y.requires_grad && is_grad_enabled();
            });
            t.Start();
            t.Join();
            Assert.True(otherThreadRecords);
            Assert.False(is_grad_enabled());
        }
    }

    [Fact]
    public void TensorsCanBeDisposedOnAnotherThread()
    {
        var t = ones(100);
        var thread = new Thread(() => t.Dispose());
        thread.Start();
        thread.Join();
        Assert.True(t.IsInvalid);
    }
}

/// <summary>libtorch's thread pools are process-wide.</summary>
[Collection(GlobalStateCollection.Name)]
public class ThreadCountTests
{
    [Fact]
    public void SetAndGetNumThreads()
    {
        var before = get_num_threads();
        Assert.True(before >= 1);
        try
        {
            set_num_threads(1);
            Assert.Equal(1, get_num_threads());
            set_num_threads(2);
            Assert.Equal(2, get_num_threads());
            using var m = ones(64, 64);
            Assert.Equal(64f * 64 * 64, m.mm(m).sum().item<float>()); // still computes
        }
        finally
        {
            set_num_threads(before);
        }
        Assert.Equal(before, get_num_threads());
    }

    [Fact]
    public void SetNumInteropThreadsNeverThrows()
    {
        // libtorch allows this once, before any inter-op work; later calls are ignored.
        set_num_interop_threads(1);
        set_num_interop_threads(2);
        using var t = ones(2);
        Assert.Equal(2f, t.sum().item<float>());
    }
}
