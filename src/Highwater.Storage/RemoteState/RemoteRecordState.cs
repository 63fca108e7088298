namespace Highwater.Storage.RemoteState;

/// <summary>What Highwater last confirmed for one profile at one destination.</summary>
/// <param name="Destination">The destination.</param>
/// <param name="ProfileKey">The profile.</param>
/// <param name="RemoteId">The service's id, recorded the moment a create answers.</param>
/// <param name="ForeignKey">The foreign key the record was exported under.</param>
/// <param name="Fields">Mapped fields last confirmed (null before the first confirmed write).</param>
/// <param name="Lists">Remote lists last confirmed.</param>
/// <param name="ExportedAt">When it was last confirmed.</param>
public sealed record RemoteRecordState(
    string Destination,
    string ProfileKey,
    string? RemoteId,
    string? ForeignKey,
    IReadOnlyDictionary<string, string?> Fields,
    IReadOnlySet<string> Lists,
    DateTimeOffset ExportedAt);
