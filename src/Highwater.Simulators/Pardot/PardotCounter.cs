using System.Collections.Concurrent;

namespace Highwater.Simulators.Pardot;

/// <summary>Counts requests by kind, rate-limit refusals and record rejections. Thread-safe.</summary>
internal sealed class PardotCounter
{
    private static readonly string[] DataKinds = ["lookup", "delete", "upsert", "import"];

    private readonly ConcurrentDictionary<string, long> _byKind = new(StringComparer.Ordinal);
    private long _rateLimited;
    private long _rejected;

    public void Count(string kind) => _byKind.AddOrUpdate(kind, 1, static (_, n) => n + 1);

    public void RateLimited() => Interlocked.Increment(ref _rateLimited);

    public void Rejected(int records = 1) => Interlocked.Add(ref _rejected, records);

    public PardotCallCounts Snapshot()
    {
        var byKind = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var kind in DataKinds)
        {
            byKind[kind] = 0;
        }

        foreach (var (kind, n) in _byKind)
        {
            byKind[kind] = n;
        }

        return new PardotCallCounts(byKind, Interlocked.Read(ref _rateLimited), Interlocked.Read(ref _rejected), byKind.Values.Sum());
    }

    public void Reset()
    {
        _byKind.Clear();
        Interlocked.Exchange(ref _rateLimited, 0);
        Interlocked.Exchange(ref _rejected, 0);
    }
}
