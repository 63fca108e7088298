namespace Highwater.Storage.Ingest;

/// <summary>What one commit did to the outbox.</summary>
/// <param name="OutboxWritten">Outbox rows written (new or replaced).</param>
/// <param name="Coalesced">Of those, rows that replaced one still waiting: changes folded into an earlier one.</param>
public readonly record struct IngestResult(int OutboxWritten, int Coalesced);
