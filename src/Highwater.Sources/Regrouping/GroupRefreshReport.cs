namespace Highwater.Sources.Regrouping;

/// <summary>What one group refresh did.</summary>
public sealed record GroupRefreshReport
{
    /// <summary>The time the groups were evaluated at.</summary>
    public required DateTimeOffset At { get; init; }

    /// <summary>Profiles read (none when no group depends on time).</summary>
    public long ProfilesScanned { get; init; }

    /// <summary>Profiles whose groups changed and were written.</summary>
    public long ProfilesChanged { get; init; }

    /// <summary>Profiles whose groups changed but that a poll changed after they were read: left to that poll.</summary>
    public long ProfilesSkipped { get; init; }

    /// <summary>Outbox rows written, new or replacing a waiting one.</summary>
    public long OutboxWritten { get; init; }

    /// <summary>Of those, changes folded into a row still waiting.</summary>
    public long Coalesced { get; init; }
}
