using TorchSharp.Native;
using static TorchSharp.Native.NativeMethods;

namespace TorchSharp
{
    public static partial class torch
    {
        // ---------------------------------------------------------------- from .NET data

        /// <summary>A tensor of data's elements; dims null means one dimension of data's length.</summary>
        private static unsafe Tensor FromArray<T>(T[] data, long[]? dims, ScalarType? dtype, Device? device, bool requires_grad) where T : unmanaged
        {
            if (data is null) throw new ArgumentNullException(nameof(data));
            dims ??= new[] { data.LongLength };
            long n = 1;
            foreach (var d in dims) n *= d;
            if (n != data.LongLength)
                throw new ArgumentException($"{data.LongLength} elements do not fill a tensor of shape [{string.Join(",", dims)}].");
            var dev = device ?? CPU;
            CheckDeviceAvailable(dev);
            var src = ToScalarType(typeof(T));
            fixed (T* p = data)
            fixed (long* pd = dims)
                return Tensor.From(tsh_from_data(p, (int)src, pd, dims.Length, dtype.HasValue ? (int)dtype.Value : -1,
                    (int)dev.type, dev.index, requires_grad ? 1 : 0));
        }

        public static Tensor tensor(float[] rawArray, ScalarType? dtype = null, Device? device = null, bool requires_grad = false, string[]? names = null) =>
            FromArray<float>(rawArray, null, dtype, device, requires_grad);

        public static Tensor tensor(float[] rawArray, ReadOnlySpan<long> dimensions, ScalarType? dtype = null, Device? device = null, bool requires_grad = false, string[]? names = null) =>
            FromArray<float>(rawArray, dimensions.ToArray(), dtype, device, requires_grad);

        public static Tensor tensor(double[] rawArray, ScalarType? dtype = null, Device? device = null, bool requires_grad = false, string[]? names = null) =>
            FromArray<double>(rawArray, null, dtype, device, requires_grad);

        public static Tensor tensor(double[] rawArray, ReadOnlySpan<long> dimensions, ScalarType? dtype = null, Device? device = null, bool requires_grad = false, string[]? names = null) =>
            FromArray<double>(rawArray, dimensions.ToArray(), dtype, device, requires_grad);

        public static Tensor tensor(long[] dataArray, ScalarType? dtype = null, Device? device = null, bool requires_grad = false, string[]? names = null) =>
            FromArray<long>(dataArray, null, dtype, device, requires_grad);

        public static Tensor tensor(long[] dataArray, ReadOnlySpan<long> dimensions, ScalarType? dtype = null, Device? device = null, bool requires_grad = false, string[]? names = null) =>
            FromArray<long>(dataArray, dimensions.ToArray(), dtype, device, requires_grad);

        public static Tensor tensor(int[] rawArray, ScalarType? dtype = null, Device? device = null, bool requires_grad = false, string[]? names = null) =>
            FromArray<int>(rawArray, null, dtype, device, requires_grad);

        public static Tensor tensor(int[] rawArray, ReadOnlySpan<long> dimensions, ScalarType? dtype = null, Device? device = null, bool requires_grad = false, string[]? names = null) =>
            FromArray<int>(rawArray, dimensions.ToArray(), dtype, device, requires_grad);

        public static Tensor tensor(bool[] rawArray, ScalarType? dtype = null, Device? device = null, bool requires_grad = false, string[]? names = null) =>
            FromArray<bool>(rawArray, null, dtype, device, requires_grad);

        public static Tensor tensor(bool[] rawArray, ReadOnlySpan<long> dimensions, ScalarType? dtype = null, Device? device = null, bool requires_grad = false, string[]? names = null) =>
            FromArray<bool>(rawArray, dimensions.ToArray(), dtype, device, requires_grad);

        public static Tensor tensor(byte[] rawArray, ScalarType? dtype = null, Device? device = null, bool requires_grad = false, string[]? names = null) =>
            FromArray<byte>(rawArray, null, dtype, device, requires_grad);

        public static Tensor tensor(byte[] rawArray, ReadOnlySpan<long> dimensions, ScalarType? dtype = null, Device? device = null, bool requires_grad = false, string[]? names = null) =>
            FromArray<byte>(rawArray, dimensions.ToArray(), dtype, device, requires_grad);

        // Scalars: note that the float overload takes no dtype, as in TorchSharp.
        public static Tensor tensor(float scalar, Device? device = null, bool requires_grad = false) =>
            ScalarTensor(scalar, ScalarType.Float32, device, requires_grad);

        public static Tensor tensor(double scalar, ScalarType? dtype = null, Device? device = null, bool requires_grad = false) =>
            ScalarTensor(scalar, dtype ?? ScalarType.Float64, device, requires_grad);

        public static Tensor tensor(long scalar, ScalarType? dtype = null, Device? device = null, bool requires_grad = false) =>
            ScalarTensor(scalar, dtype ?? ScalarType.Int64, device, requires_grad);

        public static Tensor tensor(int scalar, Device? device = null, bool requires_grad = false) =>
            ScalarTensor(scalar, ScalarType.Int32, device, requires_grad);

        public static Tensor tensor(bool scalar, ScalarType? dtype = null, Device? device = null, bool requires_grad = false) =>
            ScalarTensor(scalar, dtype ?? ScalarType.Bool, device, requires_grad);

        internal static Tensor ScalarTensor(Scalar value, ScalarType? dtype = null, Device? device = null, bool requires_grad = false)
        {
            var dev = device ?? CPU;
            CheckDeviceAvailable(dev);
            return Tensor.From(tsh_scalar_tensor((int)value.kind, value.d, value.l, dtype.HasValue ? (int)dtype.Value : -1,
                (int)dev.type, dev.index, requires_grad ? 1 : 0));
        }

        // ---------------------------------------------------------------- filled and random

        private static unsafe Tensor New(FillKind kind, long[] size, ScalarType? dtype, Device? device, bool requires_grad, Generator? generator)
        {
            var dev = device ?? CPU;
            CheckDeviceAvailable(dev);
            fixed (long* p = size)
                return Tensor.From(tsh_new((int)kind, p, size.Length, (int)(dtype ?? ScalarType.Float32), (int)dev.type, dev.index,
                    requires_grad ? 1 : 0, generator?.Handle ?? IntPtr.Zero));
        }

        public static Tensor zeros(long size, ScalarType? dtype = null, Device? device = null, bool requires_grad = false, string[]? names = null) => New(FillKind.Zeros, new[] { size }, dtype, device, requires_grad, null);
        public static Tensor zeros(long rows, long columns, ScalarType? dtype = null, Device? device = null, bool requires_grad = false, string[]? names = null) => New(FillKind.Zeros, new[] { rows, columns }, dtype, device, requires_grad, null);
        public static Tensor zeros(long dim0, long dim1, long dim2, ScalarType? dtype = null, Device? device = null, bool requires_grad = false, string[]? names = null) => New(FillKind.Zeros, new[] { dim0, dim1, dim2 }, dtype, device, requires_grad, null);
        public static Tensor zeros(long[] size, ScalarType? dtype = null, Device? device = null, bool requires_grad = false, string[]? names = null) => New(FillKind.Zeros, size, dtype, device, requires_grad, null);
        public static Tensor zeros(ReadOnlySpan<long> size, ScalarType? dtype = null, Device? device = null, bool requires_grad = false, string[]? names = null) => New(FillKind.Zeros, size.ToArray(), dtype, device, requires_grad, null);

        public static Tensor ones(long size, ScalarType? dtype = null, Device? device = null, bool requires_grad = false, string[]? names = null) => New(FillKind.Ones, new[] { size }, dtype, device, requires_grad, null);
        public static Tensor ones(long rows, long columns, ScalarType? dtype = null, Device? device = null, bool requires_grad = false, string[]? names = null) => New(FillKind.Ones, new[] { rows, columns }, dtype, device, requires_grad, null);
        public static Tensor ones(long dim0, long dim1, long dim2, ScalarType? dtype = null, Device? device = null, bool requires_grad = false, string[]? names = null) => New(FillKind.Ones, new[] { dim0, dim1, dim2 }, dtype, device, requires_grad, null);
        public static Tensor ones(long[] size, ScalarType? dtype = null, Device? device = null, bool requires_grad = false, string[]? names = null) => New(FillKind.Ones, size, dtype, device, requires_grad, null);
        public static Tensor ones(ReadOnlySpan<long> size, ScalarType? dtype = null, Device? device = null, bool requires_grad = false, string[]? names = null) => New(FillKind.Ones, size.ToArray(), dtype, device, requires_grad, null);

        public static Tensor empty(long size, ScalarType? dtype = null, Device? device = null, bool requires_grad = false, string[]? names = null) => New(FillKind.Empty, new[] { size }, dtype, device, requires_grad, null);
        public static Tensor empty(long rows, long columns, ScalarType? dtype = null, Device? device = null, bool requires_grad = false, string[]? names = null) => New(FillKind.Empty, new[] { rows, columns }, dtype, device, requires_grad, null);
        public static Tensor empty(long dim0, long dim1, long dim2, ScalarType? dtype = null, Device? device = null, bool requires_grad = false, string[]? names = null) => New(FillKind.Empty, new[] { dim0, dim1, dim2 }, dtype, device, requires_grad, null);
        public static Tensor empty(long[] size, ScalarType? dtype = null, Device? device = null, bool requires_grad = false, string[]? names = null) => New(FillKind.Empty, size, dtype, device, requires_grad, null);
        public static Tensor empty(ReadOnlySpan<long> size, ScalarType? dtype = null, Device? device = null, bool requires_grad = false, string[]? names = null) => New(FillKind.Empty, size.ToArray(), dtype, device, requires_grad, null);

        public static Tensor randn(long size, ScalarType? dtype = null, Device? device = null, bool requires_grad = false, Generator? generator = null, string[]? names = null) => New(FillKind.Randn, new[] { size }, dtype, device, requires_grad, generator);
        public static Tensor randn(long rows, long columns, ScalarType? dtype = null, Device? device = null, bool requires_grad = false, Generator? generator = null, string[]? names = null) => New(FillKind.Randn, new[] { rows, columns }, dtype, device, requires_grad, generator);
        public static Tensor randn(long dim0, long dim1, long dim2, ScalarType? dtype = null, Device? device = null, bool requires_grad = false, Generator? generator = null, string[]? names = null) => New(FillKind.Randn, new[] { dim0, dim1, dim2 }, dtype, device, requires_grad, generator);
        public static Tensor randn(long[] size, ScalarType? dtype = null, Device? device = null, bool requires_grad = false, Generator? generator = null, string[]? names = null) => New(FillKind.Randn, size, dtype, device, requires_grad, generator);
        public static Tensor randn(ReadOnlySpan<long> size, ScalarType? dtype = null, Device? device = null, bool requires_grad = false, Generator? generator = null, string[]? names = null) => New(FillKind.Randn, size.ToArray(), dtype, device, requires_grad, generator);

        public static Tensor rand(long size, ScalarType? dtype = null, Device? device = null, bool requires_grad = false, Generator? generator = null, string[]? names = null) => New(FillKind.Rand, new[] { size }, dtype, device, requires_grad, generator);
        public static Tensor rand(long rows, long columns, ScalarType? dtype = null, Device? device = null, bool requires_grad = false, Generator? generator = null, string[]? names = null) => New(FillKind.Rand, new[] { rows, columns }, dtype, device, requires_grad, generator);
        public static Tensor rand(long dim0, long dim1, long dim2, ScalarType? dtype = null, Device? device = null, bool requires_grad = false, Generator? generator = null, string[]? names = null) => New(FillKind.Rand, new[] { dim0, dim1, dim2 }, dtype, device, requires_grad, generator);
        public static Tensor rand(long[] size, ScalarType? dtype = null, Device? device = null, bool requires_grad = false, Generator? generator = null, string[]? names = null) => New(FillKind.Rand, size, dtype, device, requires_grad, generator);
        public static Tensor rand(ReadOnlySpan<long> size, ScalarType? dtype = null, Device? device = null, bool requires_grad = false, Generator? generator = null, string[]? names = null) => New(FillKind.Rand, size.ToArray(), dtype, device, requires_grad, generator);

        public static unsafe Tensor full(long[] size, Scalar value, ScalarType? dtype = null, Device? device = null, bool requires_grad = false, string[]? names = null)
        {
            var dev = device ?? CPU;
            CheckDeviceAvailable(dev);
            fixed (long* p = size)
                return Tensor.From(tsh_full(p, size.Length, (int)value.kind, value.d, value.l, dtype.HasValue ? (int)dtype.Value : -1,
                    (int)dev.type, dev.index, requires_grad ? 1 : 0));
        }

        public static Tensor zeros_like(Tensor input, ScalarType? dtype = null, Device? device = null, bool requires_grad = false) =>
            zeros(input.shape, dtype ?? input.dtype, device ?? input.device, requires_grad);

        public static Tensor ones_like(Tensor input, ScalarType? dtype = null, Device? device = null, bool requires_grad = false) =>
            ones(input.shape, dtype ?? input.dtype, device ?? input.device, requires_grad);

        /// <summary>Integers drawn uniformly from [low, high).</summary>
        public static unsafe Tensor randint(long low, long high, long[] size, ScalarType? dtype = null, Device? device = null, bool requires_grad = false, Generator? generator = null, string[]? names = null)
        {
            var dev = device ?? CPU;
            CheckDeviceAvailable(dev);
            fixed (long* p = size)
                return Tensor.From(tsh_randint(low, high, p, size.Length, (int)(dtype ?? ScalarType.Int64), (int)dev.type, dev.index,
                    requires_grad ? 1 : 0, generator?.Handle ?? IntPtr.Zero));
        }

        public static Tensor randint(long high, long[] size, ScalarType? dtype = null, Device? device = null, bool requires_grad = false, Generator? generator = null, string[]? names = null) =>
            randint(0, high, size, dtype, device, requires_grad, generator, names);

        public static Tensor arange(Scalar start, Scalar stop, Scalar step, ScalarType? dtype = null, Device? device = null, bool requires_grad = false)
        {
            var dev = device ?? CPU;
            CheckDeviceAvailable(dev);
            return Tensor.From(tsh_arange((int)start.kind, start.d, start.l, (int)stop.kind, stop.d, stop.l, (int)step.kind, step.d, step.l,
                dtype.HasValue ? (int)dtype.Value : -1, (int)dev.type, dev.index, requires_grad ? 1 : 0));
        }

        public static Tensor arange(Scalar start, Scalar stop, ScalarType? dtype = null, Device? device = null, bool requires_grad = false) =>
            arange(start, stop, 1, dtype, device, requires_grad);

        public static Tensor arange(Scalar stop, ScalarType? dtype = null, Device? device = null, bool requires_grad = false) =>
            arange(0, stop, 1, dtype, device, requires_grad);

        public static Tensor multinomial(Tensor input, long num_samples, bool replacement = false, Generator? generator = null) =>
            Tensor.From(tsh_multinomial(input.Handle, num_samples, replacement ? 1 : 0, generator?.Handle ?? IntPtr.Zero));

        private static void CheckDeviceAvailable(Device device)
        {
            if (device.type == DeviceType.CUDA && !cuda.is_available())
                throw new InvalidOperationException($"Device '{device}' was asked for, but CUDA is not available: this libtorch was built without CUDA or no GPU is visible.");
        }
    }
}
