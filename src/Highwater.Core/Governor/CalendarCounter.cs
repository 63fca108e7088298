namespace Highwater.Core.Governor;

/// <summary>
/// A calendar window counted in the quota ledger: one row per period, keyed by the period's start.
/// Calls are reserved there before they are made, so workers sharing the ledger cannot overrun
/// the period together and a restart remembers it. The count kept here is only the last one the
/// ledger told us, a lower bound that lets a full period answer "wait" without asking again.
/// </summary>
internal sealed class CalendarCounter(CalendarWindow window, IQuotaLedger ledger, string account) : WindowCounter(window)
{
    private DateTimeOffset _start = DateTimeOffset.MaxValue;
    private DateTimeOffset _next = DateTimeOffset.MinValue;
    private long _used;
    private bool _read;

    private CalendarWindow Calendar => (CalendarWindow)Window;

    public override DateTimeOffset? BlockedUntil(DateTimeOffset now, int calls)
    {
        var usable = Usable;
        lock (Gate)
        {
            Roll(now);
            return _used + calls > usable ? _next : null;
        }
    }

    public override async ValueTask RefreshAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        DateTimeOffset start;
        lock (Gate)
        {
            Roll(now);
            if (_read)
            {
                return;
            }

            start = _start;
        }

        Learn(start, await ledger.GetUsedAsync(account, Window.Name, start, cancellationToken), read: true);
    }

    public override async ValueTask<DateTimeOffset?> ReserveAsync(DateTimeOffset now, int calls, CancellationToken cancellationToken)
    {
        var (start, next) = Period(now);
        var answer = await ledger.TryReserveAsync(account, Window.Name, start, Usable, calls, cancellationToken);
        Learn(start, answer.Used, read: true);
        return answer.Granted ? null : next;
    }

    public override async ValueTask ReconcileAsync(DateTimeOffset now, long used, CancellationToken cancellationToken)
    {
        var (start, _) = Period(now);
        Learn(start, await ledger.RaiseUsedAsync(account, Window.Name, start, used, cancellationToken), read: true);
    }

    // The service's own word that the period is spent: every worker and the next restart see it.
    public override ValueTask MarkSpentAsync(DateTimeOffset now, CancellationToken cancellationToken) => ReconcileAsync(now, Limit, cancellationToken);

    public override DateTimeOffset PauseEnd(DateTimeOffset now) => Period(now).Next;

    public override double? DayShareLeft(DateTimeOffset now)
    {
        if (Calendar.Period != CalendarPeriod.Day)
        {
            return null;
        }

        var usable = Usable;
        lock (Gate)
        {
            Roll(now);
            return usable <= 0 ? 0 : Math.Clamp((usable - _used) / (double)usable, 0, 1);
        }
    }

    public override async ValueTask<WindowSnapshot> SnapshotAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var (start, next) = Period(now);
        var used = await ledger.GetUsedAsync(account, Window.Name, start, cancellationToken);
        Learn(start, used, read: true);
        return Snapshot(now, used, start, next);
    }

    private (DateTimeOffset Start, DateTimeOffset Next) Period(DateTimeOffset now)
    {
        lock (Gate)
        {
            Roll(now);
            return (_start, _next);
        }
    }

    private void Learn(DateTimeOffset start, long used, bool read)
    {
        lock (Gate)
        {
            if (start == _start)
            {
                _used = Math.Max(_used, used);
                _read |= read;
            }
        }
    }

    private void Roll(DateTimeOffset now)
    {
        if (now >= _start && now < _next)
        {
            return;
        }

        _start = Calendar.StartOf(now);
        _next = Calendar.NextReset(now);
        _used = 0;
        _read = false;
    }
}
