namespace Highwater.Core.Governor;

public sealed partial class RateGovernor
{
    /// <summary>The ledger window (<c>~last-call:WORKER</c>) that keeps when a worker's last call on the account went, in Unix milliseconds (<c>window_start</c> is the epoch).</summary>
    public const string LastCallWindow = "~last-call";

    /// <summary>
    /// How often the instant of the last call is written to the ledger at most; a restart waits this
    /// much longer than the short window, for the calls it did not see written, and as much again
    /// for their way to the service.
    /// </summary>
    public static readonly TimeSpan LastCallGrain = TimeSpan.FromSeconds(1);

    /// <summary>The longest in-process window a restart waits out; a longer one is left to the service's Retry-After.</summary>
    public static readonly TimeSpan LongestRestartWait = TimeSpan.FromMinutes(1);

    private readonly string? _lastCallWindow;
    private Task? _resumed;
    private DateTimeOffset _markedAt = DateTimeOffset.MinValue;

    private bool HasShortWindows => _lastCallWindow is not null && _counters.Length > _ledgerCounters.Length;

    // Once per governor, before its first call: a predecessor's calls in the short windows are not
    // counted here (those windows live in process), so a window that may still hold them is paused
    // until they have left it. A restart never draws a rate-limit error (Marketo's 606) for them.
    private Task ResumeAsync(CancellationToken cancellationToken)
    {
        if (!HasShortWindows)
        {
            return Task.CompletedTask;
        }

        lock (_lock)
        {
            // Read once for every caller; one caller's cancellation does not spoil it for the others.
            _resumed ??= ReadLastCallAsync();
            return _resumed.WaitAsync(cancellationToken);
        }
    }

    private async Task ReadLastCallAsync()
    {
        var last = await _ledger.GetUsedAsync(Policy.Account, _lastCallWindow!, DateTimeOffset.UnixEpoch, CancellationToken.None);
        if (last <= 0)
        {
            return;
        }

        var lastCall = DateTimeOffset.FromUnixTimeMilliseconds(last);
        var now = _time.GetUtcNow();
        // Only short windows are waited out: an hour's (Eloqua's bulk-hour) would stop a restart for an hour.
        foreach (var counter in _counters.Where(c => !c.Window.CountsInLedger && c.Window.NominalLength <= LongestRestartWait))
        {
            var clear = lastCall + counter.Window.NominalLength + LastCallGrain + LastCallGrain;
            if (clear > now)
            {
                counter.PauseUntil(clear);
            }
        }
    }

    // After a go: the instant is written at most once per grain, so the ledger is not written per call.
    private async ValueTask MarkCallAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (!HasShortWindows)
        {
            return;
        }

        lock (_lock)
        {
            if (now - _markedAt < LastCallGrain)
            {
                return;
            }

            _markedAt = now;
        }

        await _ledger.RaiseUsedAsync(Policy.Account, _lastCallWindow!, DateTimeOffset.UnixEpoch, now.ToUnixTimeMilliseconds(), cancellationToken);
    }
}
