using System.Runtime.CompilerServices;
using Highwater.Storage.Json;
using Highwater.Storage.Marks;
using Microsoft.Data.Sqlite;

namespace Highwater.Storage.Sqlite;

internal sealed class SqliteSourceStateStore(SqliteDatabase database) : ISourceStateStore
{
    private const int KeyPageSize = 1000;

    private const string SelectState = """
        SELECT s.name, s.mark, s.mark_key, s.last_polled_at,
               (SELECT count(*) FROM source_rows r WHERE r.source = s.name), s.mark_health
        FROM sources s
        """;

    private const string SelectPollStart = """
        SELECT s.mark, s.mark_key, EXISTS (SELECT 1 FROM source_rows r WHERE r.source = s.name), s.mark_health
        FROM sources s WHERE s.name = $name;
        """;

    public async Task<SourceState?> GetAsync(string source, CancellationToken cancellationToken)
    {
        var states = await ReadStatesAsync(SelectState + " WHERE s.name = $name;", source, cancellationToken);
        return states.Count == 0 ? null : states[0];
    }

    public async Task<SourcePollStart> GetPollStartAsync(string source, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = SqliteCommands.Create(connection, null, SelectPollStart).Bind("$name", source);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return new SourcePollStart(null, false);
        }

        var mark = reader.IsDBNull(0) || reader.IsDBNull(1) ? null : new SourceMark(reader.GetString(0), reader.GetString(1));
        return new SourcePollStart(mark, reader.GetInt64(2) != 0, JsonColumn.ReadHealth(reader.IsDBNull(3) ? null : reader.GetString(3)));
    }

    public Task<IReadOnlyList<SourceState>> ListAsync(CancellationToken cancellationToken) =>
        ReadStatesAsync(SelectState + " ORDER BY s.name;", null, cancellationToken);

    public async Task<IReadOnlyDictionary<string, string>> GetRowHashesAsync(string source, IReadOnlyCollection<string> keys, CancellationToken cancellationToken)
    {
        if (keys.Count == 0)
        {
            return new Dictionary<string, string>(StringComparer.Ordinal);
        }

        // All in one read transaction: one snapshot, and no lock taken and released per key.
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var snapshot = connection.BeginTransaction(deferred: true);
        return SqliteIngestReads.ReadRowHashes(connection, source, keys, cancellationToken);
    }

    public Task SetMarkAsync(string source, SourceMark? mark, CancellationToken cancellationToken) =>
        WriteAsync(
            "INSERT INTO sources (name, mark, mark_key) VALUES ($name, $mark, $mark_key) ON CONFLICT (name) DO UPDATE SET mark = excluded.mark, mark_key = excluded.mark_key;",
            command => command.Bind("$name", source).Bind("$mark", mark?.Mark).Bind("$mark_key", mark?.Key),
            cancellationToken);

    public Task SetHealthAsync(string source, MarkHealth? health, CancellationToken cancellationToken) =>
        WriteAsync(
            "INSERT INTO sources (name, mark_health) VALUES ($name, $health) ON CONFLICT (name) DO UPDATE SET mark_health = excluded.mark_health;",
            command => command.Bind("$name", source).Bind("$health", JsonColumn.WriteHealth(health)),
            cancellationToken);

    public async IAsyncEnumerable<string> ListKeysAsync(string source, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        // Keyset pages: no connection stays open while the caller works through a page.
        string? after = null;
        while (true)
        {
            var page = new List<string>(KeyPageSize);
            await using (var connection = await database.OpenAsync(cancellationToken))
            {
                await using var command = SqliteCommands.Create(connection, null, "SELECT key FROM source_rows WHERE source = $source AND ($after IS NULL OR key > $after) ORDER BY key LIMIT $limit;")
                    .Bind("$source", source)
                    .Bind("$after", after)
                    .Bind("$limit", KeyPageSize);
                await using var reader = await command.ExecuteReaderAsync(cancellationToken);
                while (await reader.ReadAsync(cancellationToken))
                {
                    page.Add(reader.GetString(0));
                }
            }

            foreach (var key in page)
            {
                yield return key;
            }

            if (page.Count < KeyPageSize)
            {
                yield break;
            }

            after = page[^1];
        }
    }

    private Task WriteAsync(string sql, Action<SqliteCommand> bind, CancellationToken cancellationToken) =>
        database.WriteAsync(
            async (connection, transaction) =>
            {
                await using var command = SqliteCommands.Create(connection, transaction, sql);
                bind(command);
                return await command.ExecuteNonQueryAsync(cancellationToken);
            },
            cancellationToken);

    private async Task<IReadOnlyList<SourceState>> ReadStatesAsync(string sql, string? name, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = SqliteCommands.Create(connection, null, sql);
        if (name is not null)
        {
            command.Bind("$name", name);
        }

        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var states = new List<SourceState>();
        while (await reader.ReadAsync(cancellationToken))
        {
            states.Add(Read(reader));
        }

        return states;
    }

    private static SourceState Read(SqliteDataReader reader)
    {
        var mark = reader.IsDBNull(1) || reader.IsDBNull(2) ? null : new SourceMark(reader.GetString(1), reader.GetString(2));
        DateTimeOffset? polled = reader.IsDBNull(3) ? null : SqliteTime.FromColumn(reader.GetInt64(3));
        return new SourceState(reader.GetString(0), mark, polled, reader.GetInt64(4), JsonColumn.ReadHealth(reader.IsDBNull(5) ? null : reader.GetString(5)));
    }
}
