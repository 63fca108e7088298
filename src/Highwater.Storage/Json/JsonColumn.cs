using System.Text.Json;

namespace Highwater.Storage.Json;

/// <summary>
/// Property maps and name sets as both providers store them: a JSON object of strings (null kept
/// as JSON null) and a JSON array of strings, written in ordinal order so equal values store alike.
/// </summary>
internal static class JsonColumn
{
    public static string WriteMap(IReadOnlyDictionary<string, string?> map)
    {
        var ordered = new Dictionary<string, string?>(map.Count, StringComparer.Ordinal);
        foreach (var (key, value) in map.OrderBy(pair => pair.Key, StringComparer.Ordinal))
        {
            ordered.Add(key, value);
        }

        return JsonSerializer.Serialize(ordered, JsonColumnContext.Default.DictionaryStringString);
    }

    public static IReadOnlyDictionary<string, string?> ReadMap(string json)
    {
        var map = JsonSerializer.Deserialize(json, JsonColumnContext.Default.DictionaryStringString);
        return map is null ? new Dictionary<string, string?>(StringComparer.Ordinal) : new Dictionary<string, string?>(map, StringComparer.Ordinal);
    }

    public static string WriteSet(IEnumerable<string> set) =>
        JsonSerializer.Serialize(set.Order(StringComparer.Ordinal).ToArray(), JsonColumnContext.Default.StringArray);

    /// <summary>Strings as a JSON array in their given order (SQLite expands it with json_each).</summary>
    public static string WriteList(IEnumerable<string> values) =>
        JsonSerializer.Serialize(values as string[] ?? [.. values], JsonColumnContext.Default.StringArray);

    public static IReadOnlySet<string> ReadSet(string json) =>
        new HashSet<string>(JsonSerializer.Deserialize(json, JsonColumnContext.Default.StringArray) ?? [], StringComparer.Ordinal);
}
