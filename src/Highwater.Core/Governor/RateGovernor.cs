namespace Highwater.Core.Governor;

/// <summary>
/// Spends one service account's calls within its <see cref="RatePolicy"/>: every call asks first and
/// gets a value back, go (holding a concurrency slot) or wait until an instant. It never goes when
/// any window less its reserve, or the concurrency limit, would be exceeded. One per account,
/// shared by every destination on it; thread-safe.
/// </summary>
/// <remarks>
/// <para>
/// Short rolling windows are counted exactly in process. Day-long windows are counted in the
/// <see cref="IQuotaLedger"/>, reserved atomically before the call, so a restart remembers today's
/// usage and workers sharing the ledger cannot overrun them together. What a restart cannot see of
/// the short windows it waits out: the ledger keeps when the account's last call went (to the
/// second), and a governor started within a short window of it pauses that window until it has passed. The short windows and the
/// concurrency limit are this process's alone: with several workers on one account, give each
/// worker its share of them.
/// </para>
/// <para>
/// The governor has no notion of attempts. Waiting for quota is never a failure, and nothing here
/// counts it as one: a caller's retry budget is for calls that were made and failed.
/// </para>
/// <para>
/// When a policy has several ledger windows and a later one refuses a reservation, the calls
/// already reserved in an earlier one stay counted there (the ledger never lowers a count): an
/// over-count, never an overrun.
/// </para>
/// </remarks>
public sealed partial class RateGovernor
{
    private readonly Lock _lock = new();
    private readonly TimeProvider _time;
    private readonly WindowCounter[] _counters;
    private readonly WindowCounter[] _ledgerCounters;
    private readonly IQuotaLedger _ledger;
    private int _inFlight;
    private int? _loweredLimit;
    private DateTimeOffset _loweredUntil;
    private DateTimeOffset _retryAfterUntil;
    private TaskCompletionSource _slotFreed = NewSignal();

    /// <summary>Builds the governor of one account.</summary>
    /// <param name="policy">The account's windows and concurrency limit.</param>
    /// <param name="ledger">Where day-long windows are counted, shared by every worker.</param>
    /// <param name="timeProvider">The clock, and the timers <see cref="AcquireAsync"/> waits on.</param>
    /// <param name="worker">
    /// The worker this governor spends for, stable across its restarts: the ledger then keeps when its
    /// last call went, and a restart within a short window of it waits that window out. Null: none kept.
    /// </param>
    public RateGovernor(RatePolicy policy, IQuotaLedger ledger, TimeProvider timeProvider, string? worker = null)
    {
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(ledger);
        ArgumentNullException.ThrowIfNull(timeProvider);
        Policy = policy;
        _time = timeProvider;
        _counters = [.. policy.Windows.Select(w => Counter(w, ledger, policy.Account))];
        _ledgerCounters = [.. _counters.Where(c => c.Window.CountsInLedger)];
        _ledger = ledger;
        _lastCallWindow = worker is null ? null : $"{LastCallWindow}:{worker}";
    }

    /// <summary>The account's policy.</summary>
    public RatePolicy Policy { get; }

    /// <summary>
    /// Asks to make <paramref name="calls"/> calls now. Answers go, with a lease to hold while they are
    /// made, or wait until an instant; never throws for backpressure. Day-long windows are reserved
    /// in the ledger before it answers go.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="calls"/> is below 1 or more than the smallest window allows.</exception>
    public async ValueTask<GovernorDecision> TryAcquireAsync(int calls, CancellationToken cancellationToken) =>
        (await TryAcquireCoreAsync(calls, cancellationToken)).Decision;

    /// <summary>
    /// Waits, on the <see cref="TimeProvider"/>'s timers, until <paramref name="calls"/> calls may go,
    /// then returns their lease. Waiters are not queued: a large request may wait behind small ones.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="calls"/> is below 1 or more than the smallest window allows.</exception>
    /// <exception cref="OperationCanceledException">Cancelled while waiting.</exception>
    public async Task<GovernorLease> AcquireAsync(int calls, CancellationToken cancellationToken) =>
        (await AcquireCoreAsync(calls, stopAtLedgerWindow: false, cancellationToken)).Lease!;

    /// <summary>
    /// Waits as <see cref="AcquireAsync"/> does for short windows, the concurrency limit and a
    /// service's short Retry-After, but not for a day-long window (one counted in the ledger) nor a
    /// Retry-After longer than <see cref="LongestRetryAfter"/>: when one stands in the way, answers that wait instead of sleeping through it (hours, until a reset), so
    /// the caller can stop spending and say until when its rows wait.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="calls"/> is below 1 or more than the smallest window allows.</exception>
    /// <exception cref="OperationCanceledException">Cancelled while waiting.</exception>
    public Task<GovernorDecision> AcquireUnlessSpentAsync(int calls, CancellationToken cancellationToken) =>
        AcquireCoreAsync(calls, stopAtLedgerWindow: true, cancellationToken);

    /// <summary>Whether <paramref name="window"/> is one of the day-long windows counted in the ledger.</summary>
    public bool IsLedgerWindow(string? window) =>
        window is not null && _ledgerCounters.Any(c => string.Equals(c.Window.Name, window, StringComparison.Ordinal));

    /// <summary>
    /// A service's Retry-After longer than this is a quota spent, not a pause to sleep through
    /// (Eloqua answers its daily limit with 429 and Retry-After until midnight).
    /// </summary>
    public static readonly TimeSpan LongestRetryAfter = TimeSpan.FromMinutes(5);

    // A day-long window spent or paused, or a service asking for a wait longer than a pause.
    private bool IsQuotaWait(GovernorDecision decision) => decision.Reason switch
    {
        GovernorWaitReason.WindowPaused or GovernorWaitReason.WindowFull => IsLedgerWindow(decision.Window),
        GovernorWaitReason.RetryAfter => decision.Until - _time.GetUtcNow() > LongestRetryAfter,
        _ => false,
    };

    private async Task<GovernorDecision> AcquireCoreAsync(int calls, bool stopAtLedgerWindow, CancellationToken cancellationToken)
    {
        while (true)
        {
            var (decision, slotFreed) = await TryAcquireCoreAsync(calls, cancellationToken);
            if (decision.IsGo)
            {
                return decision;
            }

            if (stopAtLedgerWindow && IsQuotaWait(decision))
            {
                return decision;
            }

            if (decision.Reason == GovernorWaitReason.ConcurrencyLimit)
            {
                await WaitForSlotAsync(slotFreed, cancellationToken);
            }
            else
            {
                var delay = decision.Until - _time.GetUtcNow();
                await Task.Delay(delay > TimeSpan.Zero ? delay : TimeSpan.Zero, _time, cancellationToken);
            }
        }
    }

    internal void Release()
    {
        TaskCompletionSource freed;
        lock (_lock)
        {
            _inFlight--;
            freed = _slotFreed;
            _slotFreed = NewSignal();
        }

        freed.TrySetResult();
    }

    private async ValueTask<(GovernorDecision Decision, Task SlotFreed)> TryAcquireCoreAsync(int calls, CancellationToken cancellationToken)
    {
        CheckCalls(calls);
        await ResumeAsync(cancellationToken);
        foreach (var counter in _ledgerCounters)
        {
            await counter.RefreshAsync(_time.GetUtcNow(), cancellationToken);
        }

        DateTimeOffset now;
        int concurrent;
        object?[] taken;
        lock (_lock)
        {
            now = _time.GetUtcNow();
            if (Blocked(now, calls) is { } wait)
            {
                return (wait, _slotFreed.Task);
            }

            concurrent = ++_inFlight;
            taken = [.. _counters.Select(c => c.Take(now, calls))];
        }

        var granted = false;
        try
        {
            foreach (var counter in _ledgerCounters)
            {
                if (await counter.ReserveAsync(now, calls, cancellationToken) is { } until)
                {
                    return (GovernorDecision.Wait(until, GovernorWaitReason.WindowFull, counter.Window.Name), Task.CompletedTask);
                }
            }

            await MarkCallAsync(now, cancellationToken);
            granted = true;
            return (GovernorDecision.Go(new GovernorLease(this, calls, now, concurrent)), Task.CompletedTask);
        }
        finally
        {
            if (!granted)
            {
                Undo(taken);
            }
        }
    }

    // Under the lock. The latest of every time-bound wait; a full concurrency limit only when nothing else holds the calls back.
    private GovernorDecision? Blocked(DateTimeOffset now, int calls)
    {
        GovernorDecision? wait = null;
        if (_retryAfterUntil > now)
        {
            wait = GovernorDecision.Wait(_retryAfterUntil, GovernorWaitReason.RetryAfter);
        }

        foreach (var counter in _counters)
        {
            if (counter.PausedUntil is var paused && paused > now && (wait is null || paused > wait.Value.Until))
            {
                wait = GovernorDecision.Wait(paused, GovernorWaitReason.WindowPaused, counter.Window.Name);
            }

            if (counter.BlockedUntil(now, calls) is { } until && (wait is null || until > wait.Value.Until))
            {
                wait = GovernorDecision.Wait(until, GovernorWaitReason.WindowFull, counter.Window.Name);
            }
        }

        return wait ?? (_inFlight >= ConcurrencyLimit(now) ? GovernorDecision.Wait(now, GovernorWaitReason.ConcurrencyLimit) : null);
    }

    // Under the lock.
    private int? ConcurrencyLimit(DateTimeOffset now)
    {
        if (_loweredLimit is { } lowered && now < _loweredUntil)
        {
            return lowered;
        }

        _loweredLimit = null;
        return Policy.ConcurrencyLimit;
    }

    private async Task WaitForSlotAsync(Task slotFreed, CancellationToken cancellationToken)
    {
        DateTimeOffset? restored;
        lock (_lock)
        {
            restored = _loweredLimit is null ? null : _loweredUntil;
        }

        if (restored is null)
        {
            await slotFreed.WaitAsync(cancellationToken);
            return;
        }

        // A lowered limit is restored at a known instant even if no call ends before it.
        var delay = restored.Value - _time.GetUtcNow();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var timer = Task.Delay(delay > TimeSpan.Zero ? delay : TimeSpan.Zero, _time, stop.Token);
        await Task.WhenAny(slotFreed, timer);
        await stop.CancelAsync();
        cancellationToken.ThrowIfCancellationRequested();
    }

    private void Undo(object?[] taken)
    {
        lock (_lock)
        {
            for (var i = 0; i < _counters.Length; i++)
            {
                if (taken[i] is { } token)
                {
                    _counters[i].Undo(token);
                }
            }
        }

        Release();
    }

    private void CheckCalls(int calls)
    {
        var max = Policy.MaxCallsPerAcquire;
        if (calls < 1 || calls > max)
        {
            var smallest = Policy.Windows.MinBy(w => w.Usable)!;
            throw new ArgumentOutOfRangeException(
                nameof(calls),
                calls,
                $"ask for 1 to {max} calls at once: window '{smallest.Name}' of account '{Policy.Account}' allows {max} after its reserve");
        }
    }

    private static WindowCounter Counter(RateWindow window, IQuotaLedger ledger, string account) => window switch
    {
        CalendarWindow calendar => new CalendarCounter(calendar, ledger, account),
        RollingWindow { CountsInLedger: true } rolling => new BucketCounter(rolling, ledger, account),
        RollingWindow rolling => new SlidingLogCounter(rolling),
        _ => throw new ArgumentException($"unknown window type {window.GetType().Name}", nameof(window)),
    };

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
