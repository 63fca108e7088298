using Highwater.Storage.Ingest;
using Highwater.Storage.Json;
using Highwater.Storage.Profiles;
using Npgsql;

namespace Highwater.Storage.Postgres;

/// <summary>
/// Keyed reads of row hashes and profiles: an ingest's, in its write transaction, and the stores'
/// own (<see cref="ReadRowHashesAsync"/>, <see cref="ReadProfilesAsync"/> on a command of theirs).
/// </summary>
internal sealed class PostgresIngestReads(NpgsqlConnection connection, NpgsqlTransaction transaction) : IIngestReads
{
    private const string SelectRowHashes = "SELECT key, hash FROM source_rows WHERE source = @source AND key = ANY(@keys);";
    private const string SelectRowProperties = "SELECT key, properties FROM source_rows WHERE source = @source AND key = ANY(@keys) AND properties IS NOT NULL;";
    private const string SelectProfiles = "SELECT key, properties, groups, deleted, updated_at FROM profiles WHERE key = ANY(@keys);";

    public Task<IReadOnlyDictionary<string, string>> GetRowHashesAsync(string source, IReadOnlyCollection<string> keys, CancellationToken cancellationToken) =>
        ReadRowHashesAsync(sql => PostgresCommands.Create(connection, transaction, sql), source, keys, cancellationToken);

    public async Task<IReadOnlyDictionary<string, IReadOnlyDictionary<string, string?>>> GetRowPropertiesAsync(string source, IReadOnlyCollection<string> keys, CancellationToken cancellationToken)
    {
        var properties = new Dictionary<string, IReadOnlyDictionary<string, string?>>(StringComparer.Ordinal);
        if (keys.Count == 0)
        {
            return properties;
        }

        await using var select = PostgresCommands.Create(connection, transaction, SelectRowProperties).BindText("source", source).BindTexts("keys", keys);
        await using var reader = await select.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            properties[reader.GetString(0)] = JsonColumn.ReadMap(reader.GetString(1));
        }

        return properties;
    }

    public Task<IReadOnlyDictionary<string, StoredProfile>> GetProfilesAsync(IReadOnlyCollection<string> keys, CancellationToken cancellationToken) =>
        ReadProfilesAsync(sql => PostgresCommands.Create(connection, transaction, sql), keys, cancellationToken);

    /// <summary>The stored hashes among <paramref name="keys"/>, through a command <paramref name="command"/> makes of the query.</summary>
    public static async Task<IReadOnlyDictionary<string, string>> ReadRowHashesAsync(Func<string, NpgsqlCommand> command, string source, IReadOnlyCollection<string> keys, CancellationToken cancellationToken)
    {
        var hashes = new Dictionary<string, string>(StringComparer.Ordinal);
        if (keys.Count == 0)
        {
            return hashes;
        }

        await using var select = command(SelectRowHashes).BindText("source", source).BindTexts("keys", keys);
        await using var reader = await select.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            hashes[reader.GetString(0)] = reader.GetString(1);
        }

        return hashes;
    }

    /// <summary>The stored profiles among <paramref name="keys"/>, through a command <paramref name="command"/> makes of the query.</summary>
    public static async Task<IReadOnlyDictionary<string, StoredProfile>> ReadProfilesAsync(Func<string, NpgsqlCommand> command, IReadOnlyCollection<string> keys, CancellationToken cancellationToken)
    {
        var profiles = new Dictionary<string, StoredProfile>(StringComparer.Ordinal);
        if (keys.Count == 0)
        {
            return profiles;
        }

        await using var select = command(SelectProfiles).BindTexts("keys", keys);
        await using var reader = await select.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var key = reader.GetString(0);
            profiles[key] = new StoredProfile(
                key,
                JsonColumn.ReadMap(reader.GetString(1)),
                JsonColumn.ReadSet(reader.GetString(2)),
                reader.GetBoolean(3),
                reader.GetTime(4));
        }

        return profiles;
    }
}
