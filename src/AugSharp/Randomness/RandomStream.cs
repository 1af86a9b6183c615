using System.Runtime.CompilerServices;

namespace AugSharp;

/// <summary>
/// The only source of random numbers in AugSharp. A stream is derived from a key
/// (seed, item index, copy index) by a counter-based SplitMix64 mix, so an item's draws do not
/// depend on thread timing, on the number of cores, or on which other items were processed.
/// The generator itself is xoshiro256**, seeded from the mixed key.
/// </summary>
public sealed class RandomStream
{
    private ulong _s0, _s1, _s2, _s3;

    /// <summary>A stream seeded with <paramref name="seed"/>.</summary>
    public RandomStream(ulong seed)
    {
        ulong state = seed;
        _s0 = SplitMix64(ref state);
        _s1 = SplitMix64(ref state);
        _s2 = SplitMix64(ref state);
        _s3 = SplitMix64(ref state);
    }

    /// <summary>The stream of one item's copy: the same (seed, item, copy) always gives the same draws.</summary>
    public static RandomStream For(ulong seed, long item, long copy = 0)
        => new(Mix(Mix(Mix(seed) ^ (ulong)item) ^ Mix((ulong)copy + 0x9E3779B97F4A7C15UL)));

    /// <summary>
    /// The item index of a file: a stable hash of its path relative to the input root, with
    /// <c>/</c> as the separator (FNV-1a over the UTF-8 bytes, then mixed). Adding or removing
    /// other files never changes it, so shards, resumed runs and single runs agree.
    /// </summary>
    public static long ItemKey(string relativePath)
    {
        ArgumentNullException.ThrowIfNull(relativePath);
        ulong h = 14695981039346656037UL;
        foreach (byte b in System.Text.Encoding.UTF8.GetBytes(relativePath.Replace('\\', '/')))
        {
            h ^= b;
            h *= 1099511628211UL;
        }
        return (long)(Mix(h) >> 1);
    }

    /// <summary>A stream seeded from the operating system's entropy, for runs without a seed.</summary>
    public static RandomStream FromEntropy() => new(unchecked((ulong)Random.Shared.NextInt64() ^ (ulong)Environment.TickCount64));

    /// <summary>A child stream derived from this one's next draw (for nested transforms).</summary>
    public RandomStream Fork() => new(NextUInt64());

    /// <summary>The next 64 random bits.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ulong NextUInt64()
    {
        ulong result = BitOperations_RotateLeft(_s1 * 5, 7) * 9;
        ulong t = _s1 << 17;
        _s2 ^= _s0;
        _s3 ^= _s1;
        _s1 ^= _s2;
        _s0 ^= _s3;
        _s2 ^= t;
        _s3 = BitOperations_RotateLeft(_s3, 45);
        return result;
    }

    /// <summary>A double uniform in [0, 1), with 53 random bits.</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>A double uniform in [<paramref name="low"/>, <paramref name="high"/>): <c>low + (high-low)*NextDouble()</c>, as numpy's uniform.</summary>
    public double Uniform(double low, double high) => low + (high - low) * NextDouble();

    /// <summary>An integer uniform in [0, <paramref name="count"/>), without modulo bias.</summary>
    public int NextInt(int count)
    {
        if (count <= 0) throw new ArgumentOutOfRangeException(nameof(count), count, "Count must be positive.");
        ulong bound = (ulong)count;
        ulong threshold = (0UL - bound) % bound;
        while (true)
        {
            ulong r = NextUInt64();
            ulong hi = Math.BigMul(r, bound, out ulong lo);
            if (lo >= threshold) return (int)hi;
        }
    }

    /// <summary>An integer uniform in [<paramref name="low"/>, <paramref name="high"/>).</summary>
    public int NextInt(int low, int high) => low + NextInt(high - low);

    /// <summary>True with probability <paramref name="p"/>.</summary>
    public bool NextBool(double p = 0.5) => NextDouble() < p;

    /// <summary>A standard normal draw (Box–Muller).</summary>
    public double NextGaussian()
    {
        double u1 = 1.0 - NextDouble();
        double u2 = NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
    }

    /// <summary>A gamma draw of shape <paramref name="shape"/> (above 0) and scale 1 (Marsaglia and Tsang; shapes below 1 boosted by U^(1/shape)).</summary>
    public double NextGamma(double shape)
    {
        if (!(shape > 0)) throw new ArgumentOutOfRangeException(nameof(shape), shape, "A gamma shape must be above 0.");
        if (shape < 1)
        {
            double u = 1 - NextDouble();
            return NextGamma(shape + 1) * Math.Pow(u, 1 / shape);
        }
        double d = shape - 1.0 / 3, c = 1 / Math.Sqrt(9 * d);
        while (true)
        {
            double x, v;
            do
            {
                x = NextGaussian();
                v = 1 + c * x;
            }
            while (v <= 0);
            v = v * v * v;
            double u = 1 - NextDouble();
            if (Math.Log(u) < 0.5 * x * x + d - d * v + d * Math.Log(v)) return d * v;
        }
    }

    /// <summary>A beta draw of shapes <paramref name="alpha"/> and <paramref name="beta"/> (both above 0), in [0, 1]: the ratio of two gamma draws.</summary>
    public double NextBeta(double alpha, double beta)
    {
        double x = NextGamma(alpha), y = NextGamma(beta);
        return x + y > 0 ? x / (x + y) : 0.5;
    }

    /// <summary>Fisher–Yates permutation of 0..<paramref name="count"/>-1.</summary>
    public int[] Permutation(int count)
    {
        var result = new int[count];
        for (int i = 0; i < count; i++) result[i] = i;
        for (int i = count - 1; i > 0; i--)
        {
            int j = NextInt(i + 1);
            (result[i], result[j]) = (result[j], result[i]);
        }
        return result;
    }

    /// <summary>The SplitMix64 finaliser: a bijective 64-bit mix.</summary>
    public static ulong Mix(ulong z)
    {
        z += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    private static ulong SplitMix64(ref ulong state)
    {
        state += 0x9E3779B97F4A7C15UL;
        ulong z = state;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong BitOperations_RotateLeft(ulong x, int k) => System.Numerics.BitOperations.RotateLeft(x, k);
}
