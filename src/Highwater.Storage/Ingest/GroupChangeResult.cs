namespace Highwater.Storage.Ingest;

/// <summary>What storing group changes did.</summary>
/// <param name="ProfilesChanged">Profiles whose groups were written.</param>
/// <param name="Stale">Profiles left alone because they changed after they were read.</param>
/// <param name="OutboxWritten">Outbox rows written (new or replaced).</param>
/// <param name="Coalesced">Of those, rows that replaced one still waiting.</param>
public readonly record struct GroupChangeResult(int ProfilesChanged, int Stale, int OutboxWritten, int Coalesced);
