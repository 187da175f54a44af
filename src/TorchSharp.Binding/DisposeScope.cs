using TorchSharp.Binding;

namespace TorchSharp
{
    /// <summary>
    /// TorchSharp's dispose scope: every tensor created on this thread while the scope is the
    /// innermost one is disposed with it, unless moved out (<see cref="MoveToOuter{T}"/>,
    /// <see cref="torch.Tensor.MoveToOuterDisposeScope"/>) or detached.
    /// </summary>
    public sealed class DisposeScope : IDisposable
    {
        private readonly HashSet<torch.Tensor> _tensors = new(ReferenceEqualityComparer.Instance);
        private bool _disposed;

        internal DisposeScope? OuterScope { get; }

        internal DisposeScope(DisposeScope? outer) { OuterScope = outer; }

        /// <summary>How many tensors this scope would dispose now (an int, as in TorchSharp).</summary>
        public int DisposablesCount => _tensors.Count;

        internal void Add(torch.Tensor t)
        {
            _tensors.Add(t);
            t.OwningScope = this;
        }

        /// <summary>Takes t out of this scope; false (and nothing changes) when this scope does not hold it.</summary>
        internal bool Remove(torch.Tensor t)
        {
            if (!_tensors.Remove(t)) return false;
            if (ReferenceEquals(t.OwningScope, this)) t.OwningScope = null;
            return true;
        }

        /// <summary>
        /// Moves a tensor that this scope holds to the enclosing
        /// scope (out of every scope when there is none). Tensors this scope does not hold are left
        /// where they are, as in TorchSharp.
        /// </summary>
        public T MoveToOuter<T>(T disposable) where T : IDisposable
        {
            foreach (var t in Tensors(disposable))
                if (Remove(t)) OuterScope?.Add(t);
            return disposable;
        }

        /// <summary>Takes a tensor this scope holds out of every scope: the caller now owns it.</summary>
        public T Detach<T>(T disposable) where T : IDisposable
        {
            foreach (var t in Tensors(disposable)) Remove(t);
            return disposable;
        }

        /// <summary>Disposes everything in the scope now; the scope stays open.</summary>
        public void DisposeEverything() => DisposeEverythingBut();

        public void DisposeEverythingBut(params IDisposable[] keep)
        {
            var kept = new HashSet<object>(keep.SelectMany(k => Tensors(k)), ReferenceEqualityComparer.Instance);
            foreach (var t in _tensors.ToArray())
            {
                if (kept.Contains(t)) continue;
                _tensors.Remove(t);
                t.OwningScope = null;
                t.Dispose();
            }
        }

        public void Dispose()
        {
            if (_disposed) throw new InvalidOperationException("This DisposeScope was already disposed.");
            DisposeScopeManager.Pop(this); // throws, leaving the scope intact, unless it is the innermost
            _disposed = true;
            foreach (var t in _tensors)
            {
                t.OwningScope = null;
                t.Dispose();
            }
            _tensors.Clear();
        }

        // Only tensors live in scopes here (TorchSharp's scopes also take other IDisposables).
        private static IEnumerable<torch.Tensor> Tensors(object? o)
        {
            if (o is torch.Tensor t) yield return t;
        }
    }

    internal static class DisposeScopeManager
    {
        [ThreadStatic] private static DisposeScope? _current;

        internal static DisposeScope? Current => _current;

        internal static DisposeScope Push()
        {
            var scope = new DisposeScope(_current);
            _current = scope;
            return scope;
        }

        internal static void Pop(DisposeScope scope)
        {
            if (!ReferenceEquals(_current, scope))
                throw new InvalidOperationException("Dispose scopes must be disposed innermost first, on the thread that opened them.");
            _current = scope.OuterScope;
        }
    }
}

namespace TorchSharp.Binding
{
    /// <summary>
    /// Diagnostics of the in-repo binding (not part of TorchSharp's API): how many native
    /// tensor handles are alive, for leak tests.
    /// </summary>
    public static class NativeTensors
    {
        public static long LiveCount => TorchSharp.Native.NativeMethods.tsh_live_tensors();
    }
}
