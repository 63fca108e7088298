namespace Highwater.Core.Governor;

public sealed partial class RateGovernor
{
    /// <summary>Tells the governor what the service said about its limits (see <see cref="ServiceSignal"/> for each service's answers).</summary>
    public ValueTask ReportAsync(ServiceSignal signal, CancellationToken cancellationToken) => ReportAsync(signal, null, cancellationToken);

    internal async ValueTask ReportAsync(ServiceSignal signal, GovernorLease? lease, CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        switch (signal.Kind)
        {
            case ServiceSignalKind.RateWindowExceeded:
            {
                var counter = Find(signal.Window, shortest: true);
                counter.PauseUntil(counter.PauseEnd(now));
                break;
            }

            case ServiceSignalKind.QuotaReached:
            {
                // Marked first: a rolling window's pause ends when what it then counts falls out.
                var counter = Find(signal.Window, shortest: false);
                await counter.MarkSpentAsync(now, cancellationToken);
                counter.PauseUntil(counter.PauseEnd(now));
                break;
            }

            case ServiceSignalKind.TooManyConcurrent:
                LowerConcurrency(now, lease);
                break;

            case ServiceSignalKind.RetryAfter:
                lock (_lock)
                {
                    var until = signal.Until ?? now + (signal.Delay ?? TimeSpan.Zero);
                    _retryAfterUntil = until > _retryAfterUntil ? until : _retryAfterUntil;
                }

                break;

            case ServiceSignalKind.UsageReported:
            {
                var counter = Find(signal.Window, shortest: false);
                if (signal.Limit is { } limit)
                {
                    counter.ReportLimit(limit);
                }

                await counter.ReconcileAsync(now, signal.Used ?? 0, cancellationToken);
                break;
            }

            default:
                throw new ArgumentOutOfRangeException(nameof(signal), signal.Kind, "unknown signal");
        }
    }

    // The service had room for fewer calls than were in flight when this one went (or are now, without a
    // lease): allow one fewer than that for a while. A late answer about an older, busier moment does not
    // lower the limit further than the answers before it.
    private void LowerConcurrency(DateTimeOffset now, GovernorLease? lease)
    {
        lock (_lock)
        {
            var busy = lease?.Concurrent ?? _inFlight;
            var current = ConcurrencyLimit(now) ?? busy;
            _loweredLimit = Math.Max(1, Math.Min(current, busy - 1));
            _loweredUntil = now + Policy.ConcurrencyRecovery;
        }
    }

    private WindowCounter Find(string? window, bool shortest)
    {
        if (window is not null)
        {
            return _counters.FirstOrDefault(c => string.Equals(c.Window.Name, window, StringComparison.Ordinal))
                ?? throw new ArgumentException($"account '{Policy.Account}' has no window '{window}'", nameof(window));
        }

        return shortest ? _counters.MinBy(c => c.Window.NominalLength)! : _counters.MaxBy(c => c.Window.NominalLength)!;
    }
}
