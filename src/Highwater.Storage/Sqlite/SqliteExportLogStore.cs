using Highwater.Storage.ExportLog;

namespace Highwater.Storage.Sqlite;

internal sealed class SqliteExportLogStore(SqliteDatabase database) : IExportLogStore
{
    private const string Select = "SELECT destination, profile_key, at, outcome, reason FROM export_log WHERE destination = $destination";

    public Task AppendAsync(IReadOnlyCollection<ExportLogEntry> entries, CancellationToken cancellationToken) =>
        entries.Count == 0 ? Task.CompletedTask : database.WriteAsync(
            async (connection, transaction) =>
            {
                await using var command = SqliteCommands.Create(connection, transaction, "INSERT INTO export_log (destination, profile_key, at, outcome, reason) VALUES ($destination, $profile_key, $at, $outcome, $reason);")
                    .Bind("$destination", null).Bind("$profile_key", null).Bind("$at", null).Bind("$outcome", null).Bind("$reason", null);
                foreach (var entry in entries)
                {
                    command.Set("$destination", entry.Destination);
                    command.Set("$profile_key", entry.ProfileKey);
                    command.Set("$at", SqliteTime.ToColumn(entry.At));
                    command.Set("$outcome", entry.Outcome.ToString());
                    command.Set("$reason", entry.Reason);
                    await command.ExecuteNonQueryAsync(cancellationToken);
                }

                return entries.Count;
            },
            cancellationToken);

    public async Task<IReadOnlyList<ExportLogEntry>> ListAsync(string destination, string? profileKey, int limit, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        var sql = profileKey is null
            ? Select + " ORDER BY at DESC, id DESC LIMIT $limit;"
            : Select + " AND profile_key = $profile_key ORDER BY at DESC, id DESC LIMIT $limit;";
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = SqliteCommands.Create(connection, null, sql)
            .Bind("$destination", destination)
            .Bind("$profile_key", profileKey)
            .Bind("$limit", limit);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var entries = new List<ExportLogEntry>();
        while (await reader.ReadAsync(cancellationToken))
        {
            entries.Add(new ExportLogEntry(
                reader.GetString(0),
                reader.GetString(1),
                SqliteTime.FromColumn(reader.GetInt64(2)),
                Enum.Parse<ExportOutcome>(reader.GetString(3)),
                reader.IsDBNull(4) ? null : reader.GetString(4)));
        }

        return entries;
    }
}
