using System.Collections;

namespace TorchSharp.Utils
{
    /// <summary>
    /// The elements of a CPU tensor as .NET values (TorchSharp's <c>TensorAccessor&lt;T&gt;</c>).
    /// This binding reads a row-major snapshot when the accessor is made; writing through it
    /// is not supported.
    /// </summary>
    public sealed class TensorAccessor<T> : IDisposable, IEnumerable<T> where T : unmanaged
    {
        private readonly T[] _data;
        private readonly long[] _shape;

        internal TensorAccessor(T[] data, long[] shape) { _data = data; _shape = shape; }

        public long Count => _data.LongLength;

        public T[] ToArray() => (T[])_data.Clone();

        /// <summary>One index: the row-major position; several: one per dimension.</summary>
        public T this[params long[] indices]
        {
            get
            {
                if (indices.Length == 1)
                {
                    if (indices[0] < 0 || indices[0] >= _data.LongLength) throw new IndexOutOfRangeException();
                    return _data[indices[0]];
                }
                if (indices.Length != _shape.Length)
                    throw new ArgumentException($"{indices.Length} indices for a tensor of {_shape.Length} dimensions.");
                long offset = 0;
                for (var i = 0; i < _shape.Length; i++)
                {
                    if (indices[i] < 0 || indices[i] >= _shape[i])
                        throw new IndexOutOfRangeException($"{indices[i]} >= {_shape[i]} in dimension {i}.");
                    offset = offset * _shape[i] + indices[i];
                }
                return _data[offset];
            }
        }

        public void CopyTo(T[] array, int arrayIndex = 0, long tensorIndex = 0)
        {
            var n = (int)Math.Min(_data.LongLength - tensorIndex, array.Length - arrayIndex);
            Array.Copy(_data, tensorIndex, array, arrayIndex, n);
        }

        public void CopyTo(Span<T> array, int arrayIndex = 0, long tensorIndex = 0)
        {
            var n = (int)Math.Min(_data.LongLength - tensorIndex, array.Length - arrayIndex);
            _data.AsSpan((int)tensorIndex, n).CopyTo(array[arrayIndex..]);
        }

        public IEnumerator<T> GetEnumerator() => ((IEnumerable<T>)_data).GetEnumerator();

        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

        public void Dispose() { }
    }
}
