using System.Numerics.Tensors;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Word2Vec.Torch.Engines.Cpu;

/// <summary>
/// The vector operations of the kernels, on SIMD: <see cref="Dot{T}"/> and <see cref="AddScaled{T}"/>
/// are System.Numerics.Tensors' TensorPrimitives; the sequential kernel's hot loop uses
/// <see cref="DotShort{T}"/> and the fused <see cref="SampleUpdate{T}"/>, written for rows of a few
/// hundred values (512-bit lanes where the CPU has them, else 256-bit; FMA), about twice as fast there.
/// </summary>
internal static class VectorOps
{
    /// <summary>x·y.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T Dot<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> y) where T : IFloatingPointIeee754<T> =>
        TensorPrimitives.Dot(x, y);

    /// <summary>y ← y + a·x (BLAS axpy).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void AddScaled<T>(Span<T> y, T a, ReadOnlySpan<T> x) where T : IFloatingPointIeee754<T> =>
        TensorPrimitives.FusedMultiplyAdd(x, a, y, y);

    /// <summary>x·y (x and y of the same length) in one pass of SIMD vectors with two accumulators.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T DotShort<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> y) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var n = x.Length;
        if (y.Length != n) ThrowLengths();
        ref var xr = ref MemoryMarshal.GetReference(x);
        ref var yr = ref MemoryMarshal.GetReference(y);
        nuint i = 0;
        var result = T.Zero;
        if (Vector512.IsHardwareAccelerated && n >= Vector512<T>.Count)
        {
            var w = (nuint)Vector512<T>.Count;
            var acc0 = Vector512<T>.Zero;
            var acc1 = Vector512<T>.Zero;
            for (; i + 2 * w <= (nuint)n; i += 2 * w)
            {
                acc0 = Fma(Vector512.LoadUnsafe(ref xr, i), Vector512.LoadUnsafe(ref yr, i), acc0);
                acc1 = Fma(Vector512.LoadUnsafe(ref xr, i + w), Vector512.LoadUnsafe(ref yr, i + w), acc1);
            }
            if (i + w <= (nuint)n)
            {
                acc0 = Fma(Vector512.LoadUnsafe(ref xr, i), Vector512.LoadUnsafe(ref yr, i), acc0);
                i += w;
            }
            result = Vector512.Sum(acc0 + acc1);
            if (i + (nuint)Vector256<T>.Count <= (nuint)n)
            {
                result += Vector256.Sum(Vector256.LoadUnsafe(ref xr, i) * Vector256.LoadUnsafe(ref yr, i));
                i += (nuint)Vector256<T>.Count;
            }
            if (i + (nuint)Vector128<T>.Count <= (nuint)n)
            {
                result += Vector128.Sum(Vector128.LoadUnsafe(ref xr, i) * Vector128.LoadUnsafe(ref yr, i));
                i += (nuint)Vector128<T>.Count;
            }
        }
        else if (Vector256.IsHardwareAccelerated && n >= Vector256<T>.Count)
        {
            var w = (nuint)Vector256<T>.Count;
            var acc0 = Vector256<T>.Zero;
            var acc1 = Vector256<T>.Zero;
            for (; i + 2 * w <= (nuint)n; i += 2 * w)
            {
                acc0 = Fma(Vector256.LoadUnsafe(ref xr, i), Vector256.LoadUnsafe(ref yr, i), acc0);
                acc1 = Fma(Vector256.LoadUnsafe(ref xr, i + w), Vector256.LoadUnsafe(ref yr, i + w), acc1);
            }
            if (i + w <= (nuint)n)
            {
                acc0 = Fma(Vector256.LoadUnsafe(ref xr, i), Vector256.LoadUnsafe(ref yr, i), acc0);
                i += w;
            }
            result = Vector256.Sum(acc0 + acc1);
        }
        for (; i < (nuint)n; i++) result += Unsafe.Add(ref xr, i) * Unsafe.Add(ref yr, i);
        return result;
    }

    /// <summary>
    /// The update of one sample, in one pass over u (u's old value feeds ∂J/∂h):
    /// <code>  g ← g + c·u      u ← u + a·h       (a = −lr·c)  </code>
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void SampleUpdate<T>(Span<T> u, ReadOnlySpan<T> h, Span<T> g, T c, T a) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var n = u.Length;
        if (h.Length != n || g.Length != n) ThrowLengths();
        ref var ur = ref MemoryMarshal.GetReference(u);
        ref var hr = ref MemoryMarshal.GetReference(h);
        ref var gr = ref MemoryMarshal.GetReference(g);
        nuint i = 0;
        if (Vector512.IsHardwareAccelerated && n >= Vector512<T>.Count)
        {
            var w = (nuint)Vector512<T>.Count;
            var cv = Vector512.Create(c);
            var av = Vector512.Create(a);
            for (; i + w <= (nuint)n; i += w)
            {
                var uv = Vector512.LoadUnsafe(ref ur, i);
                Fma(cv, uv, Vector512.LoadUnsafe(ref gr, i)).StoreUnsafe(ref gr, i);
                Fma(av, Vector512.LoadUnsafe(ref hr, i), uv).StoreUnsafe(ref ur, i);
            }
            if (i + (nuint)Vector256<T>.Count <= (nuint)n)
            {
                var uv = Vector256.LoadUnsafe(ref ur, i);
                Fma(Vector256.Create(c), uv, Vector256.LoadUnsafe(ref gr, i)).StoreUnsafe(ref gr, i);
                Fma(Vector256.Create(a), Vector256.LoadUnsafe(ref hr, i), uv).StoreUnsafe(ref ur, i);
                i += (nuint)Vector256<T>.Count;
            }
        }
        else if (Vector256.IsHardwareAccelerated && n >= Vector256<T>.Count)
        {
            var w = (nuint)Vector256<T>.Count;
            var cv = Vector256.Create(c);
            var av = Vector256.Create(a);
            for (; i + w <= (nuint)n; i += w)
            {
                var uv = Vector256.LoadUnsafe(ref ur, i);
                Fma(cv, uv, Vector256.LoadUnsafe(ref gr, i)).StoreUnsafe(ref gr, i);      // g += c u
                Fma(av, Vector256.LoadUnsafe(ref hr, i), uv).StoreUnsafe(ref ur, i);      // u += a h
            }
        }
        for (; i < (nuint)n; i++)
        {
            var uv = Unsafe.Add(ref ur, i);
            Unsafe.Add(ref gr, i) += c * uv;
            Unsafe.Add(ref ur, i) = uv + a * Unsafe.Add(ref hr, i);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<T> Fma<T>(Vector512<T> a, Vector512<T> b, Vector512<T> c)
    {
        if (typeof(T) == typeof(float))
            return Vector512.FusedMultiplyAdd(a.AsSingle(), b.AsSingle(), c.AsSingle()).As<float, T>();
        if (typeof(T) == typeof(double))
            return Vector512.FusedMultiplyAdd(a.AsDouble(), b.AsDouble(), c.AsDouble()).As<double, T>();
        return a * b + c;
    }

    private static void ThrowLengths() => throw new ArgumentException("the vectors must have the same length");

    /// <summary>a·b + c, fused where the hardware has FMA.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<T> Fma<T>(Vector256<T> a, Vector256<T> b, Vector256<T> c)
    {
        if (System.Runtime.Intrinsics.X86.Fma.IsSupported)
        {
            if (typeof(T) == typeof(float))
                return Vector256.FusedMultiplyAdd(a.AsSingle(), b.AsSingle(), c.AsSingle()).As<float, T>();
            if (typeof(T) == typeof(double))
                return Vector256.FusedMultiplyAdd(a.AsDouble(), b.AsDouble(), c.AsDouble()).As<double, T>();
        }
        return a * b + c;
    }
}
