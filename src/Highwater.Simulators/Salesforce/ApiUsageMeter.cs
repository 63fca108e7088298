namespace Highwater.Simulators.Salesforce;

/// <summary>The org's API requests in the rolling last 24 hours, against its allocation.</summary>
internal sealed class ApiUsageMeter(TimeProvider time, long limit)
{
    private static readonly TimeSpan Window = TimeSpan.FromHours(24);
    private readonly Queue<(DateTimeOffset At, long Count)> _log = new();
    private long _used;

    public long Limit { get; } = limit;

    /// <summary>Requests counted in the last 24 hours.</summary>
    public long Used
    {
        get
        {
            var since = time.GetUtcNow() - Window;
            while (_log.TryPeek(out var oldest) && oldest.At <= since)
            {
                _used -= _log.Dequeue().Count;
            }

            return _used;
        }
    }

    /// <summary>Counts one request unless the allocation is spent; false when it is.</summary>
    public bool TryCount()
    {
        if (Used >= Limit)
        {
            return false;
        }

        Add(1);
        return true;
    }

    public void Add(long count)
    {
        _log.Enqueue((time.GetUtcNow(), count));
        _used += count;
    }

    public void Clear()
    {
        _log.Clear();
        _used = 0;
    }
}
