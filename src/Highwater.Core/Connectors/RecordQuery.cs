namespace Highwater.Core.Connectors;

/// <summary>What <see cref="IRecordReader.ReadRecordsAsync"/> reads.</summary>
/// <param name="ForeignKeys">Foreign keys (e-mails) to find records by.</param>
/// <param name="RemoteIds">Remote ids to find records by.</param>
/// <param name="Fields">The fields to read, by the service's names (the destination's mapping).</param>
/// <param name="Lists">The remote lists whose memberships to read, by name; empty for none.</param>
public sealed record RecordQuery(
    IReadOnlyCollection<string> ForeignKeys,
    IReadOnlyCollection<string> RemoteIds,
    IReadOnlyCollection<string> Fields,
    IReadOnlyCollection<string> Lists);
