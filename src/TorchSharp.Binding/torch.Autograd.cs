using static TorchSharp.Native.NativeMethods;

namespace TorchSharp
{
    public static partial class torch
    {
        /// <summary>Turns gradient recording off until disposed (restoring the previous mode).</summary>
        public static IDisposable no_grad() => new GradMode(false);
        public static IDisposable enable_grad(bool enabled = true) => new GradMode(enabled);
        public static IDisposable set_grad_enabled(bool mode = true) => new GradMode(mode);
        public static bool is_grad_enabled() => tsh_is_grad_enabled() != 0;

        private sealed class GradMode : IDisposable
        {
            private readonly bool _previous;
            private bool _disposed;

            public GradMode(bool enabled)
            {
                _previous = tsh_is_grad_enabled() != 0;
                tsh_set_grad_enabled(enabled ? 1 : 0);
            }

            public void Dispose()
            {
                if (_disposed) return;
                _disposed = true;
                tsh_set_grad_enabled(_previous ? 1 : 0);
            }
        }

        public static partial class autograd
        {
            /// <summary>
            /// d(outputs)/d(inputs), as torch.autograd.grad: the same shape from TorchSharp 0.99 to 0.106.
            /// With allow_unused, an input the outputs do not depend on gives, as in TorchSharp, a
            /// Tensor whose IsInvalid is true (not null): test it with <c>g is null || g.IsInvalid</c>,
            /// which holds on both.
            /// </summary>
            public static unsafe IList<Tensor> grad(IList<Tensor> outputs, IList<Tensor> inputs, IList<Tensor>? grad_outputs = null,
                bool retain_graph = false, bool create_graph = false, bool allow_unused = false)
            {
                var outs = outputs.Select(t => t.Handle).ToArray();
                var ins = inputs.Select(t => t.Handle).ToArray();
                var gouts = (grad_outputs ?? Array.Empty<Tensor>()).Select(t => t.Handle).ToArray();
                var results = new IntPtr[ins.Length];
                fixed (IntPtr* po = outs)
                fixed (IntPtr* pi = ins)
                fixed (IntPtr* pg = gouts)
                fixed (IntPtr* pr = results)
                    Check(tsh_autograd_grad(po, outs.Length, pi, ins.Length, pg, gouts.Length,
                        retain_graph ? 1 : 0, create_graph ? 1 : 0, allow_unused ? 1 : 0, pr));
                return results.Select(h => h == IntPtr.Zero ? Tensor.Undefined() : new Tensor(h)).ToList();
            }
        }
    }
}
