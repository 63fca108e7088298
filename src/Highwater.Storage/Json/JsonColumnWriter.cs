using System.Buffers;
using System.Text.Json;

namespace Highwater.Storage.Json;

/// <summary>
/// Writes property maps and name sets as UTF-8 JSON into one reused buffer, names in ordinal order
/// so equal values store alike: no dictionary copy, no LINQ sort and no string per value. Each
/// result is valid until the next call. Not thread-safe: one per commit.
/// </summary>
internal sealed class JsonColumnWriter : IDisposable
{
    private readonly ArrayBufferWriter<byte> _buffer = new(1024);
    private readonly Utf8JsonWriter _writer;
    private string[] _names = new string[16];

    public JsonColumnWriter() => _writer = new Utf8JsonWriter(_buffer);

    /// <summary>A JSON object of strings (null kept as JSON null).</summary>
    public ReadOnlySpan<byte> Map(IReadOnlyDictionary<string, string?> map)
    {
        var names = map is Dictionary<string, string?> dictionary ? Sorted(dictionary.Keys) : Sorted(map.Keys, map.Count);
        Start();
        _writer.WriteStartObject();
        foreach (var name in names)
        {
            if (map[name] is { } value)
            {
                _writer.WriteString(NulText.Encode(name), NulText.Encode(value));
            }
            else
            {
                _writer.WriteNull(NulText.Encode(name));
            }
        }

        _writer.WriteEndObject();
        return Finish();
    }

    /// <summary>A JSON array of strings.</summary>
    public ReadOnlySpan<byte> Set(IReadOnlyCollection<string> set)
    {
        var names = set switch
        {
            { Count: 0 } => [],
            HashSet<string> hashSet => Sorted(hashSet),
            _ => Sorted(set, set.Count),
        };
        Start();
        _writer.WriteStartArray();
        foreach (var name in names)
        {
            _writer.WriteStringValue(NulText.Encode(name));
        }

        _writer.WriteEndArray();
        return Finish();
    }

    public void Dispose() => _writer.Dispose();

    // Overloads for the usual concrete types, whose struct enumerators allocate nothing.
    private ReadOnlySpan<string> Sorted(Dictionary<string, string?>.KeyCollection names)
    {
        var span = Names(names.Count);
        var i = 0;
        foreach (var name in names)
        {
            span[i++] = name;
        }

        return Sort(span);
    }

    private ReadOnlySpan<string> Sorted(HashSet<string> names)
    {
        var span = Names(names.Count);
        var i = 0;
        foreach (var name in names)
        {
            span[i++] = name;
        }

        return Sort(span);
    }

    private ReadOnlySpan<string> Sorted(IEnumerable<string> names, int count)
    {
        var span = Names(count);
        var i = 0;
        foreach (var name in names)
        {
            span[i++] = name;
        }

        return Sort(span);
    }

    private static ReadOnlySpan<string> Sort(Span<string> names)
    {
        names.Sort(static (a, b) => string.CompareOrdinal(a, b));
        return names;
    }

    private Span<string> Names(int count)
    {
        if (count > _names.Length)
        {
            _names = new string[Math.Max(count, _names.Length * 2)];
        }

        return _names.AsSpan(0, count);
    }

    private void Start()
    {
        _buffer.ResetWrittenCount();
        _writer.Reset();
    }

    private ReadOnlySpan<byte> Finish()
    {
        _writer.Flush();
        return _buffer.WrittenSpan;
    }
}
