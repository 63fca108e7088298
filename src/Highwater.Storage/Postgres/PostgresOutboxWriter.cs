using Highwater.Storage.Ingest;
using Highwater.Storage.Outbox;
using Npgsql;
using NpgsqlTypes;

namespace Highwater.Storage.Postgres;

/// <summary>
/// Writes outbox rows inside a caller's transaction (an ingest, an enqueue). A new row starts at
/// version 1; a row already waiting is replaced: version + 1, changed_at now, first_enqueued_at
/// and attempts kept, any retry wait dropped, and the live lane wins.
/// </summary>
internal static class PostgresOutboxWriter
{
    /// <summary>The replacement rule, shared with the dead-letter retry's single statement.</summary>
    public const string OnConflict = """
        ON CONFLICT (destination, profile_key) DO UPDATE SET
            lane = LEAST(o.lane, excluded.lane),
            version = o.version + 1,
            changed_at = excluded.changed_at,
            not_before = NULL,
            requeued_at = CASE WHEN o.claimed_by IS NOT NULL THEN coalesce(o.requeued_at, excluded.changed_at) END
        RETURNING o.version
        """;

    private const string Upsert = $"""
        INSERT INTO outbox AS o (destination, profile_key, lane, version, first_enqueued_at, changed_at, attempts)
        SELECT e.destination, e.profile_key, e.lane, 1, @now, @now, 0
        FROM unnest(@destinations, @profile_keys, @lanes) WITH ORDINALITY AS e(destination, profile_key, lane, n)
        ORDER BY e.n
        {OnConflict};
        """;

    public static async Task<IngestResult> WriteAsync(
        NpgsqlConnection connection,
        NpgsqlTransaction transaction,
        IEnumerable<OutboxEntry> entries,
        DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        var rows = OutboxEntries.Normalize(entries);
        if (rows.Count == 0)
        {
            return default;
        }

        await using var command = PostgresCommands.Create(connection, transaction, Upsert)
            .BindTime("now", now)
            .BindTexts("destinations", rows.Select(row => row.Destination))
            .BindTexts("profile_keys", rows.Select(row => row.ProfileKey))
            .Bind("lanes", NpgsqlDbType.Array | NpgsqlDbType.Smallint, rows.Select(row => (short)row.Lane).ToArray());
        int written = 0, coalesced = 0;
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
