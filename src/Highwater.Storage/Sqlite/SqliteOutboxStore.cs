using Highwater.Storage.Ingest;
using Highwater.Storage.Outbox;
using Microsoft.Data.Sqlite;

namespace Highwater.Storage.Sqlite;

/// <summary>
/// The outbox on SQLite. Every write runs in a BEGIN IMMEDIATE transaction, so one claim's
/// read and lease are a single step across every process on the file.
/// </summary>
internal sealed class SqliteOutboxStore(SqliteDatabase database, TimeProvider timeProvider) : IOutboxStore
{
    private const string Claim = """
        UPDATE outbox SET claimed_by = $worker, claimed_until = $until, requeued_at = NULL
        WHERE destination = $destination AND profile_key IN (
            SELECT profile_key FROM outbox
            WHERE destination = $destination AND lane = $lane
              AND (claimed_until IS NULL OR claimed_until <= $now)
              AND (not_before IS NULL OR not_before <= $now)
            ORDER BY first_enqueued_at, profile_key
            LIMIT $max)
        RETURNING profile_key, version, lane, first_enqueued_at, changed_at, attempts;
        """;

    // The claim's order, as a keyset: a page starts after the last row of the one before.
    private const string Peek = """
        SELECT profile_key, version, lane, first_enqueued_at, changed_at, attempts FROM outbox
        WHERE destination = $destination AND lane = $lane
          AND ($after_at IS NULL OR first_enqueued_at > $after_at OR (first_enqueued_at = $after_at AND profile_key > $after_key))
        ORDER BY first_enqueued_at, profile_key
        LIMIT $max;
        """;

    // Completing or removing settles the version claimed. A row changed since its claim stays as a
    // new change: no lease, no retry wait, no attempts, waiting from the first change the claim missed.
    private const string Settle = """
        DELETE FROM outbox WHERE destination = $destination AND profile_key = $profile_key AND version = $version;
        UPDATE outbox SET claimed_by = NULL, claimed_until = NULL, not_before = NULL, attempts = 0,
            first_enqueued_at = coalesce(requeued_at, first_enqueued_at), requeued_at = NULL
        WHERE destination = $destination AND profile_key = $profile_key AND version <> $version;
        """;

    // The wait and the failed attempt belong to the version claimed; a newer one is claimable at once.
    private const string Release = """
        UPDATE outbox SET claimed_by = NULL, claimed_until = NULL, requeued_at = NULL,
            not_before = CASE WHEN version = $version THEN $not_before END,
            attempts = CASE WHEN version = $version THEN attempts + $failed ELSE 0 END
        WHERE destination = $destination AND profile_key = $profile_key;
        """;

    public Task<IngestResult> EnqueueAsync(IReadOnlyCollection<OutboxEntry> entries, CancellationToken cancellationToken) =>
        database.WriteAsync(
            (connection, _) => Task.FromResult(SqliteOutboxWriter.Write(connection, entries, timeProvider.GetUtcNow(), cancellationToken)),
            cancellationToken);

    public Task<IReadOnlyList<OutboxItem>> ClaimAsync(string destination, OutboxLane lane, int max, string worker, TimeSpan lease, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(max);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(lease, TimeSpan.Zero);
        return database.WriteAsync<IReadOnlyList<OutboxItem>>(
            async (connection, transaction) =>
            {
                var now = timeProvider.GetUtcNow();
                await using var command = SqliteCommands.Create(connection, transaction, Claim)
                    .Bind("$worker", worker)
                    .BindTime("$until", now + lease)
                    .Bind("$destination", destination)
                    .Bind("$lane", (int)lane)
                    .BindTime("$now", now)
                    .Bind("$max", max);
                var items = await ReadItemsAsync(command, destination, cancellationToken);

                return [.. items.OrderBy(item => item.FirstEnqueuedAt).ThenBy(item => item.ProfileKey, StringComparer.Ordinal)];
            },
            cancellationToken);
    }

    public Task CompleteAsync(string destination, IReadOnlyCollection<OutboxCompletion> done, CancellationToken cancellationToken) =>
        EachAsync(Settle, destination, done, command => { }, cancellationToken);

    public Task ReleaseAsync(string destination, IReadOnlyCollection<OutboxCompletion> claimed, DateTimeOffset? notBefore, bool failedAttempt, CancellationToken cancellationToken) =>
        EachAsync(Release, destination, claimed, command => command.BindTime("$not_before", notBefore).Bind("$failed", failedAttempt ? 1 : 0), cancellationToken);

    public Task<int> ReleaseHeldByAsync(string worker, CancellationToken cancellationToken) =>
        database.WriteAsync(
            async (connection, transaction) =>
            {
                await using var command = SqliteCommands.Create(connection, transaction, "UPDATE outbox SET claimed_by = NULL, claimed_until = NULL WHERE claimed_by = $worker;")
                    .Bind("$worker", worker);
                return await command.ExecuteNonQueryAsync(cancellationToken);
            },
            cancellationToken);

    public Task RemoveAsync(string destination, IReadOnlyCollection<OutboxCompletion> claimed, CancellationToken cancellationToken) =>
        EachAsync(Settle, destination, claimed, command => { }, cancellationToken);

    public async Task<IReadOnlyList<OutboxItem>> PeekAsync(string destination, OutboxLane lane, OutboxItem? after, int max, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(max);
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = SqliteCommands.Create(connection, null, Peek)
            .Bind("$destination", destination)
            .Bind("$lane", (int)lane)
            .BindTime("$after_at", after?.FirstEnqueuedAt)
            .Bind("$after_key", after?.ProfileKey)
            .Bind("$max", max);
        return await ReadItemsAsync(command, destination, cancellationToken);
    }

    public async Task<OutboxDepth> DepthAsync(string destination, OutboxLane? lane, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = SqliteCommands.Create(connection, null, "SELECT count(*), min(first_enqueued_at) FROM outbox WHERE destination = $destination AND ($lane IS NULL OR lane = $lane);")
            .Bind("$destination", destination)
            .Bind("$lane", lane is { } value ? (int)value : null);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return new OutboxDepth(reader.GetInt64(0), reader.IsDBNull(1) ? null : SqliteTime.FromColumn(reader.GetInt64(1)));
    }

    /// <summary>Runs one transition's statements for each row at its version, all in one transaction.</summary>
    private Task EachAsync(string sql, string destination, IReadOnlyCollection<OutboxCompletion> rows, Action<SqliteCommand> bind, CancellationToken cancellationToken) =>
        rows.Count == 0 ? Task.CompletedTask : database.WriteAsync(
            async (connection, transaction) =>
            {
                await using var command = SqliteCommands.Create(connection, transaction, sql)
                    .Bind("$destination", destination)
                    .Bind("$profile_key", null)
                    .Bind("$version", null);
                bind(command);
                foreach (var row in rows)
                {
                    command.Set("$profile_key", row.ProfileKey);
                    command.Set("$version", row.Version);
                    await command.ExecuteNonQueryAsync(cancellationToken);
                }

                return rows.Count;
            },
            cancellationToken);

    /// <summary>The outbox rows a claim or a peek answers (profile_key, version, lane, first_enqueued_at, changed_at, attempts).</summary>
    private static async Task<List<OutboxItem>> ReadItemsAsync(SqliteCommand command, string destination, CancellationToken cancellationToken)
    {
        var items = new List<OutboxItem>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            items.Add(new OutboxItem(
                destination,
                reader.GetString(0),
                reader.GetInt64(1),
                (OutboxLane)reader.GetInt32(2),
                SqliteTime.FromColumn(reader.GetInt64(3)),
                SqliteTime.FromColumn(reader.GetInt64(4)),
                reader.GetInt32(5)));
        }

        return items;
    }
}
