using Highwater.Storage.RateLedger;
using Npgsql;

namespace Highwater.Storage.Postgres;

/// <summary>
/// The rate ledger shared by every worker. A reservation is one statement: the upsert's
/// conditional DO UPDATE takes the window's row lock and adds only if the total stays within
/// the limit, so concurrent reservations queue on the row and can never overrun it together.
/// </summary>
internal sealed class PostgresRateLedgerStore(PostgresDatabase database) : IRateLedgerStore
{
    private const string Reserve = """
        INSERT INTO rate_ledger AS r (account, "window", window_start, used)
        SELECT @account, @window, @window_start, @calls WHERE @calls <= @limit
        ON CONFLICT (account, "window", window_start) DO UPDATE SET used = r.used + excluded.used
        WHERE r.used + excluded.used <= @limit
        RETURNING r.used;
        """;

    private const string Raise = """
        INSERT INTO rate_ledger AS r (account, "window", window_start, used) VALUES (@account, @window, @window_start, @used)
        ON CONFLICT (account, "window", window_start) DO UPDATE SET used = GREATEST(r.used, excluded.used)
        RETURNING r.used;
        """;

    private const string Read = "SELECT used FROM rate_ledger WHERE account = @account AND \"window\" = @window AND window_start = @window_start;";

    public async Task<LedgerReservation> TryReserveAsync(string account, string window, DateTimeOffset windowStart, long limit, int calls, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(calls);
        await using (var command = Keyed(Reserve, account, window, windowStart).BindBigint("calls", calls).BindBigint("limit", limit))
        {
            if (await command.ExecuteScalarAsync(cancellationToken) is long used)
            {
                return new LedgerReservation(true, used);
            }
        }

        return new LedgerReservation(false, await GetUsedAsync(account, window, windowStart, cancellationToken));
    }

    public async Task<long> GetUsedAsync(string account, string window, DateTimeOffset windowStart, CancellationToken cancellationToken)
    {
        await using var command = Keyed(Read, account, window, windowStart);
        return await command.ExecuteScalarAsync(cancellationToken) is long used ? used : 0;
    }

    public async Task<long> RaiseUsedAsync(string account, string window, DateTimeOffset windowStart, long used, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(used);
        await using var command = Keyed(Raise, account, window, windowStart).BindBigint("used", used);
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    private NpgsqlCommand Keyed(string sql, string account, string window, DateTimeOffset windowStart) =>
        database.Command(sql)
            .BindText("account", account)
            .BindText("window", window)
            .BindTime("window_start", windowStart);
}
