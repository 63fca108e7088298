using System.Collections.Concurrent;

namespace Highwater.Core.Connectors;

/// <summary>Requests counted by kind, split into data and metadata. Thread-safe.</summary>
public sealed class CallTally
{
    private readonly ConcurrentDictionary<string, long> _data = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, long> _metadata = new(StringComparer.Ordinal);

    /// <summary>Counts one request.</summary>
    public void Count(CallTag tag)
    {
        var counts = tag.IsData ? _data : _metadata;
        counts.AddOrUpdate(tag.Kind, 1, static (_, n) => n + 1);
    }

    /// <summary>Data requests by kind.</summary>
    public IReadOnlyDictionary<string, long> Data => _data.ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);

    /// <summary>Metadata requests (authentication included) by kind.</summary>
    public IReadOnlyDictionary<string, long> Metadata => _metadata.ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);

    /// <summary>All data requests.</summary>
    public long DataCalls => _data.Values.Sum();

    /// <summary>All metadata requests.</summary>
    public long MetadataCalls => _metadata.Values.Sum();

    /// <summary>Data requests of one kind (0 when none).</summary>
    public long DataOf(string kind) => _data.TryGetValue(kind, out var n) ? n : 0;

    /// <summary>The data calls made since <paramref name="before"/> (an earlier <see cref="Data"/>), by kind; kinds with none are left out.</summary>
    public IReadOnlyDictionary<string, long> DataSince(IReadOnlyDictionary<string, long> before)
    {
        ArgumentNullException.ThrowIfNull(before);
        var spent = new SortedDictionary<string, long>(StringComparer.Ordinal);
        foreach (var (kind, count) in _data)
        {
            if (count - before.GetValueOrDefault(kind) is > 0 and var n)
            {
                spent[kind] = n;
            }
        }

        return spent;
    }
}
