namespace Highwater.Core.Governor;

public sealed partial class RateGovernor
{
    /// <summary>Takes a snapshot of every window (reading the ledger), the calls in flight and the pauses.</summary>
    public async ValueTask<GovernorSnapshot> GetSnapshotAsync(CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        var windows = new List<WindowSnapshot>(_counters.Length);
        foreach (var counter in _counters)
        {
            windows.Add(await counter.SnapshotAsync(now, cancellationToken));
        }

        lock (_lock)
        {
            return new GovernorSnapshot
            {
                Account = Policy.Account,
                At = now,
                InFlight = _inFlight,
                ConcurrencyLimit = ConcurrencyLimit(now),
                PausedUntil = _retryAfterUntil > now ? _retryAfterUntil : null,
                Windows = windows,
            };
        }
    }
}
