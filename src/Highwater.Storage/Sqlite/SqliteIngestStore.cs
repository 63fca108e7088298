using Highwater.Storage.Ingest;
using Highwater.Storage.Json;
using Microsoft.Data.Sqlite;

namespace Highwater.Storage.Sqlite;

/// <summary>
/// One poll's page in one BEGIN IMMEDIATE transaction: the source and its mark, row hashes,
/// profiles and outbox rows commit together or not at all, so the mark never passes a change
/// the buffer does not hold.
/// </summary>
internal sealed class SqliteIngestStore(SqliteDatabase database, TimeProvider timeProvider) : IIngestStore
{
    private const string TouchSource = """
        INSERT INTO sources (name, last_polled_at) VALUES ($name, $now)
        ON CONFLICT (name) DO UPDATE SET last_polled_at = excluded.last_polled_at;
        """;

    private const string AdvanceSource = """
        INSERT INTO sources (name, mark, mark_key, last_polled_at) VALUES ($name, $mark, $mark_key, $now)
        ON CONFLICT (name) DO UPDATE SET mark = excluded.mark, mark_key = excluded.mark_key, last_polled_at = excluded.last_polled_at;
        """;

    private const string ForgetRows = "DELETE FROM source_rows WHERE source = $source AND key IN (SELECT value FROM json_each($keys));";

    private const string UpsertRow = """
        INSERT INTO source_rows (source, key, hash) VALUES ($source, $key, $hash)
        ON CONFLICT (source, key) DO UPDATE SET hash = excluded.hash;
        """;

    private const string UpsertProfile = """
        INSERT INTO profiles (key, properties, groups, deleted, updated_at) VALUES ($key, $properties, $groups, $deleted, $now)
        ON CONFLICT (key) DO UPDATE SET
            properties = excluded.properties, groups = excluded.groups, deleted = excluded.deleted, updated_at = excluded.updated_at;
        """;

    public Task<IngestResult> CommitAsync(IngestCommit commit, CancellationToken cancellationToken) =>
        database.WriteAsync(
            async (connection, transaction) =>
            {
                var now = timeProvider.GetUtcNow();
                await WriteSourceAsync(connection, transaction, commit, now, cancellationToken);
                await WriteRowsAsync(connection, transaction, commit, cancellationToken);
                await WriteProfilesAsync(connection, transaction, commit, now, cancellationToken);
                return await SqliteOutboxWriter.WriteAsync(connection, transaction, commit.Outbox, now, cancellationToken);
            },
            cancellationToken);

    private static async Task WriteSourceAsync(SqliteConnection connection, SqliteTransaction transaction, IngestCommit commit, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var command = SqliteCommands.Create(connection, transaction, commit.Mark is null ? TouchSource : AdvanceSource)
            .Bind("$name", commit.Source)
            .BindTime("$now", now);
        if (commit.Mark is { } mark)
        {
            command.Bind("$mark", mark.Mark).Bind("$mark_key", mark.Key);
        }

        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task WriteRowsAsync(SqliteConnection connection, SqliteTransaction transaction, IngestCommit commit, CancellationToken cancellationToken)
    {
        if (commit.VanishedKeys.Count > 0)
        {
            await using var forget = SqliteCommands.Create(connection, transaction, ForgetRows)
                .Bind("$source", commit.Source)
                .Bind("$keys", JsonColumn.WriteList(commit.VanishedKeys));
            await forget.ExecuteNonQueryAsync(cancellationToken);
        }

        await using var upsert = SqliteCommands.Create(connection, transaction, UpsertRow)
            .Bind("$source", commit.Source)
            .Bind("$key", null)
            .Bind("$hash", null);
        foreach (var (key, hash) in commit.RowHashes)
        {
            upsert.Set("$key", key);
            upsert.Set("$hash", hash);
            await upsert.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    private static async Task WriteProfilesAsync(SqliteConnection connection, SqliteTransaction transaction, IngestCommit commit, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var upsert = SqliteCommands.Create(connection, transaction, UpsertProfile)
            .Bind("$key", null)
            .Bind("$properties", null)
            .Bind("$groups", null)
            .Bind("$deleted", null)
            .BindTime("$now", now);
        foreach (var profile in commit.Profiles)
        {
            upsert.Set("$key", profile.Key);
            upsert.Set("$properties", JsonColumn.WriteMap(profile.Properties));
            upsert.Set("$groups", JsonColumn.WriteSet(profile.Groups));
            upsert.Set("$deleted", profile.Deleted);
            await upsert.ExecuteNonQueryAsync(cancellationToken);
        }
    }
}
