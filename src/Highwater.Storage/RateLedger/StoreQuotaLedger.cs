using Highwater.Core.Governor;

namespace Highwater.Storage.RateLedger;

/// <summary>
/// The governor's <see cref="IQuotaLedger"/> kept in the buffer store's rate ledger: a restart
/// remembers today's usage, and governors on several workers sharing one database (PostgreSQL)
/// reserve from one count, so they cannot overrun a window together.
/// </summary>
/// <param name="store">The buffer store's rate ledger.</param>
public sealed class StoreQuotaLedger(IRateLedgerStore store) : IQuotaLedger
{
    private readonly IRateLedgerStore _store = store ?? throw new ArgumentNullException(nameof(store));

    /// <inheritdoc />
    public async Task<QuotaReservation> TryReserveAsync(string account, string window, DateTimeOffset windowStart, long limit, int calls, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(calls);
        var answer = await _store.TryReserveAsync(account, window, windowStart, limit, calls, cancellationToken);
        return new QuotaReservation(answer.Granted, answer.Used);
    }

    /// <inheritdoc />
    public Task<long> GetUsedAsync(string account, string window, DateTimeOffset windowStart, CancellationToken cancellationToken) =>
        _store.GetUsedAsync(account, window, windowStart, cancellationToken);

    /// <inheritdoc />
    public Task<long> RaiseUsedAsync(string account, string window, DateTimeOffset windowStart, long used, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(used);
        return _store.RaiseUsedAsync(account, window, windowStart, used, cancellationToken);
    }
}
