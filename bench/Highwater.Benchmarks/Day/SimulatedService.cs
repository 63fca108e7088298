using Highwater.Core.Governor;

namespace Highwater.Benchmarks.Day;

/// <summary>
/// A service's limits as the service enforces them, counted here apart from the governor: every
/// rolling window of its default policy (Marketo: at most 100 calls in any 20 seconds, 606), every
/// calendar day (Marketo: 50,000 from midnight America/Chicago, 607) and its concurrency (10 in
/// flight, 615). A rejected call counts like any other, as Marketo's do. The day's wall clock is the
/// zone of the service's calendar day, or America/Chicago where its daily quota rolls.
/// </summary>
internal sealed class SimulatedService
{
    private const string DefaultZone = "America/Chicago";

    private readonly TimeZoneInfo _zone;
    private readonly (long Limit, TimeSpan Length, Queue<DateTimeOffset> Recent)[] _rolling;
    private readonly long? _daily;
    private readonly int? _concurrent;
    private DateTimeOffset _dayEnd = DateTimeOffset.MinValue;
    private long _today;
    private int _inFlight;

    public SimulatedService(RatePolicyOptions policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        var day = policy.CalendarWindows.FirstOrDefault(w => w.Period == CalendarPeriod.Day);
        _zone = TimeZoneInfo.FindSystemTimeZoneById(day?.TimeZone ?? DefaultZone);
        _rolling = [.. policy.RollingWindows.Select(w => (w.Limit, w.Length, new Queue<DateTimeOffset>()))];
        _daily = day?.Limit;
        _concurrent = policy.ConcurrencyLimit;
    }

    public long Calls { get; private set; }

    public long Rejections { get; private set; }

    /// <summary>The most calls one day (in the service's zone) counted.</summary>
    public long MostInADay { get; private set; }

    /// <summary>Local midnight starting the day that holds <paramref name="instant"/> (never skipped: the clocks change at 2 AM).</summary>
    public DateTimeOffset MidnightBefore(DateTimeOffset instant)
    {
        var local = TimeZoneInfo.ConvertTime(instant, _zone).DateTime.Date;
        return new DateTimeOffset(TimeZoneInfo.ConvertTimeToUtc(local, _zone), TimeSpan.Zero);
    }

    public DateTimeOffset MidnightAfter(DateTimeOffset instant)
    {
        var local = TimeZoneInfo.ConvertTime(instant, _zone).DateTime.Date.AddDays(1);
        return new DateTimeOffset(TimeZoneInfo.ConvertTimeToUtc(local, _zone), TimeSpan.Zero);
    }

    /// <summary>Wall-clock time in the service's zone.</summary>
    public DateTime Local(DateTimeOffset instant) => TimeZoneInfo.ConvertTime(instant, _zone).DateTime;

    /// <summary>One call made at <paramref name="at"/> and answered before the next: true when the service took it.</summary>
    public bool Call(DateTimeOffset at)
    {
        if (at >= _dayEnd)
        {
            _dayEnd = MidnightAfter(at);
            _today = 0;
        }

        var accepted = true;
        foreach (var (limit, length, recent) in _rolling)
        {
            while (recent.Count > 0 && recent.Peek() <= at - length)
            {
                recent.Dequeue();
            }

            accepted &= recent.Count < limit;
        }

        _inFlight++;
        accepted &= (_concurrent is not { } most || _inFlight <= most) && (_daily is not { } daily || _today < daily);
        _inFlight--;
        foreach (var (_, _, recent) in _rolling)
        {
            recent.Enqueue(at);
        }

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
