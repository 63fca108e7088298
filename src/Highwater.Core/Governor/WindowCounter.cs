namespace Highwater.Core.Governor;

/// <summary>
/// Counts the calls of one window for a <see cref="RateGovernor"/>. The governor calls the
/// synchronous members under its own lock, so a check and a take over several windows are atomic
/// in process; each counter also guards its own state, because the ledger's answers arrive outside
/// that lock.
/// </summary>
internal abstract class WindowCounter(RateWindow window)
{
    private long? _reportedLimit;
    private DateTimeOffset _pausedUntil;

    protected Lock Gate { get; } = new();

    public RateWindow Window { get; } = window;

    /// <summary>The window's limit, lowered when the service reported a smaller one.</summary>
    public long Limit
    {
        get
        {
            lock (Gate)
            {
                return _reportedLimit is { } reported && reported < Window.Limit ? reported : Window.Limit;
            }
        }
    }

    /// <summary>Calls Highwater may spend: <see cref="Limit"/> less the reserve.</summary>
    public long Usable => Limit - Window.ReserveOf(Limit);

    /// <summary>Until when the service told us to leave the window alone.</summary>
    public DateTimeOffset PausedUntil
    {
        get
        {
            lock (Gate)
            {
                return _pausedUntil;
            }
        }
    }

    /// <summary>Null when <paramref name="calls"/> fit now (by what is known in process); else the earliest instant they could.</summary>
    public abstract DateTimeOffset? BlockedUntil(DateTimeOffset now, int calls);

    /// <summary>Counts the calls in process; returns what <see cref="Undo"/> needs to take them back.</summary>
    public virtual object? Take(DateTimeOffset now, int calls) => null;

    /// <summary>Takes back calls counted by <see cref="Take"/> whose acquisition failed later.</summary>
    public virtual void Undo(object token)
    {
    }

    /// <summary>Reads from the ledger what the counter does not know yet.</summary>
    public virtual ValueTask RefreshAsync(DateTimeOffset now, CancellationToken cancellationToken) => default;

    /// <summary>Reserves the calls in the ledger, atomically across workers: null when granted, else when they could fit.</summary>
    public virtual ValueTask<DateTimeOffset?> ReserveAsync(DateTimeOffset now, int calls, CancellationToken cancellationToken) => new((DateTimeOffset?)null);

    /// <summary>Raises the count to what the service reported when it counted more than we did.</summary>
    public abstract ValueTask ReconcileAsync(DateTimeOffset now, long used, CancellationToken cancellationToken);

    /// <summary>The service said this window's quota is spent: record it where every worker sees it, when the window allows.</summary>
    public virtual ValueTask MarkSpentAsync(DateTimeOffset now, CancellationToken cancellationToken) => default;

    /// <summary>Until when a "window exceeded" answer pauses the window.</summary>
    public abstract DateTimeOffset PauseEnd(DateTimeOffset now);

    /// <summary>
    /// For a day-long calendar window, the share (0..1) of its usable calls not yet used, by what is
    /// known in process (the ledger's last word); null for other windows.
    /// </summary>
    public virtual double? DayShareLeft(DateTimeOffset now) => null;

    /// <summary>What the window holds now.</summary>
    public abstract ValueTask<WindowSnapshot> SnapshotAsync(DateTimeOffset now, CancellationToken cancellationToken);

    public void PauseUntil(DateTimeOffset until)
    {
        lock (Gate)
        {
            _pausedUntil = until > _pausedUntil ? until : _pausedUntil;
        }
    }

    public void ReportLimit(long limit)
    {
        if (limit < 1)
        {
            return;
        }

        lock (Gate)
        {
            _reportedLimit = limit;
        }
    }

    protected WindowSnapshot Snapshot(DateTimeOffset now, long used, DateTimeOffset? start, DateTimeOffset? nextReset)
    {
        var limit = Limit;
        var paused = PausedUntil;
        return new WindowSnapshot
        {
            Window = Window.Name,
            Used = used,
            Limit = limit,
            Reserve = Window.ReserveOf(limit),
            WindowStart = start,
            NextReset = nextReset,
            PausedUntil = paused > now ? paused : null,
        };
    }
}
