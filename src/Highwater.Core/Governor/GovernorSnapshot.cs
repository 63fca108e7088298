namespace Highwater.Core.Governor;

/// <summary>A governor's account at an instant: its windows, calls in flight and pauses.</summary>
public sealed record GovernorSnapshot
{
    /// <summary>The service account.</summary>
    public required string Account { get; init; }

    /// <summary>When the snapshot was taken.</summary>
    public required DateTimeOffset At { get; init; }

    /// <summary>Leases held now.</summary>
    public required int InFlight { get; init; }

    /// <summary>The concurrency limit in force (lowered for a while after "too many concurrent"); null when unlimited.</summary>
    public int? ConcurrencyLimit { get; init; }

    /// <summary>Until when a Retry-After holds every call back, if that is still ahead.</summary>
    public DateTimeOffset? PausedUntil { get; init; }

    /// <summary>Each window of the policy, in its order.</summary>
    public required IReadOnlyList<WindowSnapshot> Windows { get; init; }
}
