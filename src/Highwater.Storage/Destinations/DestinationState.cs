namespace Highwater.Storage.Destinations;

/// <summary>What the buffer remembers of one destination beyond its rows.</summary>
/// <param name="Destination">The destination's configured name.</param>
/// <param name="AdoptedLists">The mapped lists whose existing members were read once (adopted), as the engine keys them; null before any adoption.</param>
/// <param name="AdoptedAt">When they were adopted.</param>
/// <param name="LastRunAt">When the last export pass ended.</param>
/// <param name="LastRun">That pass's summary, as the engine wrote it (JSON).</param>
public sealed record DestinationState(string Destination, string? AdoptedLists, DateTimeOffset? AdoptedAt, DateTimeOffset? LastRunAt, string? LastRun);
