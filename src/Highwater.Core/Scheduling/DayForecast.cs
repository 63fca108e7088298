namespace Highwater.Core.Scheduling;

/// <summary>
/// One destination's day as the scheduler sees it: the quota used so far, what the changes waiting
/// and arriving will need by the reset, when the quota would run out at today's rate, and the
/// window in force with the reason for it.
/// </summary>
public sealed record DayForecast
{
    /// <summary>When the forecast was made.</summary>
    public required DateTimeOffset At { get; init; }

    /// <summary>The day-long quota window forecast against ("day"); null when the policy has none.</summary>
    public string? QuotaWindow { get; init; }

    /// <summary>When the quota resets (a calendar window's next period); for a rolling window, the end of the horizon forecast (a window's length from now).</summary>
    public DateTimeOffset? Reset { get; init; }

    /// <summary>The window's limit.</summary>
    public long Limit { get; init; }

    /// <summary>Calls held back for the account's other integrations.</summary>
    public long Reserve { get; init; }

    /// <summary>Calls counted in the window so far, by every worker.</summary>
    public long Used { get; init; }

    /// <summary>Calls Highwater may still spend before the reset: the limit less the reserve and what is used.</summary>
    public long Left => Math.Max(0, Limit - Reserve - Used);

    /// <summary>New live rows a minute (changes to profiles not already waiting), as recently observed.</summary>
    public double LiveChangesPerMinute { get; init; }

    /// <summary>New backfill rows a minute, as recently observed.</summary>
    public double BackfillChangesPerMinute { get; init; }

    /// <summary>Live rows waiting now.</summary>
    public long LiveWaiting { get; init; }

    /// <summary>Calls a live row costs in recent batches; null before the first batch.</summary>
    public double? CallsPerChange { get; init; }

    /// <summary>What the live rows waiting and arriving will cost until the reset at today's rate; null when it cannot be forecast.</summary>
    public long? LiveNeed { get; init; }

    /// <summary>Calls used by the reset if today's rate holds (may exceed what is usable: the quota would run out).</summary>
    public long? ExpectedUseByReset { get; init; }

    /// <summary>When the usable quota would run out at today's rate, if before the reset.</summary>
    public DateTimeOffset? RunsOutAt { get; init; }

    /// <summary><see cref="RunsOutAt"/> on the quota's own clock ("14:20 America/Chicago").</summary>
    public string? RunsOutAtLocal { get; init; }

    /// <summary>Calls a backfill may spend before the reset without touching the live need; null when there is no daily quota to protect.</summary>
    public long? BackfillAllowance { get; init; }

    /// <summary>The batch window in force.</summary>
    public required TimeSpan Window { get; init; }

    /// <summary>Rows of a full live batch at that window.</summary>
    public required int FullBatch { get; init; }

    /// <summary>Why the window is what it is.</summary>
    public required WindowReason WindowReason { get; init; }

    /// <summary>Whether live batches are spaced so the quota lasts until the reset.</summary>
    public bool Pacing => WindowReason == WindowReason.Pacing;

    /// <summary>The forecast and the window's reason in words a user can read.</summary>
    public required string Reason { get; init; }
}
