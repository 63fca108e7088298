namespace Highwater.Core.Governor;

/// <summary>
/// The settings of a <see cref="RatePolicy"/>, as configuration binds them. Start from
/// a service module's default policy and override any number.
/// </summary>
public sealed class RatePolicyOptions
{
    /// <summary>The service account the quota belongs to; every destination on it shares one policy and one ledger count.</summary>
    public string Account { get; set; } = "";

    /// <summary>Rolling windows, such as 100 calls per 20 seconds.</summary>
    public IList<RollingWindowOptions> RollingWindows { get; } = new List<RollingWindowOptions>();

    /// <summary>Calendar windows, such as 50,000 calls a day from midnight in America/Chicago.</summary>
    public IList<CalendarWindowOptions> CalendarWindows { get; } = new List<CalendarWindowOptions>();

    /// <summary>Calls in flight at once; null when the service sets no limit.</summary>
    public int? ConcurrencyLimit { get; set; }

    /// <summary>How long a "too many concurrent calls" answer lowers the concurrency limit before it is restored.</summary>
    public TimeSpan ConcurrencyRecovery { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// Adds a daily quota of <paramref name="limit"/> calls: a calendar day from midnight in
    /// <paramref name="timeZone"/> when the zone is known, otherwise a rolling 24-hour window.
    /// </summary>
    /// <remarks>
    /// Where a service does not say in which zone its daily quota resets, a rolling 24 hours is the
    /// safe default instead of a guessed calendar day: no interval of 24 hours holds more than the
    /// limit, so no calendar day of 24 hours does either, in whatever zone the service counts (a
    /// 25-hour fall-back day may hold up to an hour's more calls than the limit: the reserve absorbs
    /// them). Naming the account's zone gets the calendar window and the calls it frees at each reset.
    /// </remarks>
    /// <returns>These options.</returns>
    public RatePolicyOptions AddDailyLimit(long limit, string? timeZone)
    {
        if (timeZone is null)
        {
            RollingWindows.Add(new RollingWindowOptions { Limit = limit, Length = TimeSpan.FromHours(24) });
        }
        else
        {
            CalendarWindows.Add(new CalendarWindowOptions { Limit = limit, TimeZone = timeZone });
        }

        return this;
    }
}
