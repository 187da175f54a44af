using static TorchSharp.Native.NativeMethods;

namespace TorchSharp
{
    public static partial class torch
    {
        public partial class Tensor
        {
            // ---------------------------------------------------------------- indexing

            public Tensor index_select(long dim, Tensor index) => From(tsh_index_select(Handle, dim, index.Handle));

            /// <summary>self[index[i]] += alpha * source[i] along dim; duplicate indices accumulate.</summary>
            public Tensor index_add_(long dim, Tensor index, Tensor source, Scalar alpha)
            {
                var h = Check(tsh_index_add(Handle, dim, index.Handle, source.Handle, (int)alpha.kind, alpha.d, alpha.l, 1));
                tsh_free(h); // the shim returns a second handle to self; in place we return this
                return this;
            }

            public Tensor index_add(long dim, Tensor index, Tensor source, Scalar alpha) =>
                From(tsh_index_add(Handle, dim, index.Handle, source.Handle, (int)alpha.kind, alpha.d, alpha.l, 0));

            public Tensor gather(long dim, Tensor index) => From(tsh_gather(Handle, dim, index.Handle));

            public Tensor scatter_add_(long dim, Tensor index, Tensor src)
            {
                var h = Check(tsh_scatter_add(Handle, dim, index.Handle, src.Handle, 1));
                tsh_free(h);
                return this;
            }

            public Tensor scatter_add(long dim, Tensor index, Tensor src) =>
                From(tsh_scatter_add(Handle, dim, index.Handle, src.Handle, 0));

            /// <summary>t[i]: the i-th slice along dim 0 (a view).</summary>
            public Tensor this[long i1] => From(tsh_select(Handle, 0, i1));

            /// <summary>t[i, j]: the element (or slice) at i along dim 0 and j along dim 1.</summary>
            public Tensor this[long i1, long i2]
            {
                get
                {
                    using var row = this[i1];
                    return From(tsh_select(row.Handle, 0, i2));
                }
            }

            public Tensor select(long dim, long index) => From(tsh_select(Handle, dim, index));

            public Tensor narrow(long dim, long start, long length) => From(tsh_narrow(Handle, dim, start, length));

            public Tensor slice(long dim, long start, long finish, long step) => From(tsh_slice(Handle, dim, start, finish, step));

            // ---------------------------------------------------------------- shape

            public unsafe Tensor view(params long[] shape)
            {
                fixed (long* p = shape) return From(tsh_view(Handle, p, shape.Length, 0));
            }

            public unsafe Tensor reshape(params long[] shape)
            {
                fixed (long* p = shape) return From(tsh_view(Handle, p, shape.Length, 1));
            }

            public unsafe Tensor expand(params long[] sizes)
            {
                fixed (long* p = sizes) return From(tsh_expand(Handle, p, sizes.Length));
            }

            public Tensor unsqueeze(long dim) => From(tsh_unsqueeze(Handle, dim));

            public Tensor squeeze(long? dim = null) =>
                From(tsh_squeeze(Handle, dim.HasValue ? 1 : 0, dim ?? 0));

            public Tensor transpose(long dim0, long dim1) => From(tsh_transpose(Handle, dim0, dim1));
        }
    }
}
