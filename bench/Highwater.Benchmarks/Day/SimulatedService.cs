using Highwater.Core.Governor;
using Highwater.Simulators.Hosting;

namespace Highwater.Benchmarks.Day;

/// <summary>
/// A service's limits as the service enforces them, counted here apart from the governor by the
/// simulators' own <see cref="CallLimiter"/>: every rolling window of its default policy (Marketo:
/// at most 100 calls in any 20 seconds, 606), every calendar day (Marketo: 50,000 from midnight
/// America/Chicago, 607) and its concurrency (Marketo and Mailchimp: 10 in flight, 615 or 429),
/// each call holding a connection from its start to its end. A call refused by a window or for
/// concurrency counts like any other, as Marketo's do. The day's wall clock is the zone of the
/// service's calendar day, or America/Chicago where its daily quota rolls or it has none.
/// </summary>
internal sealed class SimulatedService
{
    private const string DefaultZone = "America/Chicago";

    private readonly TimeZoneInfo _zone;
    private readonly CallLimiter _limiter;
    private readonly PriorityQueue<DateTimeOffset, DateTimeOffset> _ending = new();

    public SimulatedService(RatePolicyOptions policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        var day = policy.CalendarWindows.FirstOrDefault(w => w.Period == CalendarPeriod.Day);
        _zone = TimeZoneInfo.FindSystemTimeZoneById(day?.TimeZone ?? DefaultZone);
        _limiter = new CallLimiter(new CallLimits
        {
            MaxConcurrent = policy.ConcurrencyLimit,
            Windows = [.. policy.RollingWindows.Select(w => (w.Limit, w.Length))],
            DailyQuota = day?.Limit,
            DailyZone = _zone,
            RefusedCount = true,
        });
    }

    public long Calls { get; private set; }

    public long Rejections { get; private set; }

    /// <summary>The most calls one day (in the service's zone) counted.</summary>
    public long MostInADay { get; private set; }

    /// <summary>The most calls in flight at once.</summary>
    public int MostInFlight { get; private set; }

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

    /// <summary>
    /// One call from <paramref name="start"/> to <paramref name="end"/>; calls come in the order they
    /// start. True when the service took it.
    /// </summary>
    public bool Call(DateTimeOffset start, DateTimeOffset end)
    {
        while (_ending.TryPeek(out var ended, out _) && ended <= start)
        {
            _ending.Dequeue();
            _limiter.Exit();
        }

        var entered = _limiter.TryEnter();
        if (entered)
        {
            _ending.Enqueue(end, end);
            MostInFlight = Math.Max(MostInFlight, _limiter.InFlight);
        }

        var refusal = _limiter.Admit(start, concurrencyExceeded: !entered);
        Calls++;
        MostInADay = Math.Max(MostInADay, _limiter.UsedToday(start));
        if (refusal is null)
        {
            return true;
        }

        Rejections++;
        return false;
    }
}
