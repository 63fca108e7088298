namespace Highwater.Benchmarks.Day;

/// <summary>
/// The day's changes, drawn per profile. Drawing each change and picking its profile uniformly
/// makes each profile's changes a Poisson process at a millionth of the pattern's rate, independent
/// of the others; so this draws, per profile, only what the outbox and the exports can see: when
/// its first change after its last export arrives (it starts a row, in arrival order), and, when
/// its row is claimed, how many more changes the row folded in meanwhile. Those are applied to the
/// population then, and the tracked ones (a uniform sample for the latency) get arrival instants
/// drawn from the pattern. The outcome has the same distribution as drawing each of the day's (up
/// to 144 million) changes, at the cost of the rows.
/// </summary>
internal sealed class ChangeStream
{
    private readonly ArrivalPattern _pattern;
    private readonly Population _population;
    private readonly DayRandom _random;
    private readonly double _length;
    private readonly double _sample;
    private readonly Slot[] _slots;

    // Each profile not waiting is in the bucket of the second its next row starts in; when time
    // reaches a bucket its profiles move to a heap that hands them out in arrival order.
    private readonly int[] _bucketHead;
    private readonly PriorityQueue<int, double> _due = new();
    private int _drained;

    public ChangeStream(ArrivalPattern pattern, Population population, double length, double sample, DayRandom random)
    {
        _pattern = pattern;
        _population = population;
        _random = random;
        _length = length;
        _sample = sample;
        _slots = new Slot[population.Size];
        _bucketHead = new int[(int)Math.Ceiling(length) + 1];
        Array.Fill(_bucketHead, -1);
        for (var profile = 0; profile < population.Size; profile++)
        {
            Arm(profile, 0);
        }
    }

    /// <summary>Changes drawn so far.</summary>
    public long Changes { get; private set; }

    /// <summary>The next profile whose row starts before <paramref name="until"/>, oldest first, with the instant its first change arrived.</summary>
    public bool TryStart(double until, out int profile, out double at)
    {
        while (_drained < _bucketHead.Length && _drained < until)
        {
            for (var p = _bucketHead[_drained]; p >= 0; p = _slots[p].NextInBucket)
            {
                _due.Enqueue(p, _slots[p].StartsAt);
            }

            _bucketHead[_drained++] = -1;
        }

        if (!_due.TryPeek(out profile, out at) || at >= until)
        {
            return false;
        }

        _due.Dequeue();
        ref var slot = ref _slots[profile];
        slot.DrawnTo = _pattern.Cumulative(at);
        slot.FirstPending = true;
        Changes++;
        return true;
    }

    /// <summary>
    /// Applies the changes <paramref name="profile"/>'s waiting row folded in up to
    /// <paramref name="until"/> (its first change too, when not yet applied), and adds the arrival
    /// instants of the tracked ones to <paramref name="tracked"/>.
    /// </summary>
    public void CatchUp(int profile, double until, List<double> tracked) => Draw(profile, until, tracked, apply: true);

    /// <summary>The changes of a row still waiting at the end of the day: the tracked ones' instants, not applied.</summary>
    public void DrawUnexported(int profile, List<double> tracked) => Draw(profile, _length, tracked, apply: false);

    /// <summary><paramref name="profile"/>'s row was exported as of <paramref name="from"/>: its next change starts a new row.</summary>
    public void Arm(int profile, double from)
    {
        var at = _pattern.Inverse(_pattern.Cumulative(from) + (_random.Exponential() * _population.Size));
        if (at >= _length)
        {
            return;
        }

        ref var slot = ref _slots[profile];
        slot.StartsAt = at;
        var second = (int)at;
        if (second < _drained)
        {
            _due.Enqueue(profile, at);
            return;
        }

        slot.NextInBucket = _bucketHead[second];
        _bucketHead[second] = profile;
    }

    private void Draw(int profile, double until, List<double> tracked, bool apply)
    {
        ref var slot = ref _slots[profile];
        if (slot.FirstPending)
        {
            slot.FirstPending = false;
            Apply(profile, apply);
            if (Tracked())
            {
                tracked.Add(slot.StartsAt);
            }
        }

        var from = slot.DrawnTo;
        var to = _pattern.Cumulative(until);
        if (to <= from)
        {
            return;
        }

        // Thinning: the tracked and the untracked changes are independent Poisson counts.
        var mean = (to - from) / _population.Size;
        var sampled = _random.Poisson(mean * _sample);
        var unsampled = _sample >= 1 ? 0 : _random.Poisson(mean * (1 - _sample));
        for (long k = 0; k < sampled; k++)
        {
            tracked.Add(Math.Min(until, _pattern.Inverse(from + (_random.NextDouble() * (to - from)))));
        }

        for (long k = 0; apply && k < sampled + unsampled; k++)
        {
            Apply(profile, apply);
        }

        Changes += sampled + unsampled;
        slot.DrawnTo = to;
    }

    private void Apply(int profile, bool apply)
    {
        if (apply)
        {
            _population.Change(profile, _random.NextDouble());
        }
    }

    private bool Tracked() => _sample >= 1 || _random.NextDouble() < _sample;

    // A profile's place in the stream, in one cache line: when its next row starts, the bucket
    // list it waits in until then, and the expected changes (of the whole pattern) up to which its
    // changes are drawn.
    private struct Slot
    {
        public double StartsAt;
        public double DrawnTo;
        public int NextInBucket;
        public bool FirstPending;
    }
}
