namespace Highwater.Core.Governor;

/// <summary>
/// A long rolling window (Salesforce's 24 hours) counted in the quota ledger in buckets of a 96th
/// of its length, keyed by each bucket's start. The window at <c>now</c> sums every bucket that
/// overlaps <c>(now - length, now]</c>, so it may over-count by one bucket but never under-counts.
/// Only the current bucket still grows: a reservation there is checked atomically against the
/// usable share less the closed buckets, which no worker writes any more, so workers sharing the
/// ledger cannot overrun the window together, as long as their clocks agree to well within a bucket.
/// </summary>
internal sealed class BucketCounter(RollingWindow window, IQuotaLedger ledger, string account) : WindowCounter(window)
{
    private readonly SortedDictionary<long, Bucket> _buckets = [];

    private long Width => ((RollingWindow)Window).Bucket.Ticks;

    private TimeSpan Length => ((RollingWindow)Window).Length;

    public override DateTimeOffset? BlockedUntil(DateTimeOffset now, int calls)
    {
        var usable = Usable;
        lock (Gate)
        {
            return Until(now, calls, usable);
        }
    }

    public override async ValueTask RefreshAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var (first, current) = Range(now);
        List<long> unknown;
        lock (Gate)
        {
            foreach (var old in _buckets.Keys.Where(i => i < first).ToList())
            {
                _buckets.Remove(old);
            }

            // Closed buckets are read once after they close, since other workers may have spent in
            // them since we last heard; the current one once, then through our reservations.
            unknown = [.. Enumerable.Range(0, (int)(current - first + 1)).Select(i => first + i)
                .Where(i => !_buckets.TryGetValue(i, out var bucket) || (i < current && !bucket.Closed))];
        }

        foreach (var index in unknown)
        {
            var used = await ledger.GetUsedAsync(account, Window.Name, Start(index), cancellationToken);
            Learn(index, used, closed: index < current);
        }
    }

    public override async ValueTask<DateTimeOffset?> ReserveAsync(DateTimeOffset now, int calls, CancellationToken cancellationToken)
    {
        // The clock may have entered a new bucket since the last refresh: read the one that just closed.
        await RefreshAsync(now, cancellationToken);
        var (first, current) = Range(now);
        var usable = Usable;
        long closed;
        lock (Gate)
        {
            closed = Sum(first, current - 1);
        }

        var answer = await ledger.TryReserveAsync(account, Window.Name, Start(current), usable - closed, calls, cancellationToken);
        Learn(current, answer.Used, closed: false);
        if (answer.Granted)
        {
            return null;
        }

        lock (Gate)
        {
            return Until(now, calls, usable) ?? now + TimeSpan.FromTicks(Width);
        }
    }

    public override async ValueTask ReconcileAsync(DateTimeOffset now, long used, CancellationToken cancellationToken)
    {
        await RefreshAsync(now, cancellationToken);
        var (first, current) = Range(now);
        long target;
        lock (Gate)
        {
            var counted = Sum(first, current);
            if (used <= counted)
            {
                return;
            }

            // What we did not see lands in the current bucket: it falls out no earlier than it truly does.
            target = _buckets.GetValueOrDefault(current).Used + (used - counted);
        }

        Learn(current, await ledger.RaiseUsedAsync(account, Window.Name, Start(current), target, cancellationToken), closed: false);
    }

    // A rolling window has no reset: the service's count falls as old calls age out, so look again a bucket later.
    public override DateTimeOffset PauseEnd(DateTimeOffset now) => now + TimeSpan.FromTicks(Width);

    public override async ValueTask<WindowSnapshot> SnapshotAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        await RefreshAsync(now, cancellationToken);
        var (first, current) = Range(now);
        Learn(current, await ledger.GetUsedAsync(account, Window.Name, Start(current), cancellationToken), closed: false);
        lock (Gate)
        {
            var oldest = _buckets.Where(b => b.Key >= first && b.Value.Used > 0).Select(b => (long?)b.Key).FirstOrDefault();
            return Snapshot(now, Sum(first, current), null, oldest is { } index ? Falls(index) : null);
        }
    }

    private DateTimeOffset? Until(DateTimeOffset now, int calls, long usable)
    {
        var (first, current) = Range(now);
        var excess = Sum(first, current) + calls - usable;
        if (excess <= 0)
        {
            return null;
        }

        long freed = 0;
        foreach (var (index, bucket) in _buckets)
        {
            if (index < first || index > current)
            {
                continue;
            }

            freed += bucket.Used;
            if (freed >= excess)
            {
                return Falls(index);
            }
        }

        return now + TimeSpan.FromTicks(Width);
    }

    private long Sum(long first, long last) => _buckets.Where(b => b.Key >= first && b.Key <= last).Sum(b => b.Value.Used);

    private void Learn(long index, long used, bool closed)
    {
        lock (Gate)
        {
            var known = _buckets.GetValueOrDefault(index);
            _buckets[index] = new Bucket(Math.Max(known.Used, used), known.Closed || closed);
        }
    }

    // The bucket holding now - length may still hold calls inside the window; older ones cannot.
    private (long First, long Current) Range(DateTimeOffset now) => (Index(now - Length), Index(now));

    private long Index(DateTimeOffset instant) => instant.UtcTicks / Width;

    private DateTimeOffset Start(long index) => new(index * Width, TimeSpan.Zero);

    // Bucket i counts until Index(now - length) passes it: from (i + 1) × width + length on.
    private DateTimeOffset Falls(long index) => Start(index + 1) + Length;

    private readonly record struct Bucket(long Used, bool Closed);
}
