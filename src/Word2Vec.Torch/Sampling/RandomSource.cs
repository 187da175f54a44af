using System.Runtime.CompilerServices;

namespace Word2Vec.Torch.Sampling;

/// <summary>
/// A small, fast, deterministic pseudo-random generator: xoshiro256** (Blackman and Vigna),
/// seeded through SplitMix64. The same seed gives the same stream on every machine and runtime
/// (only integer arithmetic on 64-bit words), and the whole state is four <see cref="ulong"/>s,
/// so a checkpoint can store it and resume the exact stream.
/// </summary>
public sealed class RandomSource
{
    /// <summary>Length of the array that <see cref="GetState"/> returns.</summary>
    public const int StateLength = 4;

    private ulong _s0, _s1, _s2, _s3;

    /// <summary>A generator whose state is expanded from <paramref name="seed"/> by SplitMix64.</summary>
    public RandomSource(ulong seed)
    {
        var x = seed;
        _s0 = SplitMix64(ref x);
        _s1 = SplitMix64(ref x);
        _s2 = SplitMix64(ref x);
        _s3 = SplitMix64(ref x);
    }

    /// <summary>A generator that continues from a state taken with <see cref="GetState"/>.</summary>
    public static RandomSource FromState(ulong[] state)
    {
        var rng = new RandomSource(0);
        rng.SetState(state);
        return rng;
    }

    /// <summary>The next 64 random bits.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ulong NextULong()
    {
        var result = ulong.RotateLeft(_s1 * 5, 7) * 9;
        var t = _s1 << 17;
        _s2 ^= _s0;
        _s3 ^= _s1;
        _s1 ^= _s2;
        _s0 ^= _s3;
        _s2 ^= t;
        _s3 = ulong.RotateLeft(_s3, 45);
        return result;
    }

    /// <summary>A uniform double in [0, 1), with 53 random bits.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public double NextDouble() => (NextULong() >> 11) * (1.0 / (1UL << 53));

    /// <summary>
    /// A uniform integer in [0, <paramref name="maxExclusive"/>), without modulo bias
    /// (Lemire's multiply-and-reject method on 32 random bits).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int NextInt(int maxExclusive)
    {
        if (maxExclusive <= 0)
            throw new ArgumentOutOfRangeException(nameof(maxExclusive), maxExclusive, "must be positive");
        return (int)NextUInt32Below((uint)maxExclusive);
    }

    /// <summary>A uniform integer in [<paramref name="minInclusive"/>, <paramref name="maxInclusive"/>]
    /// (both ends included, like Python's <c>random.randint</c>).</summary>
    public int NextInt(int minInclusive, int maxInclusive)
    {
        if (maxInclusive < minInclusive)
            throw new ArgumentOutOfRangeException(nameof(maxInclusive), maxInclusive, $"must be at least minInclusive ({minInclusive})");
        var range = (ulong)((long)maxInclusive - minInclusive + 1);
        if (range > uint.MaxValue)   // the whole int range: every 32-bit pattern is one value
            return (int)(uint)(NextULong() >> 32);
        return (int)(minInclusive + (long)NextUInt32Below((uint)range));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private uint NextUInt32Below(uint bound)
    {
        var m = (ulong)(uint)(NextULong() >> 32) * bound;
        var low = (uint)m;
        if (low < bound)
        {
            var threshold = (0u - bound) % bound;
            while (low < threshold)
            {
                m = (ulong)(uint)(NextULong() >> 32) * bound;
                low = (uint)m;
            }
        }
        return (uint)(m >> 32);
    }

    /// <summary>A copy of the whole state (<see cref="StateLength"/> words).</summary>
    public ulong[] GetState() => new[] { _s0, _s1, _s2, _s3 };

    /// <summary>Continues from a state taken with <see cref="GetState"/>.</summary>
    public void SetState(ulong[] state)
    {
        ArgumentNullException.ThrowIfNull(state);
        SetState((ReadOnlySpan<ulong>)state);
    }

    /// <inheritdoc cref="SetState(ulong[])"/>
    public void SetState(ReadOnlySpan<ulong> state)
    {
        if (state.Length != StateLength)
            throw new ArgumentException($"a RandomSource state has {StateLength} words, not {state.Length}", nameof(state));
        if ((state[0] | state[1] | state[2] | state[3]) == 0)
            throw new ArgumentException("the all-zero state is not a valid xoshiro256** state", nameof(state));
        (_s0, _s1, _s2, _s3) = (state[0], state[1], state[2], state[3]);
    }

    /// <summary>Writes the state into <paramref name="destination"/> (<see cref="StateLength"/> words).</summary>
    public void WriteState(Span<ulong> destination)
    {
        destination[0] = _s0; destination[1] = _s1; destination[2] = _s2; destination[3] = _s3;
    }

    private static ulong SplitMix64(ref ulong x)
    {
        var z = x += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
