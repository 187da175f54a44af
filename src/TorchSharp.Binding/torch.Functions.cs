using static TorchSharp.Native.NativeMethods;

namespace TorchSharp
{
    public static partial class torch
    {
        // Static forms of tensor ops, as TorchSharp declares them.
        public static Tensor mm(Tensor input, Tensor target) => input.mm(target);
        public static Tensor matmul(Tensor input, Tensor target) => input.matmul(target);
        public static Tensor bmm(Tensor input, Tensor batch2) => input.bmm(batch2);
        public static Tensor sigmoid(Tensor input) => input.sigmoid();
        public static Tensor exp(Tensor input) => input.exp();
        public static Tensor log(Tensor input) => input.log();
        public static Tensor neg(Tensor input) => input.neg();
        public static Tensor sqrt(Tensor input) => input.sqrt();
        public static Tensor abs(Tensor input) => input.abs();
        public static Tensor relu(Tensor input) => input.relu();
        public static Tensor tanh(Tensor input) => input.tanh();
        public static Tensor clamp(Tensor input, Scalar? min = null, Scalar? max = null) => input.clamp(min, max);
        public static Tensor softmax(Tensor input, int dim, ScalarType? dtype = null) => input.softmax(dim, dtype);
        public static Tensor log_softmax(Tensor input, long dim, ScalarType? dtype = null) => input.log_softmax(dim, dtype);
        public static Tensor logsumexp(Tensor input, long dim, bool keepdim = false) => input.logsumexp(dim, keepdim);
        public static Tensor index_select(Tensor input, long dim, Tensor index) => input.index_select(dim, index);
        public static Tensor gather(Tensor input, long dim, Tensor index) => input.gather(dim, index);
        public static Tensor maximum(Tensor input, Tensor other) => input.maximum(other);
        public static Tensor minimum(Tensor input, Tensor other) => input.minimum(other);
        public static (Tensor values, Tensor indexes) topk(Tensor tensor, int k, int dim = -1, bool largest = true, bool sorted = true) =>
            tensor.topk(k, dim, largest, sorted);

        public static Tensor where(Tensor condition, Tensor x, Tensor y) =>
            Tensor.From(tsh_where(condition.Handle, x.Handle, y.Handle));

        public static Tensor cat(IList<Tensor> tensors, long dim = 0) => Join(tensors, dim, stack: false);

        public static Tensor stack(IEnumerable<Tensor> tensors, long dim = 0) => Join(tensors.ToList(), dim, stack: true);

        private static unsafe Tensor Join(IList<Tensor> tensors, long dim, bool stack)
        {
            if (tensors.Count == 0) throw new ArgumentException("No tensors to join.", nameof(tensors));
            var handles = new IntPtr[tensors.Count];
            for (var i = 0; i < handles.Length; i++) handles[i] = tensors[i].Handle;
            fixed (IntPtr* p = handles) return Tensor.From(tsh_cat(p, handles.Length, dim, stack ? 1 : 0));
        }

        /// <summary>libtorch's version, e.g. "1.13.0".</summary>
        public static string __version__ => System.Runtime.InteropServices.Marshal.PtrToStringUTF8(tsh_version()) ?? "";

        // ---------------------------------------------------------------- threads

        public static void set_num_threads(int num) => tsh_set_num_threads(num);
        public static int get_num_threads() => tsh_get_num_threads();
        public static void set_num_interop_threads(int num) => tsh_set_num_interop_threads(num);

        // ---------------------------------------------------------------- serialisation

        /// <summary>Writes a tensor to a file (PyTorch's pickle format, which Python's torch.load reads).</summary>
        public static void save(Tensor t, string location) => Check(tsh_save(t.Handle, location));

        /// <summary>Reads a tensor written by <see cref="save"/>.</summary>
        public static Tensor load(string location) => Tensor.From(tsh_load(location));

        // ---------------------------------------------------------------- dispose scopes

        public static DisposeScope NewDisposeScope() => DisposeScopeManager.Push();

        // ---------------------------------------------------------------- CUDA

        public static bool cuda_is_available() => cuda.is_available();

        public static partial class cuda
        {
            public static bool is_available() => tsh_cuda_is_available() != 0;
            public static int device_count() => tsh_cuda_device_count();

            public static void synchronize(Device? device = null)
            {
                if (is_available()) Check(tsh_cuda_synchronize(device?.index ?? -1));
            }

            /// <summary>Seeds the current CUDA device's default generator (not the CPU's); a no-op without CUDA.</summary>
            public static void manual_seed(long seed) { if (is_available()) Check(tsh_cuda_manual_seed(seed, 0)); }

            /// <summary>Seeds every CUDA device's default generator (not the CPU's); a no-op without CUDA.</summary>
            public static void manual_seed_all(long seed) { if (is_available()) Check(tsh_cuda_manual_seed(seed, 1)); }
        }
    }
}
