using System.Collections.Concurrent;
using Highwater.Simulators.Modules;

namespace Highwater.Simulators.Hosting;

/// <summary>
/// What a simulator was asked, as <c>GET /_sim/counts</c> answers it: requests by kind, requests
/// refused for a rate or quota limit, records rejected one by one. Thread-safe.
/// </summary>
/// <param name="kinds">Kinds answered with 0 before any request of theirs (the service's data kinds), or none.</param>
internal sealed class CallCounter(params string[] kinds)
{
    private readonly ConcurrentDictionary<string, long> _byKind = new(StringComparer.Ordinal);
    private long _rateLimited;
    private long _rejected;

    /// <summary>One request of <paramref name="kind"/> (<c>lookup</c>, <c>auth</c>, ...).</summary>
    public void Count(string kind) => _byKind.AddOrUpdate(kind, 1, static (_, n) => n + 1);

    /// <summary>One request refused for a rate, concurrency or quota limit.</summary>
    public void RateLimited() => Interlocked.Increment(ref _rateLimited);

    /// <summary>Records the service rejected one by one.</summary>
    public void Rejected(long records = 1) => Interlocked.Add(ref _rejected, records);

    /// <summary>The counts now; <see cref="SimulatorCounts.Total"/> is the sum of the kinds.</summary>
    public SimulatorCounts Snapshot()
    {
        var byKind = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var kind in kinds)
        {
            byKind[kind] = 0;
        }

        foreach (var (kind, n) in _byKind)
        {
            byKind[kind] = n;
        }

        return new SimulatorCounts(byKind, Interlocked.Read(ref _rateLimited), Interlocked.Read(ref _rejected), byKind.Values.Sum());
    }

    /// <summary>Forgets every count.</summary>
    public void Reset()
    {
        _byKind.Clear();
        Interlocked.Exchange(ref _rateLimited, 0);
        Interlocked.Exchange(ref _rejected, 0);
    }
}
