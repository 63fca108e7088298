using Highwater.Storage.DeadLetters;
using Highwater.Storage.Ingest;
using Highwater.Storage.Json;
using Microsoft.Data.Sqlite;

namespace Highwater.Storage.Sqlite;

internal sealed class SqliteDeadLetterStore(SqliteDatabase database, TimeProvider timeProvider) : IDeadLetterStore
{
    // An unset part of the filter matches everything; the time range is [from, to).
    private const string Matching = """
        ($destination IS NULL OR destination = $destination)
        AND ($reason IS NULL OR hw_contains(reason, $reason))
        AND ($from IS NULL OR failed_at >= $from)
        AND ($to IS NULL OR failed_at < $to)
        """;

    private const string Add = """
        INSERT INTO dead_letters (destination, profile_key, reason, attempts, failed_at)
        VALUES ($destination, $profile_key, $reason, $attempts, $failed_at)
        ON CONFLICT (destination, profile_key) DO UPDATE SET
            reason = excluded.reason, attempts = excluded.attempts, failed_at = excluded.failed_at;
        """;

    public Task AddAsync(IReadOnlyCollection<DeadLetter> letters, CancellationToken cancellationToken) =>
        letters.Count == 0 ? Task.CompletedTask : database.WriteAsync(
            async (connection, transaction) =>
            {
                await using var command = SqliteCommands.Create(connection, transaction, Add)
                    .Bind("$destination", null).Bind("$profile_key", null).Bind("$reason", null).Bind("$attempts", null).Bind("$failed_at", null);
                foreach (var letter in letters)
                {
                    command.Set("$destination", letter.Destination);
                    command.Set("$profile_key", letter.ProfileKey);
                    command.Set("$reason", letter.Reason);
                    command.Set("$attempts", letter.Attempts);
                    command.Set("$failed_at", SqliteTime.ToColumn(letter.FailedAt));
                    await command.ExecuteNonQueryAsync(cancellationToken);
                }

                return letters.Count;
            },
            cancellationToken);

    public async Task<IReadOnlyList<DeadLetter>> ListAsync(DeadLetterFilter filter, int limit, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = Filtered(connection, null, $"SELECT id, destination, profile_key, reason, attempts, failed_at FROM dead_letters WHERE {Matching} ORDER BY failed_at, id LIMIT $limit;", filter)
            .Bind("$limit", limit);
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
                SqliteTime.FromColumn(reader.GetInt64(5))));
        }

        return letters;
    }

    public Task<int> RetryAsync(DeadLetterFilter filter, CancellationToken cancellationToken) =>
        database.WriteAsync(
            async (connection, transaction) =>
            {
                // Taken off the letters and put in the outbox in one transaction: both or neither.
                var entries = new List<OutboxEntry>();
                await using (var take = Filtered(connection, transaction, $"DELETE FROM dead_letters WHERE {Matching} RETURNING destination, profile_key;", filter))
                await using (var reader = await take.ExecuteReaderAsync(cancellationToken))
                {
                    while (await reader.ReadAsync(cancellationToken))
                    {
                        entries.Add(new OutboxEntry(reader.GetString(0), reader.GetString(1), OutboxLane.Live));
                    }
                }

                SqliteOutboxWriter.Write(connection, entries, timeProvider.GetUtcNow(), cancellationToken);
                return entries.Count;
            },
            cancellationToken);

    public Task<int> ResolveAsync(string destination, IReadOnlyCollection<string> profileKeys, CancellationToken cancellationToken) =>
        profileKeys.Count == 0 ? Task.FromResult(0) : database.WriteAsync(
            async (connection, transaction) =>
            {
                await using var command = SqliteCommands.Create(connection, transaction, "DELETE FROM dead_letters WHERE destination = $destination AND profile_key IN (SELECT value FROM json_each($keys));")
                    .Bind("$destination", destination)
                    .Bind("$keys", JsonColumn.WriteList(profileKeys));
                return await command.ExecuteNonQueryAsync(cancellationToken);
            },
            cancellationToken);

    public Task<int> DiscardAsync(DeadLetterFilter filter, CancellationToken cancellationToken) =>
        database.WriteAsync(
            async (connection, transaction) =>
            {
                await using var command = Filtered(connection, transaction, $"DELETE FROM dead_letters WHERE {Matching};", filter);
                return await command.ExecuteNonQueryAsync(cancellationToken);
            },
            cancellationToken);

    private static SqliteCommand Filtered(SqliteConnection connection, SqliteTransaction? transaction, string sql, DeadLetterFilter filter) =>
        SqliteCommands.Create(connection, transaction, sql)
            .Bind("$destination", filter.Destination)
            .Bind("$reason", string.IsNullOrEmpty(filter.ReasonContains) ? null : filter.ReasonContains)
            .BindTime("$from", filter.From)
            .BindTime("$to", filter.To);
}
