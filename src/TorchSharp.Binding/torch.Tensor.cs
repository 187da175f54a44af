using System.Runtime.InteropServices;
using TorchSharp.Native;
using static TorchSharp.Native.NativeMethods;

namespace TorchSharp
{
    public static partial class torch
    {
        /// <summary>
        /// A tensor: an owning handle to a libtorch tensor (TorchSharp's <c>torch.Tensor</c>).
        /// This part holds lifetime, metadata and element access; the ops are in the other parts.
        /// </summary>
        public partial class Tensor : IDisposable
        {
            private IntPtr handle;

            internal DisposeScope? OwningScope { get; set; }

            internal Tensor(IntPtr handle)
            {
                if (handle == IntPtr.Zero) throw new ArgumentNullException(nameof(handle));
                this.handle = handle;
                DisposeScopeManager.Current?.Add(this);
            }

            private Tensor() { } // handle zero: IsInvalid from the start

            /// <summary>
            /// A tensor object with no native tensor behind it (IsInvalid; Handle throws), which is
            /// what TorchSharp hands back for an undefined result, e.g. autograd.grad's entry for
            /// an unused input under allow_unused.
            /// </summary>
            internal static Tensor Undefined() => new();

            /// <summary>Wraps the result handle of a native call, throwing its error if it failed.</summary>
            internal static Tensor From(IntPtr h) => new(Check(h));

            public IntPtr Handle
            {
                get
                {
                    if (handle == IntPtr.Zero) throw new InvalidOperationException("Tensor invalid -- empty handle (it was disposed).");
                    return handle;
                }
            }

            public bool IsInvalid => handle == IntPtr.Zero;

            ~Tensor() => Free();

            public void Dispose()
            {
                OwningScope?.Remove(this);
                Free();
                GC.SuppressFinalize(this);
            }

            private void Free()
            {
                var h = Interlocked.Exchange(ref handle, IntPtr.Zero);
                if (h != IntPtr.Zero) tsh_free(h);
            }

            /// <summary>Moves this tensor to the dispose scope enclosing the current one.</summary>
            public Tensor MoveToOuterDisposeScope()
            {
                var scope = OwningScope;
                if (scope is null) return this;
                return scope.MoveToOuter(this);
            }

            /// <summary>Takes this tensor out of its dispose scope; the caller now disposes it.</summary>
            public Tensor DetachFromDisposeScope()
            {
                OwningScope?.Remove(this);
                return this;
            }

            /// <summary>TorchSharp's old spelling, kept there for compatibility.</summary>
            public Tensor DetatchFromDisposeScope() => DetachFromDisposeScope();

            // ---------------------------------------------------------------- metadata

            public long ndim => Check(tsh_ndim(Handle));
            public long Dimensions => ndim;
            public long dim() => ndim;

            public unsafe long[] shape
            {
                get
                {
                    var n = (int)ndim;
                    var dims = new long[n];
                    fixed (long* p = dims) Check(tsh_shape(Handle, p));
                    return dims;
                }
            }

            public long[] size() => shape;

            public long size(int dim)
            {
                var s = shape;
                var d = dim < 0 ? dim + s.Length : dim;
                if (d < 0 || d >= s.Length)
                    throw new ArgumentOutOfRangeException(nameof(dim), $"Dimension {dim} is out of range for a tensor of {s.Length} dimensions.");
                return s[d];
            }

            public unsafe long[] stride()
            {
                var n = (int)ndim;
                var s = new long[n];
                fixed (long* p = s) Check(tsh_stride(Handle, p));
                return s;
            }

            public long numel() => tsh_numel(Handle);
            public long NumberOfElements => numel();

            public ScalarType dtype => (ScalarType)Check(tsh_dtype(Handle));

            public DeviceType device_type => (DeviceType)Check(tsh_device_type(Handle));

            public int device_index => tsh_device_index(Handle);

            /// <summary>A new Device object on each get, as in TorchSharp.</summary>
            public Device device => new(device_type, device_index);

            public bool is_cuda => device_type == DeviceType.CUDA;

            public bool is_leaf => Check(tsh_is_leaf(Handle)) != 0;

            public bool requires_grad
            {
                get => Check(tsh_requires_grad(Handle)) != 0;
                set => Check(tsh_set_requires_grad(Handle, value ? 1 : 0));
            }

            public Tensor requires_grad_(bool requires_grad = true)
            {
                this.requires_grad = requires_grad;
                return this;
            }

            public override string ToString() =>
                $"[{string.Join("x", shape)}], type = {dtype}, device = {device}";

            // ---------------------------------------------------------------- element access

            /// <summary>The value of a one-element tensor; T must match the dtype exactly.</summary>
            public T item<T>() where T : unmanaged
            {
                ValidateType(typeof(T));
                if (numel() != 1)
                    throw new ArgumentException($"item<{typeof(T).Name}>() needs a one-element tensor, not shape [{string.Join(",", shape)}].");
                Check(tsh_item(Handle, out var d, out var l));
                object boxed = typeof(T) == typeof(float) ? (float)d
                    : typeof(T) == typeof(double) ? d
                    : typeof(T) == typeof(long) ? l
                    : typeof(T) == typeof(int) ? (int)l
                    : typeof(T) == typeof(short) ? (short)l
                    : typeof(T) == typeof(sbyte) ? (sbyte)l
                    : typeof(T) == typeof(byte) ? (byte)l
                    : typeof(T) == typeof(bool) ? l != 0
                    : throw new NotSupportedException(typeof(T).Name);
                return (T)boxed;
            }

            /// <summary>
            /// A live view of the elements of a CPU tensor (views read in their logical order);
            /// T must match the dtype exactly. Valid while the tensor lives, as in TorchSharp.
            /// </summary>
            public unsafe Utils.TensorAccessor<T> data<T>() where T : unmanaged
            {
                if (device_type != DeviceType.CPU)
                    throw new InvalidOperationException("Reading data from non-CPU memory is not supported. Move or copy the tensor to the cpu before reading.");
                ValidateType(typeof(T));
                var p = tsh_data_ptr(Handle);
                if (p == null) Check();
                return new Utils.TensorAccessor<T>(this, (T*)p, shape, stride());
            }

            internal void ValidateType(Type t)
            {
                var type = dtype;
                ScalarType? want = t == typeof(float) || t == typeof(double) || t == typeof(long) || t == typeof(int)
                    || t == typeof(short) || t == typeof(sbyte) || t == typeof(byte) || t == typeof(bool)
                    ? ToScalarType(t) : null;
                if (want != type)
                    throw new ArgumentException($"{t.Name} is not compatible with {type}");
            }

            // The casts convert, as TorchSharp's do (through ToScalar()): unlike item<T>(), (float)t
            // works on a Float64 tensor and (long)t truncates a floating value. One element only.
            private (double d, long l) ItemValue()
            {
                Check(tsh_item(Handle, out var d, out var l));
                return (d, l);
            }

            public static explicit operator float(Tensor value) => (float)value.ItemValue().d;
            public static explicit operator double(Tensor value) => value.ItemValue().d;
            public static explicit operator long(Tensor value) => value.ItemValue().l;
            public static explicit operator int(Tensor value) => (int)value.ItemValue().l;
            public static explicit operator bool(Tensor value) => value.ItemValue().d != 0;

            // ---------------------------------------------------------------- device and dtype

            private Tensor To(int dtype, int devType, int devIndex, bool copy) =>
                From(tsh_to(Handle, dtype, devType, devIndex, copy ? 1 : 0));

            private static void CheckDevice(Device device) => CheckDeviceAvailable(device);

            public Tensor to(Device device)
            {
                CheckDevice(device);
                return To(-1, (int)device.type, device.index, false);
            }

            public Tensor to(string device) => to(new Device(device));

            public Tensor to(DeviceType deviceType, int deviceIndex = -1, bool copy = false)
            {
                CheckDevice(new Device(deviceType, deviceIndex));
                return To(-1, (int)deviceType, deviceIndex, copy);
            }

            public Tensor to(ScalarType type) => To((int)type, -1, -1, false);

            public Tensor to(ScalarType type, Device device, bool copy = false)
            {
                CheckDevice(device);
                return To((int)type, (int)device.type, device.index, copy);
            }

            public Tensor to(Tensor other) => To((int)other.dtype, (int)other.device_type, other.device_index, false);

            public Tensor cpu() => From(tsh_unary(Handle, (int)UnaryOp.Cpu));

            public Tensor cuda(Device? device = null) => to(device ?? new Device(DeviceType.CUDA, 0));

            // ---------------------------------------------------------------- autograd

            /// <summary>Back-propagates from this (scalar) tensor into the leaves' gradients.</summary>
            public void backward() => Check(tsh_backward(Handle));

            /// <summary>
            /// The gradient accumulated by <see cref="backward()"/>, or null when there is none
            /// (TorchSharp's property from 0.102.5 on, the NuGet version Torch.props defaults to).
            /// </summary>
            public Tensor? grad
            {
                get
                {
                    var h = tsh_grad(Handle);
                    if (h == IntPtr.Zero)
                    {
                        Check(); // an error, if there was one; otherwise there is no gradient
                        return null;
                    }
                    return new Tensor(h);
                }
            }

            public Tensor detach() => From(tsh_unary(Handle, (int)UnaryOp.Detach));

            public Tensor detach_()
            {
                Check(tsh_unary_(Handle, (int)UnaryOp.Detach));
                return this;
            }
        }
    }
}
