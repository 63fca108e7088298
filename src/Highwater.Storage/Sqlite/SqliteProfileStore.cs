using Highwater.Storage.Json;
using Highwater.Storage.Profiles;

namespace Highwater.Storage.Sqlite;

internal sealed class SqliteProfileStore(SqliteDatabase database) : IProfileStore
{
    public async Task<IReadOnlyDictionary<string, StoredProfile>> GetAsync(IReadOnlyCollection<string> keys, CancellationToken cancellationToken)
    {
        var profiles = new Dictionary<string, StoredProfile>(StringComparer.Ordinal);
        if (keys.Count == 0)
        {
            return profiles;
        }

        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = SqliteCommands.Create(connection, null, "SELECT key, properties, groups, deleted, updated_at FROM profiles WHERE key IN (SELECT value FROM json_each($keys));")
            .Bind("$keys", JsonColumn.WriteList(keys));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var key = reader.GetString(0);
            profiles[key] = new StoredProfile(
                key,
                JsonColumn.ReadMap(reader.GetString(1)),
                JsonColumn.ReadSet(reader.GetString(2)),
                reader.GetBoolean(3),
                SqliteTime.FromColumn(reader.GetInt64(4)));
        }

        return profiles;
    }

    public async Task<long> CountAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = SqliteCommands.Create(connection, null, "SELECT count(*) FROM profiles;");
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }
}
