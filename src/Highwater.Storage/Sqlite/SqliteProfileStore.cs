using Highwater.Storage.Json;
using Highwater.Storage.Profiles;

namespace Highwater.Storage.Sqlite;

internal sealed class SqliteProfileStore(SqliteDatabase database) : IProfileStore
{
    public async Task<IReadOnlyDictionary<string, StoredProfile>> GetAsync(IReadOnlyCollection<string> keys, CancellationToken cancellationToken)
    {
        if (keys.Count == 0)
        {
            return new Dictionary<string, StoredProfile>(StringComparer.Ordinal);
        }

        // All in one read transaction: one snapshot, and no lock taken and released per key.
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var snapshot = connection.BeginTransaction(deferred: true);
        return SqliteIngestReads.ReadProfiles(connection, keys, cancellationToken);
    }

    public async Task<IReadOnlyList<StoredProfile>> ListAsync(string? afterKey, int limit, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = SqliteCommands.Create(
                connection,
                null,
                $"SELECT key, properties, groups, deleted, updated_at FROM profiles {(afterKey is null ? "" : "WHERE key > $after")} ORDER BY key LIMIT $limit;")
            .Bind("$after", afterKey)
            .Bind("$limit", limit);
        var profiles = new List<StoredProfile>(Math.Min(limit, 1024));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            profiles.Add(new StoredProfile(
                reader.GetString(0),
                JsonColumn.ReadMap(reader.GetString(1)),
                JsonColumn.ReadSet(reader.GetString(2)),
                reader.GetBoolean(3),
                SqliteTime.FromColumn(reader.GetInt64(4))));
        }

        return profiles;
    }

    public async Task<long> CountAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = SqliteCommands.Create(connection, null, "SELECT count(*) FROM profiles;");
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    public async Task<IReadOnlyList<SharedKey>> SharedKeysAsync(string property, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = SqliteCommands.Create(
                connection,
                null,
                """
                SELECT k, json_group_array(key) FROM (
                    SELECT lower(trim(json_extract(properties, $path))) AS k, key FROM profiles
                    WHERE deleted = 0 AND json_extract(properties, $path) IS NOT NULL ORDER BY key)
                WHERE k <> '' GROUP BY k HAVING count(*) > 1 ORDER BY k LIMIT $limit;
                """)
            .Bind("$path", "$.\"" + property.Replace("\"", "\\\"", StringComparison.Ordinal) + "\"")
            .Bind("$limit", limit);
        var shared = new List<SharedKey>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            shared.Add(new SharedKey(reader.GetString(0), [.. System.Text.Json.JsonSerializer.Deserialize<string[]>(reader.GetString(1)) ?? []]));
        }

        return shared;
    }
}
