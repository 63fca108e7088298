using Highwater.Storage.Ingest;
using Highwater.Storage.Json;
using Highwater.Storage.Outbox;
using Microsoft.Data.Sqlite;

namespace Highwater.Storage.Sqlite;

/// <summary>
/// Writes outbox rows inside a caller's transaction (an ingest, an enqueue, a dead-letter retry).
/// A new row starts at version 1; a row already waiting is replaced: version + 1, changed_at now,
/// first_enqueued_at and attempts kept, any retry wait dropped, and the live lane wins.
/// </summary>
internal static class SqliteOutboxWriter
{
    private const string Upsert = """
        INSERT INTO outbox (destination, profile_key, lane, version, first_enqueued_at, changed_at, attempts)
        SELECT value ->> 0, value ->> 1, value ->> 2, 1, $now, $now, 0 FROM json_each($rows) WHERE true
        ON CONFLICT (destination, profile_key) DO UPDATE SET
            lane = min(lane, excluded.lane),
            version = version + 1,
            changed_at = excluded.changed_at,
            not_before = NULL,
            requeued_at = CASE WHEN claimed_by IS NOT NULL THEN coalesce(requeued_at, excluded.changed_at) END
        RETURNING version;
        """;

    public static async Task<IngestResult> WriteAsync(
        SqliteConnection connection,
        SqliteTransaction transaction,
        IEnumerable<OutboxEntry> entries,
        DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        using var rows = new JsonRows();
        foreach (var entry in OutboxEntries.Normalize(entries))
        {
            rows.Row(entry.Destination, entry.ProfileKey, (int)entry.Lane);
        }

        int written = 0, coalesced = 0;
        if (rows.Count == 0)
        {
            return new IngestResult(0, 0);
        }

        // One statement for the page; RETURNING gives each row's version (above 1: it replaced a waiting change).
        await using var command = SqliteCommands.Create(connection, transaction, Upsert)
            .Bind("$rows", rows.ToJson())
            .BindTime("$now", now);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            written++;
            if (reader.GetInt64(0) > 1)
            {
                coalesced++;
            }
        }

        return new IngestResult(written, coalesced);
    }
}
