using System.Text;
using System.Text.Json;
using Highwater.Storage.Marks;

namespace Highwater.Storage.Json;

/// <summary>
/// Property maps and name sets as both providers store them: a JSON object of strings (null kept
/// as JSON null) and a JSON array of strings, written in ordinal order so equal values store alike.
/// </summary>
internal static class JsonColumn
{
    public static string WriteMap(IReadOnlyDictionary<string, string?> map)
    {
        using var writer = new JsonColumnWriter();
        return Encoding.UTF8.GetString(writer.Map(map));
    }

    public static IReadOnlyDictionary<string, string?> ReadMap(string json)
    {
        var map = JsonSerializer.Deserialize(json, JsonColumnContext.Default.DictionaryStringString);
        var read = new Dictionary<string, string?>(map?.Count ?? 0, StringComparer.Ordinal);
        foreach (var (name, value) in map ?? [])
        {
            read[NulText.Decode(name)] = value is null ? null : NulText.Decode(value);
        }

        return read;
    }

    public static string WriteSet(IReadOnlyCollection<string> set)
    {
        using var writer = new JsonColumnWriter();
        return Encoding.UTF8.GetString(writer.Set(set));
    }

    /// <summary>Strings as a JSON array in their given order (SQLite expands it with json_each).</summary>
    public static string WriteList(IEnumerable<string> values) =>
        JsonSerializer.Serialize(values as string[] ?? [.. values], JsonColumnContext.Default.StringArray);

    public static IReadOnlySet<string> ReadSet(string json) =>
        new HashSet<string>((JsonSerializer.Deserialize(json, JsonColumnContext.Default.StringArray) ?? []).Select(NulText.Decode), StringComparer.Ordinal);

    /// <summary>A source's mark health, or null for none (a clean one is not stored).</summary>
    public static string? WriteHealth(MarkHealth? health) =>
        health is null || health.IsClean ? null : JsonSerializer.Serialize(health, JsonColumnContext.Default.MarkHealth);

    public static MarkHealth? ReadHealth(string? json) =>
        json is null ? null : JsonSerializer.Deserialize(json, JsonColumnContext.Default.MarkHealth);
}
