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

    // Whole pages in one statement each: json_each expands the rows inside SQLite. ("WHERE true"
    // tells SQLite's parser the ON CONFLICT belongs to the INSERT, not to a join.)
    private const string UpsertRows = """
        INSERT INTO source_rows (source, key, hash)
        SELECT $source, value ->> 0, value ->> 1 FROM json_each($rows) WHERE true
        ON CONFLICT (source, key) DO UPDATE SET hash = excluded.hash;
        """;

    private const string UpsertProfiles = """
        INSERT INTO profiles (key, properties, groups, deleted, updated_at)
        SELECT value ->> 0, value ->> 1, value ->> 2, value ->> 3, $now FROM json_each($rows) WHERE true
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

        if (commit.RowHashes.Count == 0)
        {
            return;
        }

        using var rows = new JsonRows();
        foreach (var (key, hash) in commit.RowHashes)
        {
            rows.Row(key, hash);
        }

        await using var upsert = SqliteCommands.Create(connection, transaction, UpsertRows)
            .Bind("$source", commit.Source)
            .Bind("$rows", rows.ToJson());
        await upsert.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task WriteProfilesAsync(SqliteConnection connection, SqliteTransaction transaction, IngestCommit commit, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (commit.Profiles.Count == 0)
        {
            return;
        }

        using var rows = new JsonRows();
        foreach (var profile in commit.Profiles)
        {
            rows.Row(profile.Key, JsonColumn.WriteMap(profile.Properties), JsonColumn.WriteSet(profile.Groups), profile.Deleted);
        }

        await using var upsert = SqliteCommands.Create(connection, transaction, UpsertProfiles)
            .Bind("$rows", rows.ToJson())
            .BindTime("$now", now);
        await upsert.ExecuteNonQueryAsync(cancellationToken);
    }
}
