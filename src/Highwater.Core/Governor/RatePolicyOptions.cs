namespace Highwater.Core.Governor;

/// <summary>
/// The settings of a <see cref="RatePolicy"/>, as configuration binds them. Start from
/// <see cref="KnownPolicies"/> and override any number.
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
}
