using Highwater.Storage.Json;
using Highwater.Storage.RemoteState;

namespace Highwater.Storage.Postgres;

internal sealed class PostgresRemoteStateStore(PostgresDatabase database, TimeProvider timeProvider) : IRemoteStateStore
{
    private const string Upsert = """
        INSERT INTO remote_state (destination, profile_key, remote_id, foreign_key, fields, lists, exported_at)
        SELECT s.destination, s.profile_key, s.remote_id, s.foreign_key, s.fields::jsonb, s.lists::jsonb, s.exported_at
        FROM unnest(@destinations, @profile_keys, @remote_ids, @foreign_keys, @fields, @lists, @exported_at)
            WITH ORDINALITY AS s(destination, profile_key, remote_id, foreign_key, fields, lists, exported_at, n)
        ORDER BY s.n
        ON CONFLICT (destination, profile_key) DO UPDATE SET
            remote_id = excluded.remote_id, foreign_key = excluded.foreign_key,
            fields = excluded.fields, lists = excluded.lists, exported_at = excluded.exported_at;
        """;

    // A create's answer: the id now, the fields already confirmed (if any) kept.
    private const string SetRemoteId = """
        INSERT INTO remote_state (destination, profile_key, remote_id, foreign_key, fields, lists, exported_at)
        VALUES (@destination, @profile_key, @remote_id, @foreign_key, '{}', '[]', @now)
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

        await using var command = database.Command("SELECT profile_key, remote_id, foreign_key, fields, lists, exported_at FROM remote_state WHERE destination = @destination AND profile_key = ANY(@profile_keys);")
            .BindText("destination", destination)
            .BindTexts("profile_keys", profileKeys);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var key = reader.GetString(0);
            states[key] = new RemoteRecordState(
                destination,
                key,
                reader.GetStringOrNull(1),
                reader.GetStringOrNull(2),
                JsonColumn.ReadMap(reader.GetString(3)),
                JsonColumn.ReadSet(reader.GetString(4)),
                reader.GetTime(5));
        }

        return states;
    }

    public Task<IReadOnlyList<RemoteRecordState>> FindByRemoteIdsAsync(string destination, IReadOnlyCollection<string> remoteIds, CancellationToken cancellationToken) =>
        FindAsync(destination, "remote_id = ANY(@values)", remoteIds, cancellationToken);

    public Task<IReadOnlyList<RemoteRecordState>> FindByForeignKeysAsync(string destination, IReadOnlyCollection<string> foreignKeys, CancellationToken cancellationToken) =>
        FindAsync(destination, "lower(foreign_key) = ANY(SELECT lower(v) FROM unnest(@values) AS v)", foreignKeys, cancellationToken);

    private async Task<IReadOnlyList<RemoteRecordState>> FindAsync(string destination, string where, IReadOnlyCollection<string> values, CancellationToken cancellationToken)
    {
        var states = new List<RemoteRecordState>();
        if (values.Count == 0)
        {
            return states;
        }

        await using var command = database.Command($"SELECT profile_key, remote_id, foreign_key, fields, lists, exported_at FROM remote_state WHERE destination = @destination AND {where};")
            .BindText("destination", destination)
            .BindTexts("values", values);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            states.Add(new RemoteRecordState(
                destination,
                reader.GetString(0),
                reader.GetStringOrNull(1),
                reader.GetStringOrNull(2),
                JsonColumn.ReadMap(reader.GetString(3)),
                JsonColumn.ReadSet(reader.GetString(4)),
                reader.GetTime(5)));
        }

        return states;
    }

    public async Task UpsertAsync(IReadOnlyCollection<RemoteRecordState> states, CancellationToken cancellationToken)
    {
        if (states.Count == 0)
        {
            return;
        }

        // The last state of a record wins, as it would one by one; one statement may touch a row once.
        var rows = states
            .GroupBy(state => (state.Destination, state.ProfileKey))
            .Select(group => group.Last())
            .OrderBy(state => state.Destination, StringComparer.Ordinal)
            .ThenBy(state => state.ProfileKey, StringComparer.Ordinal)
            .ToArray();
        await using var command = database.Command(Upsert)
            .BindTexts("destinations", rows.Select(row => row.Destination))
            .BindTexts("profile_keys", rows.Select(row => row.ProfileKey))
            .Bind("remote_ids", NpgsqlTypes.NpgsqlDbType.Array | NpgsqlTypes.NpgsqlDbType.Text, rows.Select(row => row.RemoteId).ToArray())
            .Bind("foreign_keys", NpgsqlTypes.NpgsqlDbType.Array | NpgsqlTypes.NpgsqlDbType.Text, rows.Select(row => row.ForeignKey).ToArray())
            .BindTexts("fields", rows.Select(row => JsonColumn.WriteMap(row.Fields)))
            .BindTexts("lists", rows.Select(row => JsonColumn.WriteSet(row.Lists)))
            .Bind("exported_at", NpgsqlTypes.NpgsqlDbType.Array | NpgsqlTypes.NpgsqlDbType.TimestampTz, rows.Select(row => row.ExportedAt.ToUniversalTime()).ToArray());
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task SetRemoteIdAsync(string destination, string profileKey, string remoteId, string foreignKey, CancellationToken cancellationToken)
    {
        await using var command = database.Command(SetRemoteId)
            .BindText("destination", destination)
            .BindText("profile_key", profileKey)
            .BindText("remote_id", remoteId)
            .BindText("foreign_key", foreignKey)
            .BindTime("now", timeProvider.GetUtcNow());
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public Task SetRemoteIdsAsync(string destination, IReadOnlyCollection<RemoteIdAssignment> ids, CancellationToken cancellationToken) =>
        ids.Count == 0 ? Task.CompletedTask : database.WriteAsync(
            async (connection, transaction) =>
            {
                foreach (var id in ids)
                {
                    await using var command = new Npgsql.NpgsqlCommand(SetRemoteId, connection, transaction)
                        .BindText("destination", destination)
                        .BindText("profile_key", id.ProfileKey)
                        .BindText("remote_id", id.RemoteId)
                        .BindText("foreign_key", id.ForeignKey)
                        .BindTime("now", timeProvider.GetUtcNow());
                    await command.ExecuteNonQueryAsync(cancellationToken);
                }

                return ids.Count;
            },
            cancellationToken);

    public async Task DeleteAsync(string destination, IReadOnlyCollection<string> profileKeys, CancellationToken cancellationToken)
    {
        if (profileKeys.Count == 0)
        {
            return;
        }

        await using var command = database.Command("DELETE FROM remote_state WHERE destination = @destination AND profile_key = ANY(@profile_keys);")
            .BindText("destination", destination)
            .BindTexts("profile_keys", profileKeys);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
