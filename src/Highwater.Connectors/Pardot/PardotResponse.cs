using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Highwater.Connectors.Pardot;

/// <summary>
/// One answer: its status and body, and the error code it carries, from a v4 <c>@attributes</c>
/// envelope (<c>stat="fail"</c>, <c>err_code</c>, <c>err</c>) or a v5 <c>{"code","message"}</c>.
/// </summary>
internal sealed class PardotResponse
{
    public PardotResponse(int status, string body, string? mediaType)
    {
        Status = status;
        Body = body;
        if (mediaType is "application/json" or "text/json" || body.StartsWith('{'))
        {
            try
            {
                Json = JsonNode.Parse(body) as JsonObject;
            }
            catch (JsonException)
            {
                Json = null;
            }
        }

        if (Json?["@attributes"] is JsonObject attributes)
        {
            if ((string?)attributes["stat"] == "fail")
            {
                ErrorCode = Number(attributes["err_code"]);
                ErrorMessage = Json["err"]?.ToString();
            }
        }
        else if (Json is not null && status >= 400 && Number(Json["code"]) is { } code)
        {
            ErrorCode = code;
            ErrorMessage = Json["message"]?.ToString();
        }
    }

    public int Status { get; }

    public string Body { get; }

    public JsonObject? Json { get; }

    /// <summary>Pardot's error code, when the answer is a failure that names one.</summary>
    public int? ErrorCode { get; }

    public string? ErrorMessage { get; }

    public bool IsSuccess => Status is >= 200 and < 300 && ErrorCode is null;

    /// <summary>A JSON number or numeric string as an integer (Pardot writes ids and codes both ways).</summary>
    public static int? Number(JsonNode? node) =>
        node is JsonValue value && int.TryParse(value.ToString(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n) ? n : null;

    /// <summary>A JSON scalar as text; null for null or absent.</summary>
    public static string? Text(JsonNode? node) => node is JsonValue value ? value.ToString() : null;

    /// <summary>Pardot answers one element as an object and several as an array: always a list.</summary>
    public static IEnumerable<JsonObject> Items(JsonNode? node) => node switch
    {
        JsonObject one => [one],
        JsonArray many => many.OfType<JsonObject>(),
        _ => [],
    };
}
