namespace Highwater.Benchmarks.Day;

/// <summary>
/// A seeded xoshiro256** generator: the day draws a few hundred million numbers, and a seeded
/// <see cref="Random"/> (the legacy algorithm, kept for compatibility) costs several times as much
/// a draw.
/// </summary>
internal sealed class DayRandom
{
    private ulong _s0;
    private ulong _s1;
    private ulong _s2;
    private ulong _s3;

    public DayRandom(int seed)
    {
        // SplitMix64 spreads the seed over the state, as the generator's authors recommend.
        var x = (ulong)seed;
        _s0 = SplitMix(ref x);
        _s1 = SplitMix(ref x);
        _s2 = SplitMix(ref x);
        _s3 = SplitMix(ref x);
    }

    /// <summary>Uniform in [0, 1).</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>Uniform in [0, <paramref name="count"/>).</summary>
    public int Next(int count) => (int)(((NextUInt64() >> 32) * (ulong)count) >> 32);

    /// <summary>Exponential with mean 1.</summary>
    public double Exponential() => -Math.Log(1 - NextDouble());

    /// <summary>Poisson with the given mean, exactly (a sum of Poissons of mean at most 16 for large means).</summary>
    public long Poisson(double mean)
    {
        long total = 0;
        while (mean > 16)
        {
            total += Small(16);
            mean -= 16;
        }

        return total + (mean > 0 ? Small(mean) : 0);
    }

    private long Small(double mean)
    {
        var limit = Math.Exp(-mean);
        long k = 0;
        var p = NextDouble();
        while (p > limit)
        {
            k++;
            p *= NextDouble();
        }

        return k;
    }

    private ulong NextUInt64()
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

    private static ulong SplitMix(ref ulong x)
    {
        var z = x += 0x9E3779B97F4A7C15;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EB;
        return z ^ (z >> 31);
    }
}
