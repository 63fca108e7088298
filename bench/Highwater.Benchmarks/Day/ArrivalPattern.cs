namespace Highwater.Benchmarks.Day;

/// <summary>
/// How fast changes arrive over the day: evenly (<c>N</c> a minute all day), or bursty, with 80% of
/// the day's changes in two peak hours (09:00 and 14:00 in Chicago) and the rest spread evenly.
/// </summary>
internal sealed class ArrivalPattern(double perMinute, bool bursty, DateTimeOffset dayStart, DateTimeOffset dayEnd, SimulatedMarketo clock)
{
    private const double PeakShare = 0.8;
    private readonly double _total = perMinute * (dayEnd - dayStart).TotalMinutes;
    private readonly (DateTimeOffset Start, DateTimeOffset End)[] _peaks = [Peak(clock, dayStart, 9), Peak(clock, dayStart, 14)];

    public double ExpectedChanges => _total;

    /// <summary>Changes a second at <paramref name="at"/>.</summary>
    public double PerSecond(DateTimeOffset at)
    {
        if (!bursty)
        {
            return perMinute / 60;
        }

        var peakSeconds = _peaks.Sum(p => (p.End - p.Start).TotalSeconds);
        var inPeak = _peaks.Any(p => at >= p.Start && at < p.End);
        return inPeak
            ? PeakShare * _total / peakSeconds
            : (1 - PeakShare) * _total / ((dayEnd - dayStart).TotalSeconds - peakSeconds);
    }

    private static (DateTimeOffset, DateTimeOffset) Peak(SimulatedMarketo clock, DateTimeOffset dayStart, int hour)
    {
        // The peak hour on Chicago's wall clock, found by stepping minutes (a DST day shifts it).
        var start = dayStart;
        while (clock.Local(start).Hour != hour)
        {
            start = start.AddMinutes(1);
        }

        return (start, start.AddHours(1));
    }
}
