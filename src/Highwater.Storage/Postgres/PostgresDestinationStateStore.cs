using Highwater.Storage.Destinations;
using Npgsql;

namespace Highwater.Storage.Postgres;

internal sealed class PostgresDestinationStateStore(PostgresDatabase database, TimeProvider timeProvider) : IDestinationStateStore
{
    private const string Columns = "name, adopted_lists, adopted_at, last_run_at, last_run";

    public async Task<DestinationState?> GetAsync(string destination, CancellationToken cancellationToken)
    {
        await using var command = database.Command($"SELECT {Columns} FROM destinations WHERE name = @name;").BindText("name", destination);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? Read(reader) : null;
    }

    public async Task<IReadOnlyList<DestinationState>> ListAsync(CancellationToken cancellationToken)
    {
        await using var command = database.Command($"SELECT {Columns} FROM destinations ORDER BY name;");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var states = new List<DestinationState>();
        while (await reader.ReadAsync(cancellationToken))
        {
            states.Add(Read(reader));
        }

        return states;
    }

    public Task SetAdoptedAsync(string destination, string lists, CancellationToken cancellationToken) =>
        WriteAsync(
            "INSERT INTO destinations (name, adopted_lists, adopted_at) VALUES (@name, @value, @at) ON CONFLICT (name) DO UPDATE SET adopted_lists = excluded.adopted_lists, adopted_at = excluded.adopted_at;",
            destination,
            lists,
            cancellationToken);

    public Task SetLastRunAsync(string destination, string summary, CancellationToken cancellationToken) =>
        WriteAsync(
            "INSERT INTO destinations (name, last_run, last_run_at) VALUES (@name, @value, @at) ON CONFLICT (name) DO UPDATE SET last_run = excluded.last_run, last_run_at = excluded.last_run_at;",
            destination,
            summary,
            cancellationToken);

    private async Task WriteAsync(string sql, string destination, string value, CancellationToken cancellationToken)
    {
        await using var command = database.Command(sql)
            .BindText("name", destination)
            .BindText("value", value)
            .BindTime("at", timeProvider.GetUtcNow());
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static DestinationState Read(NpgsqlDataReader reader) => new(
        reader.GetString(0),
        reader.IsDBNull(1) ? null : reader.GetString(1),
        reader.GetTimeOrNull(2),
        reader.GetTimeOrNull(3),
        reader.IsDBNull(4) ? null : reader.GetString(4));
}
