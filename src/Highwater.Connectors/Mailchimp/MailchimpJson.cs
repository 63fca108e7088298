using System.Text.Json.Nodes;

namespace Highwater.Connectors.Mailchimp;

/// <summary>Reading Mailchimp's JSON: every field optional, ids and values as text.</summary>
internal static class MailchimpJson
{
    /// <summary>A JSON value as text; null for null, a missing node or an object.</summary>
    public static string? Text(JsonNode? node) => node switch
    {
        JsonValue v when v.TryGetValue<string>(out var s) => s,
        JsonValue v => v.ToJsonString(),
        _ => null,
    };

    /// <summary>The objects of a JSON array; none when it is not one.</summary>
    public static IEnumerable<JsonObject> Objects(JsonNode? node) =>
        node is JsonArray array ? array.OfType<JsonObject>() : [];

    /// <summary>The strings of a JSON array; none when it is not one.</summary>
    public static IEnumerable<string> Strings(JsonNode? node) =>
        node is JsonArray array ? array.Select(Text).OfType<string>() : [];

    /// <summary>Parses a body; null when empty, a JSON string when it is not JSON.</summary>
    public static JsonNode? Parse(string text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        try
        {
            return JsonNode.Parse(text);
        }
        catch (System.Text.Json.JsonException)
        {
            return JsonValue.Create(text);
        }
    }
}
