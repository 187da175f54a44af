using System.Reflection;
using System.Runtime.InteropServices;

namespace TorchSharp.Native
{
    /// <summary>
    /// The P/Invoke surface of libTorchSharpShim (src/TorchSharp.Native/shim.cpp). Op codes
    /// must match the enums there. Every call that can fail returns null/-1 and leaves a
    /// message that <see cref="Check"/> turns into a managed exception.
    /// </summary>
    internal static unsafe class NativeMethods
    {
        private const string Lib = "TorchSharpShim";

        static NativeMethods()
        {
            NativeLibrary.SetDllImportResolver(typeof(NativeMethods).Assembly, Resolve);
        }

        /// <summary>
        /// Looks for the shim in $TORCHSHARP_SHIM_PATH (a file or folder), next to this assembly,
        /// and then wherever the system loader finds it.
        /// </summary>
        private static IntPtr Resolve(string name, Assembly assembly, DllImportSearchPath? path)
        {
            if (name != Lib) return IntPtr.Zero;
            const string file = "libTorchSharpShim.so";
            var candidates = new List<string>();
            var env = Environment.GetEnvironmentVariable("TORCHSHARP_SHIM_PATH");
            if (!string.IsNullOrEmpty(env))
                candidates.Add(Directory.Exists(env) ? Path.Combine(env, file) : env);
            candidates.Add(Path.Combine(AppContext.BaseDirectory, file));
            var here = Path.GetDirectoryName(assembly.Location);
            if (!string.IsNullOrEmpty(here)) candidates.Add(Path.Combine(here, file));
            foreach (var c in candidates)
                if (File.Exists(c) && NativeLibrary.TryLoad(c, out var handle)) return handle;
            if (NativeLibrary.TryLoad(file, out var h)) return h;
            throw new DllNotFoundException(
                $"The native TorchSharp shim ({file}) was not found. Looked in: {string.Join(", ", candidates)}. " +
                "Build it with './run.sh build' (it needs libtorch: apt-get install libtorch-dev), " +
                "or point TORCHSHARP_SHIM_PATH at it.");
        }

        /// <summary>Throws the pending native error, if any.</summary>
        internal static void Check()
        {
            var msg = tsh_last_error();
            if (msg != IntPtr.Zero) throw new ExternalException(Marshal.PtrToStringUTF8(msg));
        }

        internal static IntPtr Check(IntPtr handle)
        {
            if (handle == IntPtr.Zero) Check();
            return handle;
        }

        internal static int Check(int rc)
        {
            if (rc < 0) Check();
            return rc;
        }

        [DllImport(Lib)] internal static extern IntPtr tsh_last_error();
        [DllImport(Lib)] internal static extern long tsh_live_tensors();
        [DllImport(Lib)] internal static extern void tsh_free(IntPtr t);
        [DllImport(Lib)] internal static extern IntPtr tsh_version();

        [DllImport(Lib)] internal static extern int tsh_ndim(IntPtr t);
        [DllImport(Lib)] internal static extern int tsh_shape(IntPtr t, long* dims);
        [DllImport(Lib)] internal static extern int tsh_stride(IntPtr t, long* dims);
        [DllImport(Lib)] internal static extern int tsh_dtype(IntPtr t);
        [DllImport(Lib)] internal static extern int tsh_device_type(IntPtr t);
        [DllImport(Lib)] internal static extern int tsh_device_index(IntPtr t);
        [DllImport(Lib)] internal static extern long tsh_numel(IntPtr t);
        [DllImport(Lib)] internal static extern int tsh_requires_grad(IntPtr t);
        [DllImport(Lib)] internal static extern int tsh_is_leaf(IntPtr t);
        [DllImport(Lib)] internal static extern int tsh_set_requires_grad(IntPtr t, int value);

        [DllImport(Lib)] internal static extern IntPtr tsh_from_data(void* data, int srcDtype, long* dims, int ndims, int dtype, int devType, int devIndex, int requiresGrad);
        [DllImport(Lib)] internal static extern IntPtr tsh_scalar_tensor(int kind, double d, long l, int dtype, int devType, int devIndex, int requiresGrad);
        [DllImport(Lib)] internal static extern IntPtr tsh_new(int kind, long* dims, int ndims, int dtype, int devType, int devIndex, int requiresGrad, IntPtr generator);
        [DllImport(Lib)] internal static extern IntPtr tsh_full(long* dims, int ndims, int kind, double d, long l, int dtype, int devType, int devIndex, int requiresGrad);
        [DllImport(Lib)] internal static extern IntPtr tsh_randint(long low, long high, long* dims, int ndims, int dtype, int devType, int devIndex, int requiresGrad, IntPtr generator);
        [DllImport(Lib)] internal static extern IntPtr tsh_arange(int k0, double d0, long l0, int k1, double d1, long l1, int k2, double d2, long l2, int dtype, int devType, int devIndex, int requiresGrad);
        [DllImport(Lib)] internal static extern IntPtr tsh_multinomial(IntPtr probs, long n, int replacement, IntPtr generator);
        [DllImport(Lib)] internal static extern IntPtr tsh_randperm(long n, int dtype, int devType, int devIndex, IntPtr generator);

        [DllImport(Lib)] internal static extern IntPtr tsh_unary(IntPtr a, int op);
        [DllImport(Lib)] internal static extern int tsh_unary_(IntPtr a, int op);
        [DllImport(Lib)] internal static extern IntPtr tsh_binary(IntPtr a, IntPtr b, int op, int ak, double ad, long al);
        [DllImport(Lib)] internal static extern IntPtr tsh_binary_scalar(IntPtr a, int k, double d, long l, int op, int ak, double ad, long al);
        [DllImport(Lib)] internal static extern int tsh_binary_(IntPtr a, IntPtr b, int op, int ak, double ad, long al);
        [DllImport(Lib)] internal static extern int tsh_binary_scalar_(IntPtr a, int k, double d, long l, int op, int ak, double ad, long al);
        [DllImport(Lib)] internal static extern IntPtr tsh_clamp(IntPtr a, int hasMin, int k0, double d0, long l0, int hasMax, int k1, double d1, long l1);
        [DllImport(Lib)] internal static extern IntPtr tsh_masked_fill(IntPtr a, IntPtr mask, int k, double d, long l);
        [DllImport(Lib)] internal static extern IntPtr tsh_where(IntPtr cond, IntPtr a, IntPtr b);

        [DllImport(Lib)] internal static extern IntPtr tsh_reduce(IntPtr a, int op, long* dims, int ndims, int keepdim, int dtype, double p);
        [DllImport(Lib)] internal static extern int tsh_max_min_dim(IntPtr a, int isMax, long dim, int keepdim, out IntPtr values, out IntPtr indices);
        [DllImport(Lib)] internal static extern int tsh_topk(IntPtr a, long k, long dim, int largest, int sorted, out IntPtr values, out IntPtr indices);
        [DllImport(Lib)] internal static extern int tsh_sort(IntPtr a, long dim, int descending, out IntPtr values, out IntPtr indices);
        [DllImport(Lib)] internal static extern IntPtr tsh_softmax(IntPtr a, long dim, int log, int dtype);
        [DllImport(Lib)] internal static extern IntPtr tsh_cumsum(IntPtr a, long dim, int dtype);

        [DllImport(Lib)] internal static extern IntPtr tsh_index_select(IntPtr a, long dim, IntPtr index);
        [DllImport(Lib)] internal static extern IntPtr tsh_index_add(IntPtr a, long dim, IntPtr index, IntPtr source, int ak, double ad, long al, int inplace);
        [DllImport(Lib)] internal static extern IntPtr tsh_gather(IntPtr a, long dim, IntPtr index);
        [DllImport(Lib)] internal static extern IntPtr tsh_scatter_add(IntPtr a, long dim, IntPtr index, IntPtr src, int inplace);
        [DllImport(Lib)] internal static extern IntPtr tsh_select(IntPtr a, long dim, long index);
        [DllImport(Lib)] internal static extern IntPtr tsh_narrow(IntPtr a, long dim, long start, long length);
        [DllImport(Lib)] internal static extern IntPtr tsh_slice(IntPtr a, long dim, long start, long stop, long step);
        [DllImport(Lib)] internal static extern IntPtr tsh_cat(IntPtr* tensors, int n, long dim, int stack);

        [DllImport(Lib)] internal static extern IntPtr tsh_view(IntPtr a, long* dims, int ndims, int reshape);
        [DllImport(Lib)] internal static extern IntPtr tsh_unsqueeze(IntPtr a, long dim);
        [DllImport(Lib)] internal static extern IntPtr tsh_squeeze(IntPtr a, int hasDim, long dim);
        [DllImport(Lib)] internal static extern IntPtr tsh_transpose(IntPtr a, long d0, long d1);
        [DllImport(Lib)] internal static extern IntPtr tsh_expand(IntPtr a, long* dims, int ndims);
        [DllImport(Lib)] internal static extern IntPtr tsh_to(IntPtr a, int dtype, int devType, int devIndex, int copy);
        [DllImport(Lib)] internal static extern void* tsh_data_ptr(IntPtr a);
        [DllImport(Lib)] internal static extern int tsh_item(IntPtr a, out double d, out long l);
        [DllImport(Lib)] internal static extern int tsh_equal(IntPtr a, IntPtr b);
        [DllImport(Lib)] internal static extern int tsh_allclose(IntPtr a, IntPtr b, double rtol, double atol, int equalNan);

        [DllImport(Lib)] internal static extern int tsh_backward(IntPtr a);
        [DllImport(Lib)] internal static extern IntPtr tsh_grad(IntPtr a);
        [DllImport(Lib)] internal static extern int tsh_autograd_grad(IntPtr* outputs, int nOutputs, IntPtr* inputs, int nInputs, IntPtr* gradOutputs, int nGradOutputs, int retainGraph, int createGraph, int allowUnused, IntPtr* results);
        [DllImport(Lib)] internal static extern int tsh_is_grad_enabled();
        [DllImport(Lib)] internal static extern void tsh_set_grad_enabled(int enabled);

        [DllImport(Lib)] internal static extern void tsh_manual_seed(long seed);
        [DllImport(Lib)] internal static extern IntPtr tsh_default_generator(int devType, int devIndex);
        [DllImport(Lib)] internal static extern IntPtr tsh_generator_new(ulong seed, int devType, int devIndex);
        [DllImport(Lib)] internal static extern void tsh_generator_free(IntPtr g);
        [DllImport(Lib)] internal static extern int tsh_generator_manual_seed(IntPtr g, ulong seed);
        [DllImport(Lib)] internal static extern long tsh_generator_initial_seed(IntPtr g);
        [DllImport(Lib)] internal static extern IntPtr tsh_generator_get_state(IntPtr g);
        [DllImport(Lib)] internal static extern int tsh_generator_set_state(IntPtr g, IntPtr state);

        [DllImport(Lib)] internal static extern void tsh_set_num_threads(int n);
        [DllImport(Lib)] internal static extern int tsh_get_num_threads();
        [DllImport(Lib)] internal static extern void tsh_set_num_interop_threads(int n);
        [DllImport(Lib)] internal static extern int tsh_cuda_is_available();
        [DllImport(Lib)] internal static extern int tsh_cuda_device_count();
        [DllImport(Lib)] internal static extern int tsh_cuda_synchronize(long device);
        [DllImport(Lib)] internal static extern int tsh_cuda_manual_seed(long seed, int all);
        [DllImport(Lib)] internal static extern int tsh_save(IntPtr a, [MarshalAs(UnmanagedType.LPUTF8Str)] string path);
        [DllImport(Lib)] internal static extern IntPtr tsh_load([MarshalAs(UnmanagedType.LPUTF8Str)] string path);
    }

    /// <summary>Op codes of tsh_unary / tsh_unary_ (shim.cpp: UnaryOp).</summary>
    internal enum UnaryOp
    {
        Neg = 0, Exp = 1, Log = 2, Sigmoid = 3, LogSigmoid = 4, Abs = 5, Sqrt = 6, T = 7, Clone = 8, Detach = 9,
        Relu = 10, Tanh = 11, Contiguous = 12, Square = 13, Sign = 14, Floor = 15, IsNan = 16, IsFinite = 17,
        Log1p = 18, Rsqrt = 19, LogicalNot = 20, ArgmaxAll = 21, MaxAll = 22, MinAll = 23, ArgminAll = 24,
        Flatten = 25, Cpu = 26,
    }

    /// <summary>Op codes of the tsh_binary family (shim.cpp: BinaryOp).</summary>
    internal enum BinaryOp
    {
        Add = 0, Sub = 1, Mul = 2, Div = 3, Mm = 4, Matmul = 5, Bmm = 6, Dot = 7, Outer = 8, Mv = 9, Pow = 10,
        Eq = 11, Ne = 12, Lt = 13, Le = 14, Gt = 15, Ge = 16, Remainder = 17, Maximum = 18, Minimum = 19,
        RSub = 20, LogicalAnd = 21, LogicalOr = 22, Copy = 23, Clamp = 24, MaskedFill = 25, Fill = 26, RDiv = 27,
    }

    /// <summary>Op codes of tsh_reduce (shim.cpp: ReduceOp).</summary>
    internal enum ReduceOp { Sum = 0, Mean = 1, LogSumExp = 2, Norm = 3, Argmax = 4, Argmin = 5, Prod = 6 }

    /// <summary>Factory kinds of tsh_new (shim.cpp: FillKind).</summary>
    internal enum FillKind { Zeros = 0, Ones = 1, Empty = 2, Randn = 3, Rand = 4 }
}
