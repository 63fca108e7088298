namespace Highwater.Core.Scheduling;

/// <summary>Why the batch window in force is what it is.</summary>
public enum WindowReason
{
    /// <summary>Fixed mode: the configured window.</summary>
    Fixed,

    /// <summary>The policy has no day-long quota and the calls stay well below its rate limits: the window at its shortest (its longest rate window, at most the minimum window).</summary>
    NoDailyQuota,

    /// <summary>No batch has been costed yet, so there is nothing to forecast with: the configured window.</summary>
    NoForecastYet,

    /// <summary>Stretched: the quota would run out before it resets (with no daily quota: the calls would come near the rate limits).</summary>
    Stretched,

    /// <summary>Shrunk: the forecast leaves room.</summary>
    Shrunk,

    /// <summary>Kept: the forecast is within the quota with little room to spare.</summary>
    Held,

    /// <summary>At the longest window and the quota still would run out: batches are paced until the reset.</summary>
    Pacing,

    /// <summary>Shrunk late in the day: the forecast would leave calls unspent at the reset, and those are lost.</summary>
    SpendingTheRest,
}
