namespace Highwater.Benchmarks.Day;

/// <summary>
/// The outbox of one destination as the day needs it: one row per profile, oldest first change at
/// the front; a newer change to a waiting profile keeps its place and its first arrival, as the
/// buffer store's outbox does.
/// </summary>
internal sealed class WaitingQueue(int profiles)
{
    private readonly int[] _ring = new int[(int)System.Numerics.BitOperations.RoundUpToPowerOf2((uint)profiles + 1)];
    // Per profile, in one cache line: whether its row waits, and when its first change arrived.
    private readonly (bool Waiting, double Since)[] _rows = new (bool, double)[profiles];
    private int _head;
    private int _count;

    public int Count => _count;

    /// <summary>Seconds since the day began at which the oldest waiting change arrived.</summary>
    public double OldestSince => _rows[_ring[_head]].Since;

    public bool IsWaiting(int profile) => _rows[profile].Waiting;

    /// <summary>A change to <paramref name="profile"/> at <paramref name="at"/>: true when it made a new row.</summary>
    public bool Arrive(int profile, double at)
    {
        if (_rows[profile].Waiting)
        {
            return false;
        }

        _rows[profile] = (true, at);
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
            _rows[profile].Waiting = false;
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
            if (_rows[profile].Waiting)
            {
                continue;
            }

            _head = (_head - 1) & (_ring.Length - 1);
            _ring[_head] = profile;
            _count++;
            _rows[profile].Waiting = true;
        }
    }
}
