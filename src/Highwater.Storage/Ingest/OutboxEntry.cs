namespace Highwater.Storage.Ingest;

/// <summary>One profile to export to one destination.</summary>
/// <param name="Destination">The destination's configured name.</param>
/// <param name="ProfileKey">The profile.</param>
/// <param name="Lane">Which lane it waits in: live changes, or a backfill that only spends what live changes leave.</param>
public readonly record struct OutboxEntry(string Destination, string ProfileKey, OutboxLane Lane = OutboxLane.Live);
