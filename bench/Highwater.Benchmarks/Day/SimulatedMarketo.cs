namespace Highwater.Benchmarks.Day;

/// <summary>
/// Marketo's limits as the service enforces them, written from the reference rather than from the
/// governor: at most 100 calls in any 20 seconds (606), 10 in flight (615), 50,000 a day from
/// midnight America/Chicago (607). A rejected call counts like any other, as Marketo's do.
/// </summary>
internal sealed class SimulatedMarketo
{
    public const int RatePerTwentySeconds = 100;
    public const int Concurrent = 10;
    public const int Daily = 50_000;
    private static readonly TimeSpan Twenty = TimeSpan.FromSeconds(20);

    private readonly TimeZoneInfo _chicago = TimeZoneInfo.FindSystemTimeZoneById("America/Chicago");
    private readonly Queue<DateTimeOffset> _recent = new();
    private DateTimeOffset _dayEnd = DateTimeOffset.MinValue;
    private long _today;
    private int _inFlight;

    public long Calls { get; private set; }

    public long Rejections { get; private set; }

    /// <summary>The most calls one Chicago day counted.</summary>
    public long MostInADay { get; private set; }

    /// <summary>Local midnight in Chicago starting the day that holds <paramref name="instant"/> (never skipped: the clocks change at 2 AM).</summary>
    public DateTimeOffset MidnightBefore(DateTimeOffset instant)
    {
        var local = TimeZoneInfo.ConvertTime(instant, _chicago).DateTime.Date;
        return new DateTimeOffset(TimeZoneInfo.ConvertTimeToUtc(local, _chicago), TimeSpan.Zero);
    }

    public DateTimeOffset MidnightAfter(DateTimeOffset instant)
    {
        var local = TimeZoneInfo.ConvertTime(instant, _chicago).DateTime.Date.AddDays(1);
        return new DateTimeOffset(TimeZoneInfo.ConvertTimeToUtc(local, _chicago), TimeSpan.Zero);
    }

    /// <summary>Wall-clock time in Chicago.</summary>
    public DateTime Local(DateTimeOffset instant) => TimeZoneInfo.ConvertTime(instant, _chicago).DateTime;

    /// <summary>One call made at <paramref name="at"/> and answered before the next: true when the service took it.</summary>
    public bool Call(DateTimeOffset at)
    {
        if (at >= _dayEnd)
        {
            _dayEnd = MidnightAfter(at);
            _today = 0;
        }

        while (_recent.Count > 0 && _recent.Peek() <= at - Twenty)
        {
            _recent.Dequeue();
        }

        _inFlight++;
        var accepted = _inFlight <= Concurrent && _recent.Count < RatePerTwentySeconds && _today < Daily;
        _inFlight--;
        _recent.Enqueue(at);
        _today++;
        Calls++;
        MostInADay = Math.Max(MostInADay, _today);
        if (!accepted)
        {
            Rejections++;
        }

        return accepted;
    }
}
