namespace Highwater.Simulators.Hosting;

/// <summary>A simulator's limits, as the <see cref="CallLimiter"/> enforces them.</summary>
internal sealed record CallLimits
{
    /// <summary>Requests in flight at once; null for no limit.</summary>
    public int? MaxConcurrent { get; init; }

    /// <summary>Rolling windows: at most <c>Limit</c> requests in any <c>Length</c> (Marketo: 100 in 20 s).</summary>
    public IReadOnlyList<(long Limit, TimeSpan Length)> Windows { get; init; } = [];

    /// <summary>Requests a day; null for no daily quota.</summary>
    public long? DailyQuota { get; init; }

    /// <summary>The zone whose midnight starts a new day for <see cref="DailyQuota"/>; null: the day is the rolling last 24 hours (Salesforce).</summary>
    public TimeZoneInfo? DailyZone { get; init; }

    /// <summary>Whether a request refused for concurrency or a window still counts toward the windows and the day (Marketo's 606 and 615 do; a refused daily call never counts).</summary>
    public bool RefusedCount { get; init; }
}
