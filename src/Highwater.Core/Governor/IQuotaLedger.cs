namespace Highwater.Core.Governor;

/// <summary>
/// Calls spent per (account, window, window start), shared by every worker, so a restart does not
/// forget today's usage and two workers cannot overrun a window together. The governor reserves
/// here before each call. The buffer store's rate ledger implements the same contract; an adapter
/// joins them where the engine is assembled.
/// </summary>
public interface IQuotaLedger
{
    /// <summary>Atomically adds <paramref name="calls"/> to the window if the total stays within <paramref name="limit"/>.</summary>
    Task<QuotaReservation> TryReserveAsync(string account, string window, DateTimeOffset windowStart, long limit, int calls, CancellationToken cancellationToken);

    /// <summary>Calls counted in a window (0 when none).</summary>
    Task<long> GetUsedAsync(string account, string window, DateTimeOffset windowStart, CancellationToken cancellationToken);

    /// <summary>Raises the count to <paramref name="used"/> when that is higher (other integrations spent calls too); never lowers it. Returns the count after.</summary>
    Task<long> RaiseUsedAsync(string account, string window, DateTimeOffset windowStart, long used, CancellationToken cancellationToken);
}
