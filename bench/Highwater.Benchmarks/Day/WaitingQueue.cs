namespace Highwater.Benchmarks.Day;

/// <summary>
/// The outbox of one destination as the day needs it: one row per profile, oldest first change at
/// the front; a newer change to a waiting profile keeps its place and its first arrival, as the
/// buffer store's outbox does.
/// </summary>
internal sealed class WaitingQueue(int profiles)
{
    private readonly int[] _ring = new int[(int)System.Numerics.BitOperations.RoundUpToPowerOf2((uint)profiles + 1)];
    private readonly double[] _since = new double[profiles];
    private readonly bool[] _waiting = new bool[profiles];
    private int _head;
    private int _count;

    public int Count => _count;

    /// <summary>Seconds since the day began at which the oldest waiting change arrived.</summary>
    public double OldestSince => _since[_ring[_head]];

    /// <summary>A change to <paramref name="profile"/> at <paramref name="at"/>: true when it made a new row.</summary>
    public bool Arrive(int profile, double at)
    {
        if (_waiting[profile])
        {
            return false;
        }

        _waiting[profile] = true;
        _since[profile] = at;
        _ring[(_head + _count) & (_ring.Length - 1)] = profile;
        _count++;
        return true;
    }

    public List<int> Claim(int rows)
    {
        var claimed = new List<int>(Math.Min(rows, _count));
        while (claimed.Count < rows && _count > 0)
        {
            var profile = _ring[_head];
            _head = (_head + 1) & (_ring.Length - 1);
            _count--;
            _waiting[profile] = false;
            claimed.Add(profile);
        }

        return claimed;
    }

    /// <summary>Puts claimed rows back at the front, in their order, with their first arrivals.</summary>
    public void GiveBack(List<int> claimed)
    {
        for (var k = claimed.Count - 1; k >= 0; k--)
        {
            var profile = claimed[k];
            if (_waiting[profile])
            {
                continue;
            }

            _head = (_head - 1) & (_ring.Length - 1);
            _ring[_head] = profile;
            _count++;
            _waiting[profile] = true;
        }
    }
}
