using Highwater.Storage.RateLedger;
using Microsoft.Data.Sqlite;

namespace Highwater.Storage.Sqlite;

/// <summary>
/// The rate ledger on SQLite: a reservation reads and adds inside one BEGIN IMMEDIATE
/// transaction, so no other connection or process can spend in between.
/// </summary>
internal sealed class SqliteRateLedgerStore(SqliteDatabase database) : IRateLedgerStore
{
    private const string Key = "account = $account AND \"window\" = $window AND window_start = $window_start";

    private const string Add = """
        INSERT INTO rate_ledger (account, "window", window_start, used) VALUES ($account, $window, $window_start, $used)
        ON CONFLICT (account, "window", window_start) DO UPDATE SET used = used + excluded.used
        RETURNING used;
        """;

    private const string Raise = """
        INSERT INTO rate_ledger (account, "window", window_start, used) VALUES ($account, $window, $window_start, $used)
        ON CONFLICT (account, "window", window_start) DO UPDATE SET used = max(used, excluded.used)
        RETURNING used;
        """;

    public Task<LedgerReservation> TryReserveAsync(string account, string window, DateTimeOffset windowStart, long limit, int calls, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(calls);
        return database.WriteAsync(
            async (connection, transaction) =>
            {
                var used = await ReadUsedAsync(connection, transaction, account, window, windowStart, cancellationToken);
                if (used + calls > limit)
                {
                    return new LedgerReservation(false, used);
                }

                await using var command = KeyedCommand(connection, transaction, Add, account, window, windowStart).Bind("$used", (long)calls);
                return new LedgerReservation(true, (long)(await command.ExecuteScalarAsync(cancellationToken))!);
            },
            cancellationToken);
    }

    public async Task<long> GetUsedAsync(string account, string window, DateTimeOffset windowStart, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await ReadUsedAsync(connection, null, account, window, windowStart, cancellationToken);
    }

    public Task<long> RaiseUsedAsync(string account, string window, DateTimeOffset windowStart, long used, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(used);
        return database.WriteAsync(
            async (connection, transaction) =>
            {
                await using var command = KeyedCommand(connection, transaction, Raise, account, window, windowStart).Bind("$used", used);
                return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
            },
            cancellationToken);
    }

    private static async Task<long> ReadUsedAsync(SqliteConnection connection, SqliteTransaction? transaction, string account, string window, DateTimeOffset windowStart, CancellationToken cancellationToken)
    {
        await using var command = KeyedCommand(connection, transaction, $"SELECT used FROM rate_ledger WHERE {Key};", account, window, windowStart);
        return await command.ExecuteScalarAsync(cancellationToken) is long used ? used : 0;
    }

    private static SqliteCommand KeyedCommand(SqliteConnection connection, SqliteTransaction? transaction, string sql, string account, string window, DateTimeOffset windowStart) =>
        SqliteCommands.Create(connection, transaction, sql)
            .Bind("$account", account)
            .Bind("$window", window)
            .BindTime("$window_start", windowStart);
}
