using System.Buffers;
using System.Text;
using System.Text.Json;

namespace Highwater.Storage.Json;

/// <summary>
/// Many rows as one JSON array of arrays, so SQLite can write a whole page in one statement
/// (<c>INSERT ... SELECT ... FROM json_each($rows)</c>) instead of one statement per row.
/// </summary>
internal sealed class JsonRows : IDisposable
{
    private readonly ArrayBufferWriter<byte> _buffer = new(64 * 1024);
    private readonly Utf8JsonWriter _writer;

    public JsonRows()
    {
        _writer = new Utf8JsonWriter(_buffer);
        _writer.WriteStartArray();
    }

    public int Count { get; private set; }

    public JsonRows Row(params ReadOnlySpan<object?> values)
    {
        _writer.WriteStartArray();
        foreach (var value in values)
        {
            switch (value)
            {
                case null: _writer.WriteNullValue(); break;
                case string text: _writer.WriteStringValue(text); break;
                case bool flag: _writer.WriteNumberValue(flag ? 1 : 0); break;
                case int number: _writer.WriteNumberValue(number); break;
                case long number: _writer.WriteNumberValue(number); break;
                default: throw new ArgumentException($"unsupported value type {value.GetType()}", nameof(values));
            }
        }

        _writer.WriteEndArray();
        Count++;
        return this;
    }

    public string ToJson()
    {
        _writer.WriteEndArray();
        _writer.Flush();
        return Encoding.UTF8.GetString(_buffer.WrittenSpan);
    }

    public void Dispose() => _writer.Dispose();
}
