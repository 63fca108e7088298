namespace Highwater.Core.Governor;

/// <summary>
/// A thread-safe <see cref="IQuotaLedger"/> in memory, for tests, benchmarks and single-process
/// runs that may forget their usage on restart. Share one instance between governors to model
/// several workers on one database.
/// </summary>
public sealed class InMemoryQuotaLedger : IQuotaLedger
{
    private readonly Lock _lock = new();
    private readonly Dictionary<(string Account, string Window, DateTimeOffset Start), long> _used = [];

    /// <inheritdoc />
    public Task<QuotaReservation> TryReserveAsync(string account, string window, DateTimeOffset windowStart, long limit, int calls, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(calls);
        cancellationToken.ThrowIfCancellationRequested();
        var key = Key(account, window, windowStart);
        lock (_lock)
        {
            var used = _used.GetValueOrDefault(key);
            if (used + calls > limit)
            {
                return Task.FromResult(new QuotaReservation(false, used));
            }

            _used[key] = used + calls;
            return Task.FromResult(new QuotaReservation(true, used + calls));
        }
    }

    /// <inheritdoc />
    public Task<long> GetUsedAsync(string account, string window, DateTimeOffset windowStart, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_lock)
        {
            return Task.FromResult(_used.GetValueOrDefault(Key(account, window, windowStart)));
        }
    }

    /// <inheritdoc />
    public Task<long> RaiseUsedAsync(string account, string window, DateTimeOffset windowStart, long used, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(used);
        cancellationToken.ThrowIfCancellationRequested();
        var key = Key(account, window, windowStart);
        lock (_lock)
        {
            var raised = Math.Max(_used.GetValueOrDefault(key), used);
            _used[key] = raised;
            return Task.FromResult(raised);
        }
    }

    private static (string, string, DateTimeOffset) Key(string account, string window, DateTimeOffset windowStart) =>
        (account, window, windowStart.ToUniversalTime());
}
