using System.Collections;
using System.Diagnostics.CodeAnalysis;

namespace Highwater.Core.Model;

/// <summary>
/// A profile's mapped fields as one value per name of a shared <see cref="FieldLayout"/>: every
/// name is present, its value may be null. It reads as any other field map, in the layout's order.
/// </summary>
/// <remarks>
/// A dictionary per profile costs a map object, a bucket array and an entry array of about twice
/// the fields; this costs one array of references. The planner walks tens of thousands of them a
/// second from memory, where the cache lines it touches are most of its time, and compares two maps
/// on one layout slot by slot instead of hashing every name.
/// </remarks>
public sealed class FieldMap : IReadOnlyDictionary<string, string?>
{
    private readonly string?[] _values;

    /// <summary>A map of <paramref name="values"/>, one per name of <paramref name="layout"/> in its order; the array is copied.</summary>
    public FieldMap(FieldLayout layout, ReadOnlySpan<string?> values)
    {
        ArgumentNullException.ThrowIfNull(layout);
        if (values.Length != layout.Count)
        {
            throw new ArgumentException($"The layout has {layout.Count} names but {values.Length} values were given.", nameof(values));
        }

        Layout = layout;
        _values = values.ToArray();
    }

    private FieldMap(FieldLayout layout, string?[] values)
    {
        Layout = layout;
        _values = values;
    }

    /// <summary>The names, shared with every map built on them.</summary>
    public FieldLayout Layout { get; }

    /// <summary>The values in the layout's order.</summary>
    public ReadOnlySpan<string?> Values => _values;

    public int Count => _values.Length;

    public string? this[string key] => TryGetValue(key, out var value) ? value : throw new KeyNotFoundException($"The field '{key}' is not mapped.");

    IEnumerable<string> IReadOnlyDictionary<string, string?>.Keys => Layout.Names;

    IEnumerable<string?> IReadOnlyDictionary<string, string?>.Values => _values;

    /// <summary>The value array itself, for the planner's prefetch (read only).</summary>
    internal string?[] ValueArray => _values;

    /// <summary>A map that takes <paramref name="values"/> as its own (the caller drops it): the length is the caller's to check.</summary>
    internal static FieldMap Own(FieldLayout layout, string?[] values) => new(layout, values);

    public bool ContainsKey(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return Layout.IndexOf(key) >= 0;
    }

    public bool TryGetValue(string key, [MaybeNullWhen(false)] out string? value)
    {
        ArgumentNullException.ThrowIfNull(key);
        var index = Layout.IndexOf(key);
        value = index >= 0 ? _values[index] : null;
        return index >= 0;
    }

    public IEnumerator<KeyValuePair<string, string?>> GetEnumerator()
    {
        for (var i = 0; i < _values.Length; i++)
        {
            yield return new(Layout[i], _values[i]);
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
