using Highwater.Storage.Json;
using Highwater.Storage.Profiles;
using NpgsqlTypes;

namespace Highwater.Storage.Postgres;

internal sealed class PostgresProfileStore(PostgresDatabase database) : IProfileStore
{
    public Task<IReadOnlyDictionary<string, StoredProfile>> GetAsync(IReadOnlyCollection<string> keys, CancellationToken cancellationToken) =>
        PostgresIngestReads.ReadProfilesAsync(database.Command, keys, cancellationToken);

    public async Task<IReadOnlyList<StoredProfile>> ListAsync(string? afterKey, int limit, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        await using var command = database.Command(
                $"SELECT key, properties, groups, deleted, updated_at FROM profiles {(afterKey is null ? "" : "WHERE key > @after")} ORDER BY key LIMIT @limit;")
            .BindText("after", afterKey)
            .Bind("limit", NpgsqlDbType.Integer, limit);
        var profiles = new List<StoredProfile>(Math.Min(limit, 1024));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            profiles.Add(new StoredProfile(
                reader.GetString(0),
                JsonColumn.ReadMap(reader.GetString(1)),
                JsonColumn.ReadSet(reader.GetString(2)),
                reader.GetBoolean(3),
                reader.GetTime(4)));
        }

        return profiles;
    }

    public async Task<long> CountAsync(CancellationToken cancellationToken)
    {
        await using var command = database.Command("SELECT count(*) FROM profiles;");
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    public async Task<IReadOnlyList<SharedKey>> SharedKeysAsync(string property, int limit, CancellationToken cancellationToken)
    {
        await using var command = database.Command(
                """
                SELECT k, array_agg(key ORDER BY key) FROM (
                    SELECT lower(trim(properties ->> @property)) AS k, key FROM profiles
                    WHERE NOT deleted AND properties ->> @property IS NOT NULL) AS p
                WHERE k <> '' GROUP BY k HAVING count(*) > 1 ORDER BY k LIMIT @limit;
                """)
            .BindText("property", property);
        command.Parameters.AddWithValue("limit", limit);
        var shared = new List<SharedKey>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            shared.Add(new SharedKey(reader.GetString(0), reader.GetFieldValue<string[]>(1)));
        }

        return shared;
    }
}
