using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Highwater.Connectors.Marketo;

/// <summary>Reading Marketo's JSON, whose codes are quoted strings and whose ids are numbers.</summary>
internal static class MarketoJson
{
    /// <summary>A scalar as text (a number's digits, a string's value); null for null, absent or not a scalar.</summary>
    public static string? Text(JsonNode? node) => node is JsonValue value
        ? value.GetValueKind() switch
        {
            JsonValueKind.String => value.GetValue<string>(),
            JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False => value.ToJsonString(),
            _ => null,
        }
        : null;

    /// <summary>The <c>result</c> array, empty when absent (an asset search that found nothing).</summary>
    public static JsonArray Result(JsonObject answer) => answer["result"] as JsonArray ?? [];

    /// <summary>A lead or list id as the engine keeps it (the integer's digits).</summary>
    public static string? Id(JsonNode? node) => Text(node) is { } text && long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var id)
        ? id.ToString(CultureInfo.InvariantCulture)
        : null;
}
