using Highwater.Storage.Ingest;
using Highwater.Storage.Json;
using Microsoft.Data.Sqlite;

namespace Highwater.Storage.Sqlite;

/// <summary>
/// One poll's page in one BEGIN IMMEDIATE transaction: the source and its mark, row hashes,
/// profiles and outbox rows commit together or not at all, so the mark never passes a change
/// the buffer does not hold. Rows are written one prepared statement per table, stepped per row, in key order.
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

    private const string ForgetRow = "DELETE FROM source_rows WHERE source = ?1 AND key = ?2;";

    private const string UpsertRow = """
        INSERT INTO source_rows (source, key, hash, properties) VALUES (?1, ?2, ?3, ?4)
        ON CONFLICT (source, key) DO UPDATE SET hash = excluded.hash, properties = excluded.properties;
        """;

    private const string UpsertProfile = """
        INSERT INTO profiles (key, properties, groups, deleted, updated_at) VALUES (?1, ?2, ?3, ?4, ?5)
        ON CONFLICT (key) DO UPDATE SET
            properties = excluded.properties, groups = excluded.groups, deleted = excluded.deleted, updated_at = excluded.updated_at;
        """;

    // Only if the profile is still as read: JSON columns are written canonically, so equal values are equal text.
    private const string ChangeGroups = """
        UPDATE profiles SET groups = ?2, updated_at = ?3
        WHERE key = ?1 AND properties = ?4 AND groups = ?5 AND deleted = ?6;
        """;

    public Task<IngestResult> CommitAsync(IngestCommit commit, CancellationToken cancellationToken) =>
        database.WriteAsync((connection, transaction) => WriteAsync(connection, transaction, commit, cancellationToken), cancellationToken);

    // BEGIN IMMEDIATE takes the write lock before the reads: another writer waits for the commit.
    public Task<IngestResult> IngestAsync(Func<IIngestReads, CancellationToken, Task<IngestCommit>> decide, CancellationToken cancellationToken) =>
        database.WriteAsync(
            async (connection, transaction) =>
            {
                var commit = await decide(new SqliteIngestReads(connection), cancellationToken);
                return await WriteAsync(connection, transaction, commit, cancellationToken);
            },
            cancellationToken);

    public Task<GroupChangeResult> ChangeGroupsAsync(IReadOnlyCollection<GroupChange> changes, CancellationToken cancellationToken) =>
        database.WriteAsync(
            (connection, _) =>
            {
                var now = timeProvider.GetUtcNow();
                using var json = new JsonColumnWriter();
                using var update = new SqliteStatement(connection, ChangeGroups).Integer(3, SqliteTime.ToColumn(now));
                var outbox = new List<OutboxEntry>();
                int seen = 0, stale = 0;
                foreach (var change in changes)
                {
                    SqliteStatement.Count(ref seen, cancellationToken);
                    var read = change.Read;
                    update.Text(1, read.Key)
                        .Text(2, json.Set(change.Groups))
                        .Text(4, json.Map(read.Properties))
                        .Text(5, json.Set(read.Groups))
                        .Integer(6, read.Deleted ? 1 : 0);
                    if (update.Execute() == 0)
                    {
                        stale++;
                        continue;
                    }

                    foreach (var destination in change.Destinations)
                    {
                        outbox.Add(new OutboxEntry(destination, read.Key));
                    }
                }

                var written = SqliteOutboxWriter.Write(connection, outbox, now, cancellationToken);
                return Task.FromResult(new GroupChangeResult(seen - stale, stale, written.OutboxWritten, written.Coalesced));
            },
            cancellationToken);

    private async Task<IngestResult> WriteAsync(SqliteConnection connection, SqliteTransaction transaction, IngestCommit commit, CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow();
        await WriteSourceAsync(connection, transaction, commit, now, cancellationToken);
        WriteRows(connection, commit, cancellationToken);
        WriteProfiles(connection, commit, now, cancellationToken);
        return SqliteOutboxWriter.Write(connection, commit.Outbox, now, cancellationToken);
    }

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

    private static void WriteRows(SqliteConnection connection, IngestCommit commit, CancellationToken cancellationToken)
    {
        if (commit.VanishedKeys.Count > 0)
        {
            using var forget = new SqliteStatement(connection, ForgetRow).Text(1, commit.Source);
            foreach (var key in commit.VanishedKeys)
            {
                forget.Text(2, key).Execute();
            }
        }

        if (commit.RowHashes.Count == 0)
        {
            return;
        }

        using var json = commit.RowProperties.Count > 0 ? new JsonColumnWriter() : null;
        using var upsert = new SqliteStatement(connection, UpsertRow).Text(1, commit.Source).Null(4);
        var written = 0;
        foreach (var (key, hash) in commit.RowHashes.OrderBy(row => row.Key, StringComparer.Ordinal))
        {
            SqliteStatement.Count(ref written, cancellationToken);
            if (json is not null && commit.RowProperties.TryGetValue(key, out var given))
            {
                upsert.Text(4, json.Map(given));
            }
            else if (json is not null)
            {
                upsert.Null(4);
            }

            upsert.Text(2, key).Text(3, hash).Execute();
        }
    }

    private static void WriteProfiles(SqliteConnection connection, IngestCommit commit, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (commit.Profiles.Count == 0)
        {
            return;
        }

        using var json = new JsonColumnWriter();
        using var upsert = new SqliteStatement(connection, UpsertProfile).Integer(5, SqliteTime.ToColumn(now));
        var written = 0;

        // In key order, as the reads: the b-tree fills from one end to the other. A key written
        // twice keeps its last write, as row by row in the given order (the sort is stable).
        foreach (var profile in commit.Profiles.OrderBy(profile => profile.Key, StringComparer.Ordinal))
        {
            SqliteStatement.Count(ref written, cancellationToken);
            upsert.Text(1, profile.Key)
                .Text(2, json.Map(profile.Properties))
                .Text(3, json.Set(profile.Groups))
                .Integer(4, profile.Deleted ? 1 : 0)
                .Execute();
        }
    }
}
