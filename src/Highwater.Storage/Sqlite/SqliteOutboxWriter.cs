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
    // RETURNING gives the row's version: above 1, it replaced a waiting change.
    private const string Upsert = """
        INSERT INTO outbox (destination, profile_key, lane, version, first_enqueued_at, changed_at, attempts)
        VALUES (?1, ?2, ?3, 1, ?4, ?4, 0)
        ON CONFLICT (destination, profile_key) DO UPDATE SET
            lane = min(lane, excluded.lane),
            version = version + 1,
            changed_at = excluded.changed_at,
            not_before = NULL,
            requeued_at = CASE WHEN claimed_by IS NOT NULL THEN coalesce(requeued_at, excluded.changed_at) END
        RETURNING version;
        """;

    public static IngestResult Write(SqliteConnection connection, IEnumerable<OutboxEntry> entries, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var rows = OutboxEntries.Normalize(entries);
        if (rows.Count == 0)
        {
            return new IngestResult(0, 0);
        }

        using var upsert = new SqliteStatement(connection, Upsert).Integer(4, SqliteTime.ToColumn(now));
        int written = 0, coalesced = 0;
        foreach (var row in rows)
        {
            SqliteIngestStore.Stride(ref written, cancellationToken);
            if (upsert.Text(1, row.Destination).Text(2, row.ProfileKey).Integer(3, (int)row.Lane).Execute() > 1)
            {
                coalesced++;
            }
        }

        return new IngestResult(written, coalesced);
    }
}
