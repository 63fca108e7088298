using Highwater.Storage.DeadLetters;
using Npgsql;
using NpgsqlTypes;

namespace Highwater.Storage.Postgres;

internal sealed class PostgresDeadLetterStore(PostgresDatabase database, TimeProvider timeProvider) : IDeadLetterStore
{
    // An unset part of the filter matches everything; the time range is [from, to).
    private const string Matching = """
        (@destination IS NULL OR destination = @destination)
        AND (@reason IS NULL OR strpos(lower(reason), lower(@reason)) > 0)
        AND (@from IS NULL OR failed_at >= @from)
        AND (@to IS NULL OR failed_at < @to)
        """;

    private const string Add = """
        INSERT INTO dead_letters (destination, profile_key, reason, attempts, failed_at)
        SELECT l.destination, l.profile_key, l.reason, l.attempts, l.failed_at
        FROM unnest(@destinations, @profile_keys, @reasons, @attempts, @failed_at)
            WITH ORDINALITY AS l(destination, profile_key, reason, attempts, failed_at, n)
        ORDER BY l.n
        ON CONFLICT (destination, profile_key) DO UPDATE SET
            reason = excluded.reason, attempts = excluded.attempts, failed_at = excluded.failed_at;
        """;

    // Taken off the letters and put in the outbox (live lane) by one statement: both or neither.
    private const string Retry = $"""
        WITH taken AS (DELETE FROM dead_letters WHERE {Matching} RETURNING destination, profile_key)
        INSERT INTO outbox AS o (destination, profile_key, lane, version, first_enqueued_at, changed_at, attempts)
        SELECT destination, profile_key, 0, 1, @now, @now, 0 FROM taken ORDER BY destination, profile_key
        {PostgresOutboxWriter.OnConflict};
        """;

    public async Task AddAsync(IReadOnlyCollection<DeadLetter> letters, CancellationToken cancellationToken)
    {
        if (letters.Count == 0)
        {
            return;
        }

        // A newer failure replaces the older; one statement may touch a row once.
        var rows = letters
            .GroupBy(letter => (letter.Destination, letter.ProfileKey))
            .Select(group => group.Last())
            .OrderBy(letter => letter.Destination, StringComparer.Ordinal)
            .ThenBy(letter => letter.ProfileKey, StringComparer.Ordinal)
            .ToArray();
        await using var command = database.Command(Add)
            .BindTexts("destinations", rows.Select(row => row.Destination))
            .BindTexts("profile_keys", rows.Select(row => row.ProfileKey))
            .BindTexts("reasons", rows.Select(row => PostgresCommands.Readable(row.Reason)))
            .Bind("attempts", NpgsqlDbType.Array | NpgsqlDbType.Integer, rows.Select(row => row.Attempts).ToArray())
            .Bind("failed_at", NpgsqlDbType.Array | NpgsqlDbType.TimestampTz, rows.Select(row => row.FailedAt.ToUniversalTime()).ToArray());
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<DeadLetter>> ListAsync(DeadLetterFilter filter, int limit, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        await using var command = Filtered($"SELECT id, destination, profile_key, reason, attempts, failed_at FROM dead_letters WHERE {Matching} ORDER BY failed_at, id LIMIT @limit;", filter)
            .BindBigint("limit", limit);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var letters = new List<DeadLetter>();
        while (await reader.ReadAsync(cancellationToken))
        {
            letters.Add(new DeadLetter(
                reader.GetInt64(0),
                reader.GetString(1),
                reader.GetString(2),
                reader.GetString(3),
                reader.GetInt32(4),
                reader.GetTime(5)));
        }

        return letters;
    }

    public async Task<int> RetryAsync(DeadLetterFilter filter, CancellationToken cancellationToken)
    {
        await using var command = Filtered(Retry, filter).BindTime("now", timeProvider.GetUtcNow());
        var moved = 0;
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            moved++;
        }

        return moved;
    }

    public async Task<int> ResolveAsync(string destination, IReadOnlyCollection<string> profileKeys, CancellationToken cancellationToken)
    {
        if (profileKeys.Count == 0)
        {
            return 0;
        }

        await using var command = database.Command("DELETE FROM dead_letters WHERE destination = @destination AND profile_key = ANY(@profile_keys);")
            .BindText("destination", destination)
            .BindTexts("profile_keys", profileKeys);
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<int> DiscardAsync(DeadLetterFilter filter, CancellationToken cancellationToken)
    {
        await using var command = Filtered($"DELETE FROM dead_letters WHERE {Matching};", filter);
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private NpgsqlCommand Filtered(string sql, DeadLetterFilter filter) =>
        database.Command(sql)
            .BindText("destination", filter.Destination)
            .BindText("reason", string.IsNullOrEmpty(filter.ReasonContains) ? null : filter.ReasonContains)
            .BindTime("from", filter.From)
            .BindTime("to", filter.To);
}
