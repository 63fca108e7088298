using Highwater.Storage.Ingest;
using Highwater.Storage.Json;
using Highwater.Storage.Profiles;
using Microsoft.Data.Sqlite;

namespace Highwater.Storage.Sqlite;

/// <summary>
/// Keyed reads on an open connection, in whatever transaction it has: the stores' own reads (in a
/// read snapshot) and an ingest's (in its write transaction). One prepared lookup per key (a page
/// of keys costs SQLite no JSON to parse), in ordinal key order, so the lookups walk the b-tree
/// from one end to the other instead of jumping around it.
/// </summary>
internal sealed class SqliteIngestReads(SqliteConnection connection) : IIngestReads
{
    public Task<IReadOnlyDictionary<string, string>> GetRowHashesAsync(string source, IReadOnlyCollection<string> keys, CancellationToken cancellationToken) =>
        Task.FromResult(ReadRowHashes(connection, source, keys, cancellationToken));

    public Task<IReadOnlyDictionary<string, IReadOnlyDictionary<string, string?>>> GetRowPropertiesAsync(string source, IReadOnlyCollection<string> keys, CancellationToken cancellationToken) =>
        Task.FromResult(ReadRowProperties(connection, source, keys, cancellationToken));

    public Task<IReadOnlyDictionary<string, StoredProfile>> GetProfilesAsync(IReadOnlyCollection<string> keys, CancellationToken cancellationToken) =>
        Task.FromResult(ReadProfiles(connection, keys, cancellationToken));

    public static IReadOnlyDictionary<string, string> ReadRowHashes(SqliteConnection connection, string source, IReadOnlyCollection<string> keys, CancellationToken cancellationToken)
    {
        var hashes = new Dictionary<string, string>(StringComparer.Ordinal);
        if (keys.Count == 0)
        {
            return hashes;
        }

        using var select = new SqliteStatement(connection, "SELECT hash FROM source_rows WHERE source = ?1 AND key = ?2;").Text(1, source);
        var read = 0;
        foreach (var key in Sorted(keys))
        {
            SqliteStatement.Count(ref read, cancellationToken);
            if (select.Text(2, key).Read())
            {
                hashes[key] = select.ColumnText(0);
            }

            select.Reset();
        }

        return hashes;
    }

    public static IReadOnlyDictionary<string, IReadOnlyDictionary<string, string?>> ReadRowProperties(SqliteConnection connection, string source, IReadOnlyCollection<string> keys, CancellationToken cancellationToken)
    {
        var properties = new Dictionary<string, IReadOnlyDictionary<string, string?>>(StringComparer.Ordinal);
        if (keys.Count == 0)
        {
            return properties;
        }

        using var select = new SqliteStatement(connection, "SELECT properties FROM source_rows WHERE source = ?1 AND key = ?2 AND properties IS NOT NULL;").Text(1, source);
        var read = 0;
        foreach (var key in Sorted(keys))
        {
            SqliteStatement.Count(ref read, cancellationToken);
            if (select.Text(2, key).Read())
            {
                properties[key] = JsonColumn.ReadMap(select.ColumnText(0));
            }

            select.Reset();
        }

        return properties;
    }

    public static IReadOnlyDictionary<string, StoredProfile> ReadProfiles(SqliteConnection connection, IReadOnlyCollection<string> keys, CancellationToken cancellationToken)
    {
        var profiles = new Dictionary<string, StoredProfile>(StringComparer.Ordinal);
        if (keys.Count == 0)
        {
            return profiles;
        }

        using var select = new SqliteStatement(connection, "SELECT properties, groups, deleted, updated_at FROM profiles WHERE key = ?1;");
        var read = 0;
        foreach (var key in Sorted(keys))
        {
            SqliteStatement.Count(ref read, cancellationToken);
            if (select.Text(1, key).Read())
            {
                profiles[key] = new StoredProfile(
                    key,
                    JsonColumn.ReadMap(select.ColumnText(0)),
                    JsonColumn.ReadSet(select.ColumnText(1)),
                    select.ColumnInteger(2) != 0,
                    SqliteTime.FromColumn(select.ColumnInteger(3)));
            }

            select.Reset();
        }

        return profiles;
    }

    /// <summary>The keys in ordinal order, SQLite's BINARY collation for ASCII and UTF-16 code-unit order otherwise: close enough to keep lookups local.</summary>
    private static string[] Sorted(IEnumerable<string> keys)
    {
        var sorted = keys.ToArray();
        Array.Sort(sorted, StringComparer.Ordinal);
        return sorted;
    }
}
