using Highwater.Storage.Ingest;
using Highwater.Storage.Outbox;
using Npgsql;
using NpgsqlTypes;

namespace Highwater.Storage.Postgres;

/// <summary>
/// The outbox on PostgreSQL, shared by every worker: a claim locks the rows it picks with
/// FOR UPDATE SKIP LOCKED inside the UPDATE that leases them, so concurrent claimers pass over
/// each other's rows instead of waiting for them or taking them twice.
/// </summary>
internal sealed class PostgresOutboxStore(PostgresDatabase database, TimeProvider timeProvider) : IOutboxStore
{
    // The pick is a MATERIALIZED CTE so it runs exactly once: as a subquery in FROM the planner may
    // rescan it for each row being updated, and a rescan after the first rows were leased picks
    // further ones, claiming more than @max.
    private const string Claim = """
        WITH picked AS MATERIALIZED (
            SELECT profile_key FROM outbox
            WHERE destination = @destination AND lane = @lane
              AND (claimed_until IS NULL OR claimed_until <= @now)
              AND (not_before IS NULL OR not_before <= @now)
            ORDER BY first_enqueued_at, profile_key
            LIMIT @max
            FOR UPDATE SKIP LOCKED
        )
        UPDATE outbox AS o SET claimed_by = @worker, claimed_until = @until, requeued_at = NULL
        FROM picked
        WHERE o.destination = @destination AND o.profile_key = picked.profile_key
        RETURNING o.profile_key, o.version, o.lane, o.first_enqueued_at, o.changed_at, o.attempts;
        """;

    // The claim's order, as a keyset: a page starts after the last row of the one before. Reads
    // only: no lock, so it neither waits for a claim nor holds one up.
    private const string Peek = """
        SELECT profile_key, version, lane, first_enqueued_at, changed_at, attempts FROM outbox
        WHERE destination = @destination AND lane = @lane
          AND (@after_at::timestamptz IS NULL OR (first_enqueued_at, profile_key) > (@after_at, @after_key))
        ORDER BY first_enqueued_at, profile_key
        LIMIT @max;
        """;

    private const string Delete = """
        DELETE FROM outbox AS o USING unnest(@profile_keys, @versions) AS d(profile_key, version)
        WHERE o.destination = @destination AND o.profile_key = d.profile_key AND o.version = d.version;
        """;

    // Completing or removing settles the version claimed. A row changed since its claim stays as a
    // new change: no lease, no retry wait, no attempts, waiting from the first change the claim missed.
    private const string Unclaim = """
        UPDATE outbox AS o SET claimed_by = NULL, claimed_until = NULL, not_before = NULL, attempts = 0,
            first_enqueued_at = coalesce(o.requeued_at, o.first_enqueued_at), requeued_at = NULL
        FROM unnest(@profile_keys, @versions) AS d(profile_key, version)
        WHERE o.destination = @destination AND o.profile_key = d.profile_key AND o.version <> d.version;
        """;

    // The wait and the failed attempt belong to the version claimed; a newer one is claimable at once.
    private const string Release = """
        UPDATE outbox AS o SET claimed_by = NULL, claimed_until = NULL, requeued_at = NULL,
            not_before = CASE WHEN o.version = d.version THEN @not_before END,
            attempts = CASE WHEN o.version = d.version THEN o.attempts + @failed ELSE 0 END
        FROM unnest(@profile_keys, @versions) AS d(profile_key, version)
        WHERE o.destination = @destination AND o.profile_key = d.profile_key;
        """;

    public Task<IngestResult> EnqueueAsync(IReadOnlyCollection<OutboxEntry> entries, CancellationToken cancellationToken) =>
        entries.Count == 0 ? Task.FromResult(default(IngestResult)) : database.WriteAsync(
            (connection, transaction) => PostgresOutboxWriter.WriteAsync(connection, transaction, entries, timeProvider.GetUtcNow(), cancellationToken),
            cancellationToken);

    public async Task<IReadOnlyList<OutboxItem>> ClaimAsync(string destination, OutboxLane lane, int max, string worker, TimeSpan lease, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(max);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(lease, TimeSpan.Zero);
        var now = timeProvider.GetUtcNow();
        await using var command = database.Command(Claim)
            .BindText("worker", worker)
            .BindTime("until", now + lease)
            .BindText("destination", destination)
            .Bind("lane", NpgsqlDbType.Smallint, (short)lane)
            .BindTime("now", now)
            .BindBigint("max", max);
        var items = await ReadItemsAsync(command, destination, cancellationToken);

        return [.. items.OrderBy(item => item.FirstEnqueuedAt).ThenBy(item => item.ProfileKey, StringComparer.Ordinal)];
    }

    public Task CompleteAsync(string destination, IReadOnlyCollection<OutboxCompletion> done, CancellationToken cancellationToken) =>
        SettleAsync(destination, done, cancellationToken);

    public async Task ReleaseAsync(string destination, IReadOnlyCollection<OutboxCompletion> claimed, DateTimeOffset? notBefore, bool failedAttempt, CancellationToken cancellationToken)
    {
        if (claimed.Count == 0)
        {
            return;
        }

        await using var command = Versioned(database.Command(Release), destination, claimed)
            .BindTime("not_before", notBefore)
            .Bind("failed", NpgsqlDbType.Integer, failedAttempt ? 1 : 0);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<int> ReleaseHeldByAsync(string worker, CancellationToken cancellationToken)
    {
        await using var command = database.Command("UPDATE outbox SET claimed_by = NULL, claimed_until = NULL WHERE claimed_by = @worker;")
            .BindText("worker", worker);
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public Task RemoveAsync(string destination, IReadOnlyCollection<OutboxCompletion> claimed, CancellationToken cancellationToken) =>
        SettleAsync(destination, claimed, cancellationToken);

    public async Task<IReadOnlyList<OutboxItem>> PeekAsync(string destination, OutboxLane lane, OutboxItem? after, int max, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(max);
        await using var command = database.Command(Peek)
            .BindText("destination", destination)
            .Bind("lane", NpgsqlDbType.Smallint, (short)lane)
            .BindTime("after_at", after?.FirstEnqueuedAt)
            .BindText("after_key", after?.ProfileKey)
            .BindBigint("max", max);
        return await ReadItemsAsync(command, destination, cancellationToken);
    }

    public async Task<OutboxDepth> DepthAsync(string destination, OutboxLane? lane, CancellationToken cancellationToken)
    {
        await using var command = database.Command("SELECT count(*), min(first_enqueued_at) FROM outbox WHERE destination = @destination AND (@lane IS NULL OR lane = @lane);")
            .BindText("destination", destination)
            .Bind("lane", NpgsqlDbType.Smallint, lane is { } value ? (short)value : null);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return new OutboxDepth(reader.GetInt64(0), reader.GetTimeOrNull(1));
    }

    /// <summary>Deletes rows at their version and gives back those changed since, in one transaction.</summary>
    private Task SettleAsync(string destination, IReadOnlyCollection<OutboxCompletion> rows, CancellationToken cancellationToken) =>
        rows.Count == 0 ? Task.CompletedTask : database.WriteAsync(
            async (connection, transaction) =>
            {
                foreach (var sql in new[] { Delete, Unclaim })
                {
                    await using var command = Versioned(PostgresCommands.Create(connection, transaction, sql), destination, rows);
                    await command.ExecuteNonQueryAsync(cancellationToken);
                }

                return rows.Count;
            },
            cancellationToken);

    private static NpgsqlCommand Versioned(NpgsqlCommand command, string destination, IReadOnlyCollection<OutboxCompletion> rows) =>
        command
            .BindText("destination", destination)
            .BindTexts("profile_keys", rows.Select(row => row.ProfileKey))
            .Bind("versions", NpgsqlDbType.Array | NpgsqlDbType.Bigint, rows.Select(row => row.Version).ToArray());

    /// <summary>The outbox rows a claim or a peek answers (profile_key, version, lane, first_enqueued_at, changed_at, attempts).</summary>
    private static async Task<List<OutboxItem>> ReadItemsAsync(NpgsqlCommand command, string destination, CancellationToken cancellationToken)
    {
        var items = new List<OutboxItem>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            items.Add(new OutboxItem(
                destination,
                reader.GetString(0),
                reader.GetInt64(1),
                (OutboxLane)reader.GetInt16(2),
                reader.GetTime(3),
                reader.GetTime(4),
                reader.GetInt32(5)));
        }

        return items;
    }
}
