namespace Highwater.Benchmarks.Day;

/// <summary>
/// How fast changes arrive over the day: evenly (<c>N</c> a minute all day), or bursty, with 80% of
/// the day's changes in two peak hours (09:00 and 14:00 in Chicago) and the rest spread evenly.
/// The rate is constant between the peaks' edges, so the expected changes up to an instant, and
/// its inverse, are exact piecewise-linear functions.
/// </summary>
internal sealed class ArrivalPattern
{
    private const double PeakShare = 0.8;
    private readonly double _total;

    // Seconds since the day began at which each piece starts (the last entry is the day's end),
    // the rate in it (changes a second), and the expected changes before it.
    private readonly double[] _starts;
    private readonly double[] _rates;
    private readonly double[] _before;

    public ArrivalPattern(double perMinute, bool bursty, DateTimeOffset dayStart, DateTimeOffset dayEnd, SimulatedService clock)
    {
        var length = (dayEnd - dayStart).TotalSeconds;
        _total = perMinute * length / 60;
        if (!bursty)
        {
            _starts = [0, length];
            _rates = [perMinute / 60];
        }
        else
        {
            var peaks = new[] { Peak(clock, dayStart, 9), Peak(clock, dayStart, 14) };
            var peakSeconds = peaks.Length * 3600.0;
            var peakRate = PeakShare * _total / peakSeconds;
            var restRate = (1 - PeakShare) * _total / (length - peakSeconds);
            _starts = [0, peaks[0], peaks[0] + 3600, peaks[1], peaks[1] + 3600, length];
            _rates = [restRate, peakRate, restRate, peakRate, restRate];
        }

        _before = new double[_starts.Length];
        for (var k = 1; k < _starts.Length; k++)
        {
            _before[k] = _before[k - 1] + (_rates[k - 1] * (_starts[k] - _starts[k - 1]));
        }
    }

    public double ExpectedChanges => _total;

    /// <summary>Changes expected from the day's start until <paramref name="seconds"/> into it.</summary>
    public double Cumulative(double seconds)
    {
        var k = Piece(seconds);
        return _before[k] + (_rates[k] * (Math.Min(seconds, _starts[k + 1]) - _starts[k]));
    }

    /// <summary>The instant (seconds into the day) by which <paramref name="changes"/> are expected; past the day's end when more than the day's.</summary>
    public double Inverse(double changes)
    {
        var last = _rates.Length - 1;
        if (changes >= _before[last + 1])
        {
            return double.PositiveInfinity;
        }

        var k = 0;
        while (k < last && _before[k + 1] <= changes)
        {
            k++;
        }

        return _starts[k] + ((changes - _before[k]) / _rates[k]);
    }

    private int Piece(double seconds)
    {
        var k = 0;
        while (k < _rates.Length - 1 && _starts[k + 1] <= seconds)
        {
            k++;
        }

        return k;
    }

    private static double Peak(SimulatedService clock, DateTimeOffset dayStart, int hour)
    {
        // The peak hour on the service's wall clock, found by stepping minutes (a DST day shifts it).
        var start = dayStart;
        while (clock.Local(start).Hour != hour)
        {
            start = start.AddMinutes(1);
        }

        return (start - dayStart).TotalSeconds;
    }
}
