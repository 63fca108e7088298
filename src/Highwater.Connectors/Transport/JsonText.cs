using System.Text.Json.Nodes;

namespace Highwater.Connectors.Transport;

/// <summary>
/// Reads values of a service's JSON answer (<see cref="TransportAnswer.Json"/>) as text, where every
/// field may be missing and ids come as strings or numbers alike.
/// </summary>
internal static class JsonText
{
    /// <summary>A JSON value as text (a number or boolean as written); null for null, a missing node, an object or an array.</summary>
    public static string? Of(JsonNode? node) => node switch
    {
        JsonValue v when v.TryGetValue<string>(out var s) => s,
        JsonValue v => v.ToJsonString(),
        _ => null,
    };

    /// <summary>The values of a JSON array as text, skipping those that have none; nothing when it is not an array.</summary>
    public static IEnumerable<string> Strings(JsonNode? node) =>
        node is JsonArray array ? array.Select(Of).OfType<string>() : [];
}
