using System.Text.Json.Nodes;
using Highwater.Connectors.Transport;

namespace Highwater.Connectors.Mailchimp;

/// <summary>Reading Mailchimp's JSON: every field optional, ids and values as text.</summary>
internal static class MailchimpJson
{
    /// <summary>A JSON value as text (<see cref="JsonText.Of"/>).</summary>
    public static string? Text(JsonNode? node) => JsonText.Of(node);

    /// <summary>The objects of a JSON array; none when it is not one.</summary>
    public static IEnumerable<JsonObject> Objects(JsonNode? node) =>
        node is JsonArray array ? array.OfType<JsonObject>() : [];

    /// <summary>The values of a JSON array as text (<see cref="JsonText.Strings"/>).</summary>
    public static IEnumerable<string> Strings(JsonNode? node) => JsonText.Strings(node);

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
