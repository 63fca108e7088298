using Highwater.Storage.Ingest;

namespace Highwater.Storage.Outbox;

/// <summary>One waiting (destination, profile) row, as claimed.</summary>
/// <param name="Destination">The destination.</param>
/// <param name="ProfileKey">The profile.</param>
/// <param name="Version">Bumped by every newer change; completing an older version leaves the row waiting.</param>
/// <param name="Lane">Live or backfill.</param>
/// <param name="FirstEnqueuedAt">When the oldest change still waiting in this row arrived (kept when a newer change replaces it).</param>
/// <param name="ChangedAt">When the newest change arrived.</param>
/// <param name="Attempts">Failed export attempts so far.</param>
public sealed record OutboxItem(string Destination, string ProfileKey, long Version, OutboxLane Lane, DateTimeOffset FirstEnqueuedAt, DateTimeOffset ChangedAt, int Attempts)
{
    /// <summary>This row at the version claimed, as an outbox transition names it.</summary>
    public OutboxCompletion Claimed => new(ProfileKey, Version);
}
