using System.Runtime.CompilerServices;
using Highwater.Storage.Json;
using Highwater.Storage.Marks;
using Npgsql;

namespace Highwater.Storage.Postgres;

internal sealed class PostgresSourceStateStore(PostgresDatabase database) : ISourceStateStore
{
    private const int KeyPageSize = 1000;

    private const string SelectState = """
        SELECT s.name, s.mark, s.mark_key, s.last_polled_at,
               (SELECT count(*) FROM source_rows r WHERE r.source = s.name), s.mark_health
        FROM sources s
        """;

    private const string SelectPollStart = """
        SELECT s.mark, s.mark_key, EXISTS (SELECT 1 FROM source_rows r WHERE r.source = s.name), s.mark_health
        FROM sources s WHERE s.name = @name;
        """;

    public async Task<SourceState?> GetAsync(string source, CancellationToken cancellationToken)
    {
        await using var command = database.Command(SelectState + " WHERE s.name = @name;").BindText("name", source);
        var states = await ReadStatesAsync(command, cancellationToken);
        return states.Count == 0 ? null : states[0];
    }

    public async Task<SourcePollStart> GetPollStartAsync(string source, CancellationToken cancellationToken)
    {
        await using var command = database.Command(SelectPollStart).BindText("name", source);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return new SourcePollStart(null, false);
        }

        var mark = reader.IsDBNull(0) || reader.IsDBNull(1) ? null : new SourceMark(reader.GetString(0), reader.GetString(1));
        return new SourcePollStart(mark, reader.GetBoolean(2), JsonColumn.ReadHealth(reader.GetStringOrNull(3)));
    }

    public async Task<IReadOnlyList<SourceState>> ListAsync(CancellationToken cancellationToken)
    {
        await using var command = database.Command(SelectState + " ORDER BY s.name;");
        return await ReadStatesAsync(command, cancellationToken);
    }

    public Task<IReadOnlyDictionary<string, string>> GetRowHashesAsync(string source, IReadOnlyCollection<string> keys, CancellationToken cancellationToken) =>
        PostgresIngestReads.ReadRowHashesAsync(database.Command, source, keys, cancellationToken);

    public async Task SetMarkAsync(string source, SourceMark? mark, CancellationToken cancellationToken)
    {
        await using var command = database.Command(
                "INSERT INTO sources (name, mark, mark_key) VALUES (@name, @mark, @mark_key) ON CONFLICT (name) DO UPDATE SET mark = excluded.mark, mark_key = excluded.mark_key;")
            .BindText("name", source)
            .BindText("mark", mark?.Mark)
            .BindText("mark_key", mark?.Key);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task SetHealthAsync(string source, MarkHealth? health, CancellationToken cancellationToken)
    {
        await using var command = database.Command(
                "INSERT INTO sources (name, mark_health) VALUES (@name, @health) ON CONFLICT (name) DO UPDATE SET mark_health = excluded.mark_health;")
            .BindText("name", source)
            .BindText("health", JsonColumn.WriteHealth(health));
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async IAsyncEnumerable<string> ListKeysAsync(string source, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        // Keyset pages (key is COLLATE "C": ordinal order); no connection stays open between pages.
        string? after = null;
        while (true)
        {
            var page = new List<string>(KeyPageSize);
            await using (var command = database.Command("SELECT key FROM source_rows WHERE source = @source AND (@after IS NULL OR key > @after) ORDER BY key LIMIT @limit;")
                .BindText("source", source)
                .BindText("after", after)
                .BindBigint("limit", KeyPageSize))
            await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
            {
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

    private static async Task<IReadOnlyList<SourceState>> ReadStatesAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var states = new List<SourceState>();
        while (await reader.ReadAsync(cancellationToken))
        {
            var mark = reader.IsDBNull(1) || reader.IsDBNull(2) ? null : new SourceMark(reader.GetString(1), reader.GetString(2));
            states.Add(new SourceState(reader.GetString(0), mark, reader.GetTimeOrNull(3), reader.GetInt64(4), JsonColumn.ReadHealth(reader.GetStringOrNull(5))));
        }

        return states;
    }
}
