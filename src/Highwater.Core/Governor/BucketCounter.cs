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
    private DateTimeOffset? _reportedAt;

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

    // The service counts the whole window (Sforce-Limit-Info: the org's last 24 hours); what it
    // counts beyond our buckets are other integrations' calls. Those grown since the last report in
    // this process were made since then: they go in the current bucket, falling out no earlier than
    // they truly do. Those the first report shows (or one a window after the last) could have been
    // made at any time in the window: they are spread over its buckets, so the count falls as the
    // service's does instead of holding a day's usage for another 24 hours. A spread that falls too
    // soon is corrected by the next answer's report, which every call brings.
    public override async ValueTask ReconcileAsync(DateTimeOffset now, long used, CancellationToken cancellationToken)
    {
        await RefreshAsync(now, cancellationToken);
        var (first, current) = Range(now);
        long excess;
        bool spread;
        lock (Gate)
        {
            spread = _reportedAt is not { } last || now - last >= Length;
            _reportedAt = now;
            excess = used - Sum(first, current);
        }

        if (excess <= 0)
        {
            return;
        }

        if (!spread)
        {
            await RaiseAsync(current, excess, current, cancellationToken);
            return;
        }

        var buckets = current - first + 1;
        for (var index = first; index <= current; index++)
        {
            // The remainder goes to the newest bucket: the share that falls last.
            var share = (excess / buckets) + (index == current ? excess % buckets : 0);
            if (share > 0)
            {
                await RaiseAsync(index, share, current, cancellationToken);
            }
        }
    }

    // The service said the window is spent: it holds at least the limit now.
    public override ValueTask MarkSpentAsync(DateTimeOffset now, CancellationToken cancellationToken) =>
        ReconcileAsync(now, Limit, cancellationToken);

    // A rolling window has no reset: the service's count falls as old calls age out. After a spent
    // answer (marked first), the pause lasts until the calls counted fall below the usable share;
    // when nothing counted explains it, a bucket later, to look again.
    public override DateTimeOffset PauseEnd(DateTimeOffset now)
    {
        var usable = Usable;
        lock (Gate)
        {
            return Until(now, 1, usable) is { } until && until > now ? until : now + TimeSpan.FromTicks(Width);
        }
    }

    private async ValueTask RaiseAsync(long index, long calls, long current, CancellationToken cancellationToken)
    {
        long target;
        lock (Gate)
        {
            target = _buckets.GetValueOrDefault(index).Used + calls;
        }

        Learn(index, await ledger.RaiseUsedAsync(account, Window.Name, Start(index), target, cancellationToken), closed: index < current);
    }

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
