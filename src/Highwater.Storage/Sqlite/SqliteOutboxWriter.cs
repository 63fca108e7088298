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
    // A new row is a plain insert; only a row already waiting takes the update. (One upsert with
    // RETURNING version cost twice as much: SQLite collects RETURNING rows in a temporary table.)
    private const string Insert = """
        INSERT INTO outbox (destination, profile_key, lane, version, first_enqueued_at, changed_at, attempts)
        VALUES (?1, ?2, ?3, 1, ?4, ?4, 0)
        ON CONFLICT (destination, profile_key) DO NOTHING;
        """;

    private const string Coalesce = """
        UPDATE outbox SET
            lane = min(lane, ?3),
            version = version + 1,
            changed_at = ?4,
            not_before = NULL,
            requeued_at = CASE WHEN claimed_by IS NOT NULL THEN coalesce(requeued_at, ?4) END
        WHERE destination = ?1 AND profile_key = ?2;
        """;

    public static IngestResult Write(SqliteConnection connection, IEnumerable<OutboxEntry> entries, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var rows = OutboxEntries.Normalize(entries);
        if (rows.Count == 0)
        {
            return new IngestResult(0, 0);
        }

        var at = SqliteTime.ToColumn(now);
        using var insert = new SqliteStatement(connection, Insert).Integer(4, at);
        using var coalesce = new SqliteStatement(connection, Coalesce).Integer(4, at);
        int written = 0, coalesced = 0;
        foreach (var row in rows)
        {
            SqliteStatement.Count(ref written, cancellationToken);
            if (insert.Text(1, row.Destination).Text(2, row.ProfileKey).Integer(3, (int)row.Lane).Execute() == 0)
            {
                coalesce.Text(1, row.Destination).Text(2, row.ProfileKey).Integer(3, (int)row.Lane).Execute();
                coalesced++;
            }
        }

        return new IngestResult(written, coalesced);
    }
}
