using Highwater.Storage.ExportLog;
using NpgsqlTypes;

namespace Highwater.Storage.Postgres;

internal sealed class PostgresExportLogStore(PostgresDatabase database) : IExportLogStore
{
    private const string Insert = """
        INSERT INTO export_log (destination, profile_key, at, outcome, reason)
        SELECT e.destination, e.profile_key, e.at, e.outcome, e.reason
        FROM unnest(@destinations, @profile_keys, @at, @outcomes, @reasons) WITH ORDINALITY AS e(destination, profile_key, at, outcome, reason, n)
        ORDER BY e.n;
        """;

    private const string Select = "SELECT destination, profile_key, at, outcome, reason FROM export_log WHERE destination = @destination";

    public async Task AppendAsync(IReadOnlyCollection<ExportLogEntry> entries, CancellationToken cancellationToken)
    {
        if (entries.Count == 0)
        {
            return;
        }

        await using var command = database.Command(Insert)
            .BindTexts("destinations", entries.Select(entry => entry.Destination))
            .BindTexts("profile_keys", entries.Select(entry => entry.ProfileKey))
            .Bind("at", NpgsqlDbType.Array | NpgsqlDbType.TimestampTz, entries.Select(entry => entry.At.ToUniversalTime()).ToArray())
            .BindTexts("outcomes", entries.Select(entry => entry.Outcome.ToString()))
            .Bind("reasons", NpgsqlDbType.Array | NpgsqlDbType.Text, entries.Select(entry => entry.Reason is null ? null : PostgresCommands.Readable(entry.Reason)).ToArray());
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<ExportLogEntry>> ListAsync(string destination, string? profileKey, int limit, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        var sql = profileKey is null
            ? Select + " ORDER BY at DESC, id DESC LIMIT @limit;"
            : Select + " AND profile_key = @profile_key ORDER BY at DESC, id DESC LIMIT @limit;";
        await using var command = database.Command(sql)
            .BindText("destination", destination)
            .BindBigint("limit", limit);
        if (profileKey is not null)
        {
            command.BindText("profile_key", profileKey);
        }

        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var entries = new List<ExportLogEntry>();
        while (await reader.ReadAsync(cancellationToken))
        {
            entries.Add(new ExportLogEntry(
                reader.GetString(0),
                reader.GetString(1),
                reader.GetTime(2),
                Enum.Parse<ExportOutcome>(reader.GetString(3)),
                reader.GetStringOrNull(4)));
        }

        return entries;
    }
}
