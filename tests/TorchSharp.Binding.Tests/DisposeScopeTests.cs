using System.Runtime.CompilerServices;
using TorchSharp;
using static TorchSharp.torch;
using static TorchSharp.Binding.Tests.TestUtil;

namespace TorchSharp.Binding.Tests;

/// <summary>Dispose scopes, per tensor; runs in parallel (scopes are per thread).</summary>
public class DisposeScopeTests
{
    [Fact]
    public void TensorsMadeInAScopeAreDisposedWithIt()
    {
        Tensor a, b;
        using (var scope = NewDisposeScope())
        {
            a = ones(2);
            b = a + 1;
            Assert.Equal(2, scope.DisposablesCount);
            Assert.False(a.IsInvalid);
        }
        Assert.True(a.IsInvalid);
        Assert.True(b.IsInvalid);
        Assert.Throws<InvalidOperationException>(() => a.Handle);
        Assert.Throws<InvalidOperationException>(() => b.shape);
    }

    [Fact]
    public void TensorsMadeOutsideAScopeAreNotTouched()
    {
        using var outside = ones(2);
        using (NewDisposeScope())
        {
            using var inside = outside * 2; // explicitly disposed too: harmless
        }
        Assert.False(outside.IsInvalid);
        Assert.Equal(new float[] { 1, 1 }, F(outside));
    }

    [Fact]
    public void MoveToOuterDisposeScopeKeepsATensorAlivePastItsScope()
    {
        Tensor kept, dropped;
        using (var outer = NewDisposeScope())
        {
            using (var inner = NewDisposeScope())
            {
                kept = (ones(3) * 4).MoveToOuterDisposeScope();
                dropped = zeros(1);
                Assert.Equal(2, inner.DisposablesCount); // ones(3) and dropped
                Assert.Equal(1, outer.DisposablesCount);
            }
            Assert.True(dropped.IsInvalid);
            Assert.False(kept.IsInvalid);
            Assert.Equal(new float[] { 4, 4, 4 }, F(kept));
        }
        Assert.True(kept.IsInvalid); // the outer scope owned it
    }

    [Fact]
    public void MoveToOuterWithNoOuterScopeDetaches()
    {
        Tensor t;
        using (NewDisposeScope())
        {
            t = ones(1).MoveToOuterDisposeScope();
        }
        Assert.False(t.IsInvalid);
        t.Dispose();
        Assert.True(t.IsInvalid);
    }

    [Fact]
    public void MoveToOuterOnATensorWithNoScopeDoesNothing()
    {
        using var t = ones(1);
        Assert.Same(t, t.MoveToOuterDisposeScope());
        Assert.Same(t, t.DetachFromDisposeScope());
        Assert.False(t.IsInvalid);
    }

    [Fact]
    public void DetachFromDisposeScopeHandsOwnershipToTheCaller()
    {
        Tensor a, b;
        using (var outer = NewDisposeScope())
        {
            using (var scope = NewDisposeScope())
            {
                a = ones(2).DetachFromDisposeScope();
                b = ones(2).DetatchFromDisposeScope(); // TorchSharp's old spelling
                Assert.Equal(0, scope.DisposablesCount);
            }
            Assert.Equal(0, outer.DisposablesCount); // detached from every scope, not moved out
        }
        Assert.False(a.IsInvalid);
        Assert.False(b.IsInvalid);
        a.Dispose();
        b.Dispose();
    }

    [Fact]
    public void DisposeEverythingKeepsTheScopeOpen()
    {
        using var scope = NewDisposeScope();
        var a = ones(2);
        var b = ones(2);
        scope.DisposeEverything();
        Assert.True(a.IsInvalid);
        Assert.True(b.IsInvalid);
        Assert.Equal(0, scope.DisposablesCount);
        var c = ones(2); // still collected by the open scope
        Assert.Equal(1, scope.DisposablesCount);
        scope.DisposeEverything();
        Assert.True(c.IsInvalid);
    }

    [Fact]
    public void DisposeEverythingButKeepsWhatItIsGiven()
    {
        using var scope = NewDisposeScope();
        var a = ones(2);
        var b = ones(2);
        var c = ones(2);
        scope.DisposeEverythingBut(a, c);
        Assert.False(a.IsInvalid);
        Assert.True(b.IsInvalid);
        Assert.False(c.IsInvalid);
        Assert.Equal(2, scope.DisposablesCount); // still the scope's
        scope.DisposeEverythingBut();
        Assert.True(a.IsInvalid);
    }

    [Fact]
    public void DisposingAnInnerScopeLeavesTheOuterScopesTensors()
    {
        using var outer = NewDisposeScope();
        var o = ones(2);
        using (NewDisposeScope())
        {
            var i = o + 1;
            Assert.Equal(new float[] { 2, 2 }, F(i));
        }
        Assert.False(o.IsInvalid);
        Assert.Equal(new float[] { 1, 1 }, F(o));
        Assert.Equal(1, outer.DisposablesCount);
    }

    [Fact]
    public void ThreeLevelsOfNesting()
    {
        Tensor t;
        using (var s1 = NewDisposeScope())
        {
            using (var s2 = NewDisposeScope())
            {
                using (NewDisposeScope())
                {
                    t = ones(1).MoveToOuterDisposeScope();
                }
                Assert.Equal(1, s2.DisposablesCount);
                t.MoveToOuterDisposeScope();
                Assert.Equal(0, s2.DisposablesCount);
            }
            Assert.False(t.IsInvalid);
            Assert.Equal(1, s1.DisposablesCount);
        }
        Assert.True(t.IsInvalid);
    }

    [Fact]
    public void ScopeMoveToOuterAndDetach()
    {
        Tensor a, b, d;
        using (var outer = NewDisposeScope())
        {
            using (var scope = NewDisposeScope())
            {
                a = ones(1);
                b = ones(1);
                d = ones(1);
                Assert.Same(a, scope.MoveToOuter(a));
                scope.MoveToOuter(b);
                Assert.Same(d, scope.Detach(d));
                Assert.Equal(0, scope.DisposablesCount);
            }
            Assert.Equal(2, outer.DisposablesCount);
            Assert.False(d.IsInvalid);
        }
        Assert.True(a.IsInvalid && b.IsInvalid);
        Assert.False(d.IsInvalid);
        d.Dispose();
    }

    [Fact]
    public void AScopeDoesNotMoveOrDetachTensorsItDoesNotHold()
    {
        using var outer = NewDisposeScope();
        var mine = ones(1);
        var free = ones(1).DetachFromDisposeScope();
        using (var inner = NewDisposeScope())
        {
            inner.MoveToOuter(free);  // not the inner scope's: left alone
            inner.MoveToOuter(mine);  // the outer scope's: left alone
            inner.Detach(mine);
        }
        Assert.Equal(1, outer.DisposablesCount);
        outer.DisposeEverything();
        Assert.True(mine.IsInvalid);
        Assert.False(free.IsInvalid); // still the caller's
        free.Dispose();
    }

    [Fact]
    public void DisposingATensorTakesItOutOfItsScope()
    {
        using var scope = NewDisposeScope();
        var a = ones(1);
        Assert.Equal(1, scope.DisposablesCount);
        a.Dispose();
        Assert.Equal(0, scope.DisposablesCount);
        a.Dispose(); // twice is harmless
    }

    [Fact]
    public void ScopesMustBeDisposedInnermostFirstAndOnlyOnce()
    {
        var outer = NewDisposeScope();
        var inner = NewDisposeScope();
        var t = ones(1);
        Assert.Throws<InvalidOperationException>(() => outer.Dispose());
        Assert.False(t.IsInvalid); // a refused dispose changes nothing
        inner.Dispose();
        Assert.True(t.IsInvalid);
        Assert.Throws<InvalidOperationException>(() => inner.Dispose());
        outer.Dispose();
        using var after = ones(1); // no scope is current any more
        Assert.False(after.IsInvalid);
    }

    [Fact]
    public void ResultsOfInPlaceOpsAndTuplesBelongToTheScope()
    {
        Tensor z, values, indexes;
        using var idx = tensor(new long[] { 0, 0 });
        using var src = ones(2);
        using (var scope = NewDisposeScope())
        {
            z = zeros(3);
            z.index_add_(0, idx, src, 1).scatter_add_(0, idx, src).add_(1);
            (values, indexes) = z.max(0);
            Assert.Equal(3, scope.DisposablesCount); // z, values, indexes
        }
        Assert.True(z.IsInvalid && values.IsInvalid && indexes.IsInvalid);
    }

    [Fact]
    public void ScopesArePerThread()
    {
        var scope = NewDisposeScope();
        Tensor? other = null;
        var thread = new Thread(() => other = ones(1));
        thread.Start();
        thread.Join();
        Assert.Equal(0, scope.DisposablesCount);
        scope.Dispose();
        Assert.False(other!.IsInvalid);
        other.Dispose();
    }
}

/// <summary>The native live-tensor count is process-wide: these tests run alone.</summary>
[Collection(GlobalStateCollection.Name)]
public class NativeMemoryTests
{
    private static long Settled()
    {
        for (var i = 0; i < 2; i++)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
        }
        return NativeTensors.LiveCount;
    }

    [Fact]
    public void TenThousandOpsInDisposeScopesLeaveTheLiveCountWhereItStarted()
    {
        using var w = tensor(new float[] { 0.5f, -0.25f, 1, 2 }, new long[] { 2, 2 }, requires_grad: true);
        using var x = tensor(new float[] { 1, 2, 3, 4 }, new long[] { 2, 2 });
        using var idx = tensor(new long[] { 1, 0 });
        using var acc = zeros(2, 2);
        var baseline = Settled();
        for (var i = 0; i < 1000; i++)
        {
            using var scope = NewDisposeScope();
            // ten ops a round, of every kind: factories, arithmetic, reductions, indexing, autograd
            var y = x.mm(w).sigmoid();                                  // 2
            var loss = (1.0 - y).log_sigmoid().sum();                   // 3
            var g = autograd.grad(new[] { loss }, new[] { w })[0];      // 1
            using (no_grad()) acc.index_add_(0, idx, g, -0.01);        // in place: no new tensor kept
            var (v, k) = acc.max(1);                                    // 2
            var s = v.softmax(0).topk(1);                               // 1 + 2
            if (i % 100 == 0) scope.DisposeEverything();
        }
        Assert.Equal(baseline, NativeTensors.LiveCount);
        Assert.True(baseline >= 4); // w, x, idx, acc at least
    }

    [Fact]
    public void MovedOutTensorsStayCountedUntilDisposed()
    {
        var baseline = Settled();
        Tensor kept;
        using (NewDisposeScope())
        {
            kept = (ones(3) + 1).MoveToOuterDisposeScope();
        }
        Assert.Equal(baseline + 1, NativeTensors.LiveCount);
        kept.Dispose();
        Assert.Equal(baseline, NativeTensors.LiveCount);
    }

    /// <summary>Makes n tensors, counts them while they are reachable, and drops them.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static (long counted, WeakReference[] refs) Abandon(int n)
    {
        var before = NativeTensors.LiveCount;
        var tensors = Enumerable.Range(0, n).Select(_ => ones(4) * 2).ToList();
        var counted = NativeTensors.LiveCount - before;
        GC.KeepAlive(tensors);
        return (counted, tensors.Select(t => new WeakReference(t)).ToArray());
    }

    [Fact]
    public void TheFinalizerFreesAbandonedTensors()
    {
        var baseline = Settled();
        var (counted, refs) = Abandon(200);
        Assert.True(counted >= 200, $"{counted} live tensors counted"); // the ones(4) temporaries may go early
        Assert.Equal(baseline, Settled());
        Assert.All(refs, r => Assert.False(r.IsAlive));
    }

    [Fact]
    public void FailedCallsLeakNothing()
    {
        using var a = ones(2, 3);
        using var idx = tensor(new long[] { 5 });
        var baseline = Settled();
        for (var i = 0; i < 100; i++)
        {
            using var scope = NewDisposeScope();
            Assert.ThrowsAny<Exception>(() => a.mm(a));
            Assert.ThrowsAny<Exception>(() => a.index_select(0, idx));
            Assert.ThrowsAny<Exception>(() => a.max(5));
            Assert.ThrowsAny<Exception>(() => autograd.grad(new[] { a.sum() }, new[] { a }));
            Assert.ThrowsAny<Exception>(() => load("/nonexistent/t.pt"));
        }
        Assert.Equal(baseline, NativeTensors.LiveCount);
    }

    [Fact]
    public void EveryGradResultAndScalarConversionIsFreed()
    {
        var baseline = Settled();
        using (NewDisposeScope())
        {
            var x = tensor(new double[] { 1, 2 }, requires_grad: true);
            (x * x).sum().backward();
            var g = x.grad!;
            Tensor implicitT = 3.0;
            var q = 1.0 / x;
            var (v, i) = x.topk(1);
            var state = new Generator(1).get_state();
            Assert.True(NativeTensors.LiveCount > baseline);
        }
        Assert.Equal(baseline, NativeTensors.LiveCount);
    }
}
