using System.Diagnostics.CodeAnalysis;

namespace Highwater.Core.Planning;

/// <summary>
/// The fields of one record that differ from what was last exported, in the order the diff found
/// them (or, for a create from a <see cref="Model.FieldMap"/>, its fields that have a value). A
/// record changes a handful of fields, so a short array searched in order is smaller and quicker to
/// build than a hash map, and looking a name up costs about the same.
/// </summary>
internal sealed class FieldChanges : IReadOnlyDictionary<string, string?>
{
    private KeyValuePair<string, string?>[] _fields;
    private int _count;

    public FieldChanges()
        : this(2)
    {
    }

    /// <summary>Room for <paramref name="capacity"/> fields before the first resize.</summary>
    public FieldChanges(int capacity)
    {
        _fields = new KeyValuePair<string, string?>[Math.Max(capacity, 1)];
    }

    public int Count => _count;

    public IEnumerable<string> Keys => this.Select(change => change.Key);

    public IEnumerable<string?> Values => this.Select(change => change.Value);

    public string? this[string key] => TryGetValue(key, out var value) ? value : throw new KeyNotFoundException($"The field '{key}' did not change.");

    /// <summary>Adds a changed field; the diff adds each name once.</summary>
    public void Add(string name, string? value)
    {
        if (_count == _fields.Length)
        {
            Array.Resize(ref _fields, _count * 2);
        }

        _fields[_count++] = new(name, value);
    }

    public bool ContainsKey(string key) => IndexOf(key) >= 0;

    public bool TryGetValue(string key, [MaybeNullWhen(false)] out string? value)
    {
        var index = IndexOf(key);
        value = index >= 0 ? _fields[index].Value : null;
        return index >= 0;
    }

    public IEnumerator<KeyValuePair<string, string?>> GetEnumerator()
    {
        for (var i = 0; i < _count; i++)
        {
            yield return _fields[i];
        }
    }

    System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();

    private int IndexOf(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        for (var i = 0; i < _count; i++)
        {
            if (string.Equals(_fields[i].Key, key, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }
}
