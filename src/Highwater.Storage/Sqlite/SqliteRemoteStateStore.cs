using Highwater.Storage.Json;
using Highwater.Storage.RemoteState;

namespace Highwater.Storage.Sqlite;

internal sealed class SqliteRemoteStateStore(SqliteDatabase database, TimeProvider timeProvider) : IRemoteStateStore
{
    private const string Upsert = """
        INSERT INTO remote_state (destination, profile_key, remote_id, foreign_key, fields, lists, exported_at)
        VALUES ($destination, $profile_key, $remote_id, $foreign_key, $fields, $lists, $exported_at)
        ON CONFLICT (destination, profile_key) DO UPDATE SET
            remote_id = excluded.remote_id, foreign_key = excluded.foreign_key,
            fields = excluded.fields, lists = excluded.lists, exported_at = excluded.exported_at;
        """;

    // A create's answer: the id now, the fields already confirmed (if any) kept.
    private const string SetRemoteId = """
        INSERT INTO remote_state (destination, profile_key, remote_id, foreign_key, fields, lists, exported_at)
        VALUES ($destination, $profile_key, $remote_id, $foreign_key, '{}', '[]', $now)
        ON CONFLICT (destination, profile_key) DO UPDATE SET
            remote_id = excluded.remote_id, foreign_key = excluded.foreign_key;
        """;

    public async Task<IReadOnlyDictionary<string, RemoteRecordState>> GetAsync(string destination, IReadOnlyCollection<string> profileKeys, CancellationToken cancellationToken)
    {
        var states = new Dictionary<string, RemoteRecordState>(StringComparer.Ordinal);
        if (profileKeys.Count == 0)
        {
            return states;
        }

        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = SqliteCommands.Create(
                connection,
                null,
                "SELECT profile_key, remote_id, foreign_key, fields, lists, exported_at FROM remote_state WHERE destination = $destination AND profile_key IN (SELECT value FROM json_each($keys));")
            .Bind("$destination", destination)
            .Bind("$keys", JsonColumn.WriteList(profileKeys));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var key = reader.GetString(0);
            states[key] = new RemoteRecordState(
                destination,
                key,
                reader.IsDBNull(1) ? null : reader.GetString(1),
                reader.IsDBNull(2) ? null : reader.GetString(2),
                JsonColumn.ReadMap(reader.GetString(3)),
                JsonColumn.ReadSet(reader.GetString(4)),
                SqliteTime.FromColumn(reader.GetInt64(5)));
        }

        return states;
    }

    public Task<IReadOnlyList<RemoteRecordState>> FindByRemoteIdsAsync(string destination, IReadOnlyCollection<string> remoteIds, CancellationToken cancellationToken) =>
        FindAsync(destination, "remote_id IN (SELECT value FROM json_each($values))", remoteIds, cancellationToken);

    public Task<IReadOnlyList<RemoteRecordState>> FindByForeignKeysAsync(string destination, IReadOnlyCollection<string> foreignKeys, CancellationToken cancellationToken) =>
        FindAsync(destination, "lower(foreign_key) IN (SELECT lower(value) FROM json_each($values))", foreignKeys, cancellationToken);

    private async Task<IReadOnlyList<RemoteRecordState>> FindAsync(string destination, string where, IReadOnlyCollection<string> values, CancellationToken cancellationToken)
    {
        var states = new List<RemoteRecordState>();
        if (values.Count == 0)
        {
            return states;
        }

        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = SqliteCommands.Create(
                connection,
                null,
                $"SELECT profile_key, remote_id, foreign_key, fields, lists, exported_at FROM remote_state WHERE destination = $destination AND {where};")
            .Bind("$destination", destination)
            .Bind("$values", JsonColumn.WriteList(values));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            states.Add(new RemoteRecordState(
                destination,
                reader.GetString(0),
                reader.IsDBNull(1) ? null : reader.GetString(1),
                reader.IsDBNull(2) ? null : reader.GetString(2),
                JsonColumn.ReadMap(reader.GetString(3)),
                JsonColumn.ReadSet(reader.GetString(4)),
                SqliteTime.FromColumn(reader.GetInt64(5))));
        }

        return states;
    }

    public Task UpsertAsync(IReadOnlyCollection<RemoteRecordState> states, CancellationToken cancellationToken) =>
        states.Count == 0 ? Task.CompletedTask : database.WriteAsync(
            async (connection, transaction) =>
            {
                await using var command = SqliteCommands.Create(connection, transaction, Upsert)
                    .Bind("$destination", null).Bind("$profile_key", null).Bind("$remote_id", null).Bind("$foreign_key", null)
                    .Bind("$fields", null).Bind("$lists", null).Bind("$exported_at", null);
                foreach (var state in states)
                {
                    command.Set("$destination", state.Destination);
                    command.Set("$profile_key", state.ProfileKey);
                    command.Set("$remote_id", state.RemoteId);
                    command.Set("$foreign_key", state.ForeignKey);
                    command.Set("$fields", JsonColumn.WriteMap(state.Fields));
                    command.Set("$lists", JsonColumn.WriteSet(state.Lists));
                    command.Set("$exported_at", SqliteTime.ToColumn(state.ExportedAt));
                    await command.ExecuteNonQueryAsync(cancellationToken);
                }

                return states.Count;
            },
            cancellationToken);

    public Task SetRemoteIdAsync(string destination, string profileKey, string remoteId, string foreignKey, CancellationToken cancellationToken) =>
        database.WriteAsync(
            async (connection, transaction) =>
            {
                await using var command = SqliteCommands.Create(connection, transaction, SetRemoteId)
                    .Bind("$destination", destination)
                    .Bind("$profile_key", profileKey)
                    .Bind("$remote_id", remoteId)
                    .Bind("$foreign_key", foreignKey)
                    .BindTime("$now", timeProvider.GetUtcNow());
                return await command.ExecuteNonQueryAsync(cancellationToken);
            },
            cancellationToken);

    public Task SetRemoteIdsAsync(string destination, IReadOnlyCollection<RemoteIdAssignment> ids, CancellationToken cancellationToken) =>
        ids.Count == 0 ? Task.CompletedTask : database.WriteAsync(
            async (connection, transaction) =>
            {
                await using var command = SqliteCommands.Create(connection, transaction, SetRemoteId)
                    .Bind("$destination", destination)
                    .Bind("$profile_key", null)
                    .Bind("$remote_id", null)
                    .Bind("$foreign_key", null)
                    .BindTime("$now", timeProvider.GetUtcNow());
                foreach (var id in ids)
                {
                    command.Set("$profile_key", id.ProfileKey);
                    command.Set("$remote_id", id.RemoteId);
                    command.Set("$foreign_key", id.ForeignKey);
                    await command.ExecuteNonQueryAsync(cancellationToken);
                }

                return ids.Count;
            },
            cancellationToken);

    public Task DeleteAsync(string destination, IReadOnlyCollection<string> profileKeys, CancellationToken cancellationToken) =>
        profileKeys.Count == 0 ? Task.CompletedTask : database.WriteAsync(
            async (connection, transaction) =>
            {
                await using var command = SqliteCommands.Create(connection, transaction, "DELETE FROM remote_state WHERE destination = $destination AND profile_key IN (SELECT value FROM json_each($keys));")
                    .Bind("$destination", destination)
                    .Bind("$keys", JsonColumn.WriteList(profileKeys));
                return await command.ExecuteNonQueryAsync(cancellationToken);
            },
            cancellationToken);
}
