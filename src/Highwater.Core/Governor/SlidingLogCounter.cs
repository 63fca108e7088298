namespace Highwater.Core.Governor;

/// <summary>
/// A short rolling window counted exactly in process: a log of (instant, calls), oldest first. A
/// call made at <c>t</c> counts while the clock reads before <c>t + length</c>, so no interval of
/// the window's length ever holds more than its usable share, and a blocked request learns the
/// exact instant enough of the oldest calls fall out.
/// </summary>
internal sealed class SlidingLogCounter(RollingWindow window) : WindowCounter(window)
{
    private readonly LinkedList<Entry> _log = new();
    private long _used;

    private TimeSpan Length => ((RollingWindow)Window).CountedFor;

    public override DateTimeOffset? BlockedUntil(DateTimeOffset now, int calls)
    {
        var usable = Usable;
        lock (Gate)
        {
            Prune(now);
            var excess = _used + calls - usable;
            if (excess <= 0)
            {
                return null;
            }

            long freed = 0;
            foreach (var entry in _log)
            {
                freed += entry.Calls;
                if (freed >= excess)
                {
                    return entry.At + Length;
                }
            }

            // More calls than the window allows (its limit was lowered by the service): look again later.
            return now + Length;
        }
    }

    public override object? Take(DateTimeOffset now, int calls)
    {
        lock (Gate)
        {
            return Add(now, calls);
        }
    }

    public override void Undo(object token)
    {
        lock (Gate)
        {
            var node = (LinkedListNode<Entry>)token;
            if (node.List == _log)
            {
                _used -= node.Value.Calls;
                _log.Remove(node);
            }
        }
    }

    public override ValueTask ReconcileAsync(DateTimeOffset now, long used, CancellationToken cancellationToken)
    {
        lock (Gate)
        {
            Prune(now);
            if (used > _used)
            {
                // Calls we did not see count from now: they fall out no earlier than they truly do.
                Add(now, used - _used);
            }
        }

        return default;
    }

    public override DateTimeOffset PauseEnd(DateTimeOffset now) => now + Length;

    public override ValueTask<WindowSnapshot> SnapshotAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        lock (Gate)
        {
            Prune(now);
            return new(Snapshot(now, _used, null, _log.First is { } oldest ? oldest.Value.At + Length : null));
        }
    }

    private LinkedListNode<Entry> Add(DateTimeOffset at, long calls)
    {
        _used += calls;

        // Keep the log in time order even if a caller's clock reading raced another's.
        var after = _log.Last;
        while (after is not null && after.Value.At > at)
        {
            after = after.Previous;
        }

        return after is null ? _log.AddFirst(new Entry(at, calls)) : _log.AddAfter(after, new Entry(at, calls));
    }

    private void Prune(DateTimeOffset now)
    {
        while (_log.First is { } oldest && oldest.Value.At + Length <= now)
        {
            _used -= oldest.Value.Calls;
            _log.RemoveFirst();
        }
    }

    private readonly record struct Entry(DateTimeOffset At, long Calls);
}
