namespace Highwater.Storage.RateLedger;

/// <summary>
/// Calls spent per (account, window, window start), shared by every worker on the database, so
/// a restart does not forget today's usage and two workers cannot overrun a window together.
/// </summary>
public interface IRateLedgerStore
{
    /// <summary>Atomically adds <paramref name="calls"/> to the window if the total stays within <paramref name="limit"/>.</summary>
    Task<LedgerReservation> TryReserveAsync(string account, string window, DateTimeOffset windowStart, long limit, int calls, CancellationToken cancellationToken);

    /// <summary>Calls counted in a window (0 when none).</summary>
    Task<long> GetUsedAsync(string account, string window, DateTimeOffset windowStart, CancellationToken cancellationToken);

    /// <summary>Raises the count to what the service reports when that is higher (other integrations spent calls too); never lowers it.</summary>
    Task<long> RaiseUsedAsync(string account, string window, DateTimeOffset windowStart, long used, CancellationToken cancellationToken);
}
