using Highwater.Storage.Ingest;
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
        VALUES ($destination, $profile_key, $lane, 1, $now, $now, 0)
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
        await using var command = SqliteCommands.Create(connection, transaction, Upsert)
            .Bind("$destination", null)
            .Bind("$profile_key", null)
            .Bind("$lane", null)
            .BindTime("$now", now);
        int written = 0, coalesced = 0;
        foreach (var entry in OutboxEntries.Normalize(entries))
        {
            command.Set("$destination", entry.Destination);
            command.Set("$profile_key", entry.ProfileKey);
            command.Set("$lane", (int)entry.Lane);
            var version = (long)(await command.ExecuteScalarAsync(cancellationToken))!;
            written++;
            if (version > 1)
            {
                coalesced++;
            }
        }

        return new IngestResult(written, coalesced);
    }
}
