namespace Highwater.Benchmarks.Day;

/// <summary>
/// The arrival times of the tracked changes still waiting, per profile (a linked list in pooled
/// arrays), so the export that carries a profile's row can count every change it folded in.
/// </summary>
internal sealed class ChangeLatencies
{
    private readonly int[] _head;
    private double[] _at = new double[1 << 16];
    private int[] _next = new int[1 << 16];
    private int _free = -1;
    private int _used;

    public ChangeLatencies(int profiles)
    {
        _head = new int[profiles];
        Array.Fill(_head, -1);
    }

    /// <summary>Tracked changes never exported by the end of the day.</summary>
    public long PendingAtEnd { get; private set; }

    public void Track(int profile, double at)
    {
        int node;
        if (_free >= 0)
        {
            node = _free;
            _free = _next[node];
        }
        else
        {
            if (_used == _at.Length)
            {
                Array.Resize(ref _at, _at.Length * 2);
                Array.Resize(ref _next, _next.Length * 2);
            }

            node = _used++;
        }

        _at[node] = at;
        _next[node] = _head[profile];
        _head[profile] = node;
    }

    /// <summary>The batch carrying <paramref name="profile"/>'s row ended at <paramref name="end"/>.</summary>
    public void Exported(int profile, double end, LatencyHistogram histogram)
    {
        var node = _head[profile];
        while (node >= 0)
        {
            histogram.Add(end - _at[node]);
            var next = _next[node];
            _next[node] = _free;
            _free = node;
            node = next;
        }

        _head[profile] = -1;
    }

    /// <summary>Counts the changes still waiting at the end of the day at their age then (a lower bound on their latency).</summary>
    public void Finish(double end, LatencyHistogram histogram)
    {
        for (var profile = 0; profile < _head.Length; profile++)
        {
            for (var node = _head[profile]; node >= 0; node = _next[node])
            {
                histogram.Add(end - _at[node]);
                PendingAtEnd++;
            }
        }
    }
}
