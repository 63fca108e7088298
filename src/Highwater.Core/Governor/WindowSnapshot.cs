namespace Highwater.Core.Governor;

/// <summary>One window as the governor sees it at an instant.</summary>
public sealed record WindowSnapshot
{
    /// <summary>The window's name.</summary>
    public required string Window { get; init; }

    /// <summary>Calls counted in the window, by every worker sharing the ledger and as reported by the service.</summary>
    public required long Used { get; init; }

    /// <summary>The window's limit (lowered when the service reported a smaller one).</summary>
    public required long Limit { get; init; }

    /// <summary>Calls left for the account's other integrations.</summary>
    public required long Reserve { get; init; }

    /// <summary>Calls Highwater may still spend: the limit less the reserve and what is used.</summary>
    public long Left => Math.Max(0, Limit - Reserve - Used);

    /// <summary>When a calendar window's period began; null for a rolling window.</summary>
    public DateTimeOffset? WindowStart { get; init; }

    /// <summary>When a calendar window resets; for a rolling window, when its oldest counted call falls out (null when none is counted).</summary>
    public DateTimeOffset? NextReset { get; init; }

    /// <summary>Until when the service told us to leave the window alone, if that is still ahead.</summary>
    public DateTimeOffset? PausedUntil { get; init; }
}
