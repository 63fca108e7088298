using Highwater.Storage.Ingest;
using Highwater.Storage.Json;
using Npgsql;
using NpgsqlTypes;

namespace Highwater.Storage.Postgres;

/// <summary>
/// One poll's page in one transaction: the source and its mark, row hashes, profiles and outbox
/// rows commit together or not at all, so the mark never passes a change the buffer does not hold.
/// Rows are written in key order so concurrent commits lock them in one order.
/// </summary>
internal sealed class PostgresIngestStore(PostgresDatabase database, TimeProvider timeProvider) : IIngestStore
{
    private const string TouchSource = """
        INSERT INTO sources (name, last_polled_at) VALUES (@name, @now)
        ON CONFLICT (name) DO UPDATE SET last_polled_at = excluded.last_polled_at;
        """;

    private const string AdvanceSource = """
        INSERT INTO sources (name, mark, mark_key, last_polled_at) VALUES (@name, @mark, @mark_key, @now)
        ON CONFLICT (name) DO UPDATE SET mark = excluded.mark, mark_key = excluded.mark_key, last_polled_at = excluded.last_polled_at;
        """;

    private const string ForgetRows = "DELETE FROM source_rows WHERE source = @source AND key = ANY(@keys);";

    private const string UpsertRows = """
        INSERT INTO source_rows (source, key, hash, properties)
        SELECT @source, r.key, r.hash, r.properties::jsonb FROM unnest(@keys, @hashes, @properties) WITH ORDINALITY AS r(key, hash, properties, n) ORDER BY r.n
        ON CONFLICT (source, key) DO UPDATE SET hash = excluded.hash, properties = excluded.properties;
        """;

    private const string UpsertProfiles = """
        INSERT INTO profiles (key, properties, groups, deleted, updated_at)
        SELECT p.key, p.properties::jsonb, p.groups::jsonb, p.deleted, @now
        FROM unnest(@keys, @properties, @groups, @deleted) WITH ORDINALITY AS p(key, properties, groups, deleted, n) ORDER BY p.n
        ON CONFLICT (key) DO UPDATE SET
            properties = excluded.properties, groups = excluded.groups, deleted = excluded.deleted, updated_at = excluded.updated_at;
        """;

    // Only if the profile is still as read (jsonb compares by value).
    private const string ChangeGroups = """
        UPDATE profiles AS p SET groups = c.groups::jsonb, updated_at = @now
        FROM unnest(@keys, @properties, @read_groups, @groups, @deleted) AS c(key, properties, read_groups, groups, deleted)
        WHERE p.key = c.key AND p.properties = c.properties::jsonb AND p.groups = c.read_groups::jsonb AND p.deleted = c.deleted
        RETURNING p.key;
        """;

    // Ingests of one buffer (one schema) take turns: a row lock cannot hold a profile that does not
    // exist yet, and two sources may create the same one at once.
    private const string LockIngests = "SELECT pg_advisory_xact_lock(hashtext(current_schema() || '.highwater.ingest'));";

    public Task<IngestResult> CommitAsync(IngestCommit commit, CancellationToken cancellationToken) =>
        database.WriteAsync((connection, transaction) => WriteAsync(connection, transaction, commit, cancellationToken), cancellationToken);

    public Task<IngestResult> IngestAsync(Func<IIngestReads, CancellationToken, Task<IngestCommit>> decide, CancellationToken cancellationToken) =>
        database.WriteAsync(
            async (connection, transaction) =>
            {
                await using (var lockIngests = PostgresCommands.Create(connection, transaction, LockIngests))
                {
                    await lockIngests.ExecuteNonQueryAsync(cancellationToken);
                }

                var commit = await decide(new PostgresIngestReads(connection, transaction), cancellationToken);
                return await WriteAsync(connection, transaction, commit, cancellationToken);
            },
            cancellationToken);

    public Task<GroupChangeResult> ChangeGroupsAsync(IReadOnlyCollection<GroupChange> changes, CancellationToken cancellationToken) =>
        database.WriteAsync(
            async (connection, transaction) =>
            {
                var now = timeProvider.GetUtcNow();

                // In key order, so concurrent writers lock rows in one order; the last change of a key wins.
                var rows = changes
                    .GroupBy(change => change.Read.Key, StringComparer.Ordinal)
                    .Select(group => group.Last())
                    .OrderBy(change => change.Read.Key, StringComparer.Ordinal)
                    .ToArray();
                var written = new HashSet<string>(StringComparer.Ordinal);
                if (rows.Length > 0)
                {
                    await using var update = PostgresCommands.Create(connection, transaction, ChangeGroups)
                        .BindTime("now", now)
                        .BindTexts("keys", rows.Select(row => row.Read.Key))
                        .BindTexts("properties", rows.Select(row => JsonColumn.WriteMap(row.Read.Properties)))
                        .BindTexts("read_groups", rows.Select(row => JsonColumn.WriteSet(row.Read.Groups)))
                        .BindTexts("groups", rows.Select(row => JsonColumn.WriteSet(row.Groups)))
                        .Bind("deleted", NpgsqlDbType.Array | NpgsqlDbType.Boolean, rows.Select(row => row.Read.Deleted).ToArray());
                    await using var reader = await update.ExecuteReaderAsync(cancellationToken);
                    while (await reader.ReadAsync(cancellationToken))
                    {
                        written.Add(reader.GetString(0));
                    }
                }

                var outbox = rows
                    .Where(row => written.Contains(row.Read.Key))
                    .SelectMany(row => row.Destinations.Select(destination => new OutboxEntry(destination, row.Read.Key)))
                    .ToList();
                var result = await PostgresOutboxWriter.WriteAsync(connection, transaction, outbox, now, cancellationToken);
                return new GroupChangeResult(written.Count, rows.Length - written.Count, result.OutboxWritten, result.Coalesced);
            },
            cancellationToken);

    private async Task<IngestResult> WriteAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, IngestCommit commit, CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow();
        await WriteSourceAsync(connection, transaction, commit, now, cancellationToken);
        await WriteRowsAsync(connection, transaction, commit, cancellationToken);
        await WriteProfilesAsync(connection, transaction, commit, now, cancellationToken);
        return await PostgresOutboxWriter.WriteAsync(connection, transaction, commit.Outbox, now, cancellationToken);
    }

    private static async Task WriteSourceAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, IngestCommit commit, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var command = PostgresCommands.Create(connection, transaction, commit.Mark is null ? TouchSource : AdvanceSource)
            .BindText("name", commit.Source)
            .BindTime("now", now);
        if (commit.Mark is { } mark)
        {
            command.BindText("mark", mark.Mark).BindText("mark_key", mark.Key);
        }

        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task WriteRowsAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, IngestCommit commit, CancellationToken cancellationToken)
    {
        if (commit.VanishedKeys.Count > 0)
        {
            await using var forget = PostgresCommands.Create(connection, transaction, ForgetRows)
                .BindText("source", commit.Source)
                .BindTexts("keys", commit.VanishedKeys);
            await forget.ExecuteNonQueryAsync(cancellationToken);
        }

        if (commit.RowHashes.Count > 0)
        {
            var rows = commit.RowHashes.OrderBy(row => row.Key, StringComparer.Ordinal).ToArray();
            await using var upsert = PostgresCommands.Create(connection, transaction, UpsertRows)
                .BindText("source", commit.Source)
                .BindTexts("keys", rows.Select(row => row.Key))
                .BindTexts("hashes", rows.Select(row => row.Value))
                .Bind("properties", NpgsqlDbType.Array | NpgsqlDbType.Text, rows.Select(row => commit.RowProperties.TryGetValue(row.Key, out var given) ? JsonColumn.WriteMap(given) : null).ToArray());
            await upsert.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    private static async Task WriteProfilesAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, IngestCommit commit, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (commit.Profiles.Count == 0)
        {
            return;
        }

        // The last write of a key wins, as it would row by row; one statement may touch a row once.
        var profiles = commit.Profiles
            .GroupBy(profile => profile.Key, StringComparer.Ordinal)
            .Select(group => group.Last())
            .OrderBy(profile => profile.Key, StringComparer.Ordinal)
            .ToArray();
        await using var upsert = PostgresCommands.Create(connection, transaction, UpsertProfiles)
            .BindTime("now", now)
            .BindTexts("keys", profiles.Select(profile => profile.Key))
            .BindTexts("properties", profiles.Select(profile => JsonColumn.WriteMap(profile.Properties)))
            .BindTexts("groups", profiles.Select(profile => JsonColumn.WriteSet(profile.Groups)))
            .Bind("deleted", NpgsqlDbType.Array | NpgsqlDbType.Boolean, profiles.Select(profile => profile.Deleted).ToArray());
        await upsert.ExecuteNonQueryAsync(cancellationToken);
    }
}
