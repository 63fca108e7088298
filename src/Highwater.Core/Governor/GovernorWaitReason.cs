namespace Highwater.Core.Governor;

/// <summary>Why the governor answered "wait".</summary>
public enum GovernorWaitReason
{
    /// <summary>Not waiting: the answer was "go".</summary>
    None,

    /// <summary>A window's usable share (its limit less the reserve) would be exceeded.</summary>
    WindowFull,

    /// <summary>Every concurrency slot is taken; one frees when a call in flight ends.</summary>
    ConcurrencyLimit,

    /// <summary>The service said a window was exceeded or its quota reached (Marketo 606/607, Pardot 122, HubSpot DAILY, Salesforce REQUEST_LIMIT_EXCEEDED).</summary>
    WindowPaused,

    /// <summary>The service asked us to wait (HTTP 429 with Retry-After).</summary>
    RetryAfter,
}
