using Highwater.Storage.Ingest;
using Highwater.Storage.Json;
using Highwater.Storage.Profiles;
using Npgsql;

namespace Highwater.Storage.Postgres;

/// <summary>An ingest's reads, in its write transaction.</summary>
internal sealed class PostgresIngestReads(NpgsqlConnection connection, NpgsqlTransaction transaction) : IIngestReads
{
    public async Task<IReadOnlyDictionary<string, string>> GetRowHashesAsync(string source, IReadOnlyCollection<string> keys, CancellationToken cancellationToken)
    {
        var hashes = new Dictionary<string, string>(StringComparer.Ordinal);
        if (keys.Count == 0)
        {
            return hashes;
        }

        await using var command = PostgresCommands.Create(connection, transaction, "SELECT key, hash FROM source_rows WHERE source = @source AND key = ANY(@keys);")
            .BindText("source", source)
            .BindTexts("keys", keys);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            hashes[reader.GetString(0)] = reader.GetString(1);
        }

        return hashes;
    }

    public async Task<IReadOnlyDictionary<string, StoredProfile>> GetProfilesAsync(IReadOnlyCollection<string> keys, CancellationToken cancellationToken)
    {
        var profiles = new Dictionary<string, StoredProfile>(StringComparer.Ordinal);
        if (keys.Count == 0)
        {
            return profiles;
        }

        await using var command = PostgresCommands.Create(connection, transaction, "SELECT key, properties, groups, deleted, updated_at FROM profiles WHERE key = ANY(@keys);")
            .BindTexts("keys", keys);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
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
