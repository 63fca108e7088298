using System.Collections.Frozen;

namespace Highwater.Core.Model;

/// <summary>
/// The field names a destination maps, in one fixed order, shared by every <see cref="FieldMap"/>
/// built on them: each map then holds only its values, and two maps on one layout compare value by
/// value without looking a name up.
/// </summary>
public sealed class FieldLayout
{
    private readonly string[] _names;
    private readonly FrozenDictionary<string, int> _indexes;

    /// <summary>A layout of <paramref name="names"/> in their given order.</summary>
    /// <exception cref="ArgumentException">A name is null or appears twice.</exception>
    public FieldLayout(IEnumerable<string> names)
    {
        ArgumentNullException.ThrowIfNull(names);
        _names = [.. names];
        var indexes = new Dictionary<string, int>(_names.Length, StringComparer.Ordinal);
        for (var i = 0; i < _names.Length; i++)
        {
            var name = _names[i] ?? throw new ArgumentException("A field name is null.", nameof(names));
            if (!indexes.TryAdd(name, i))
            {
                throw new ArgumentException($"The field name '{name}' appears twice.", nameof(names));
            }
        }

        _indexes = indexes.ToFrozenDictionary(StringComparer.Ordinal);
    }

    /// <summary>How many names the layout has.</summary>
    public int Count => _names.Length;

    /// <summary>The names in the layout's order.</summary>
    public IReadOnlyList<string> Names => _names;

    /// <summary>The name at <paramref name="index"/>.</summary>
    public string this[int index] => _names[index];

    /// <summary>The position of <paramref name="name"/>, or -1 when the layout does not have it.</summary>
    public int IndexOf(string name) => _indexes.TryGetValue(name, out var index) ? index : -1;

    /// <summary>Whether <paramref name="other"/> has the same names in the same order.</summary>
    public bool SameAs(FieldLayout other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return ReferenceEquals(this, other) || _names.AsSpan().SequenceEqual(other._names);
    }

    /// <summary>
    /// <paramref name="fields"/> as a map on this layout when it has exactly the layout's names (a
    /// map that lacks one, or has one more, keeps its own shape: a missing field is not a null one).
    /// </summary>
    public IReadOnlyDictionary<string, string?> Adopt(IReadOnlyDictionary<string, string?> fields)
    {
        ArgumentNullException.ThrowIfNull(fields);
        if (fields is FieldMap map && SameAs(map.Layout))
        {
            return fields;
        }

        if (fields.Count != _names.Length)
        {
            return fields;
        }

        var values = new string?[_names.Length];
        for (var i = 0; i < _names.Length; i++)
        {
            if (!fields.TryGetValue(_names[i], out values[i]))
            {
                return fields;
            }
        }

        return FieldMap.Own(this, values);
    }
}
