using System.Collections;

namespace TorchSharp.Utils
{
    /// <summary>
    /// The elements of a CPU tensor as .NET values (TorchSharp's <c>TensorAccessor&lt;T&gt;</c>):
    /// a live, read-only view of the tensor's memory, so later in-place changes show and nothing
    /// is copied until asked (ToArray, CopyTo). Views (transposes, slices, expands) read in their
    /// logical row-major order. Using it after its tensor is disposed throws.
    /// </summary>
    public sealed unsafe class TensorAccessor<T> : IDisposable, IEnumerable<T> where T : unmanaged
    {
        private readonly torch.Tensor _tensor; // keeps the memory alive
        private readonly T* _data;
        private readonly long[] _shape;
        private readonly long[] _strides;
        private readonly long _count;
        private readonly bool _contiguous;

        internal TensorAccessor(torch.Tensor tensor, T* data, long[] shape, long[] strides)
        {
            _tensor = tensor;
            _data = data;
            _shape = shape;
            _strides = strides;
            long n = 1, expected = 1;
            var contiguous = true;
            for (var i = shape.Length - 1; i >= 0; i--)
            {
                if (shape[i] != 1 && strides[i] != expected) contiguous = false;
                expected *= shape[i];
                n *= shape[i];
            }
            _count = n;
            _contiguous = contiguous;
        }

        public long Count => _count;

        private T* Data
        {
            get
            {
                if (_tensor.IsInvalid) throw new ObjectDisposedException(nameof(TensorAccessor<T>), "The tensor behind this accessor was disposed.");
                return _data;
            }
        }

        /// <summary>The memory offset (in elements) of the element at a row-major position.</summary>
        private long Offset(long linear)
        {
            if (_contiguous) return linear;
            long offset = 0;
            for (var i = _shape.Length - 1; i >= 0 && linear > 0; i--)
            {
                offset += linear % _shape[i] * _strides[i];
                linear /= _shape[i];
            }
            return offset;
        }

        private T Read(long linear) => Data[Offset(linear)];

        public T[] ToArray()
        {
            var result = new T[_count];
            CopyTo(result);
            return result;
        }

        /// <summary>One index: the row-major position; several: one per dimension.</summary>
        public T this[params long[] indices]
        {
            get
            {
                if (indices.Length == 1)
                {
                    if (indices[0] < 0 || indices[0] >= _count) throw new IndexOutOfRangeException($"{indices[0]} in a collection of {_count} elements.");
                    return Read(indices[0]);
                }
                if (indices.Length != _shape.Length)
                    throw new ArgumentException($"{indices.Length} indices for a tensor of {_shape.Length} dimensions.");
                long offset = 0;
                for (var i = 0; i < _shape.Length; i++)
                {
                    if (indices[i] < 0 || indices[i] >= _shape[i])
                        throw new IndexOutOfRangeException($"{indices[i]} >= {_shape[i]} in dimension {i}.");
                    offset += indices[i] * _strides[i];
                }
                return Data[offset];
            }
        }

        /// <summary>Copies elements from row-major position tensorIndex on, as many as fit from arrayIndex.</summary>
        public void CopyTo(T[] array, int arrayIndex = 0, long tensorIndex = 0) => CopyTo(array.AsSpan(), arrayIndex, tensorIndex);

        public void CopyTo(Span<T> array, int arrayIndex = 0, long tensorIndex = 0)
        {
            if (arrayIndex < 0 || arrayIndex > array.Length) throw new ArgumentOutOfRangeException(nameof(arrayIndex));
            if (tensorIndex < 0 || tensorIndex > _count) throw new ArgumentOutOfRangeException(nameof(tensorIndex));
            var n = (int)Math.Min(_count - tensorIndex, array.Length - arrayIndex);
            if (n <= 0) return;
            var data = Data;
            if (_contiguous)
            {
                new ReadOnlySpan<T>(data + tensorIndex, n).CopyTo(array.Slice(arrayIndex));
                return;
            }
            for (var i = 0; i < n; i++) array[arrayIndex + i] = data[Offset(tensorIndex + i)];
        }

        public IEnumerator<T> GetEnumerator()
        {
            for (long i = 0; i < _count; i++) yield return Read(i);
        }

        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

        /// <summary>Nothing to free: the accessor does not own the tensor.</summary>
        public void Dispose() { }
    }
}
