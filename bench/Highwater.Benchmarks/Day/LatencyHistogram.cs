namespace Highwater.Benchmarks.Day;

/// <summary>Latencies in whole seconds (rounded up), up to two days; percentiles by counting.</summary>
internal sealed class LatencyHistogram
{
    private readonly long[] _counts = new long[(2 * 86_400) + 1];

    public long Count { get; private set; }

    public void Add(double seconds)
    {
        var bucket = (int)Math.Clamp(Math.Ceiling(seconds), 0, _counts.Length - 1);
        _counts[bucket]++;
        Count++;
    }

    public double Percentile(double share)
    {
        if (Count == 0)
        {
            return 0;
        }

        var rank = (long)Math.Ceiling(share * Count);
        long seen = 0;
        for (var i = 0; i < _counts.Length; i++)
        {
            seen += _counts[i];
            if (seen >= rank)
            {
                return i;
            }
        }

        return _counts.Length - 1;
    }
}
