using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Highwater.Simulators.Marketo;

/// <summary>The shapes of Marketo's answers, as the documentation and the recorded traffic show them.</summary>
internal static class MarketoWire
{
    /// <summary>A lead-database answer: <c>{"requestId","result":[...],"success":true}</c>.</summary>
    public static JsonObject Result(string requestId, JsonArray result) => new()
    {
        ["requestId"] = requestId,
        ["result"] = result,
        ["success"] = true,
    };

    /// <summary>A response-level error: HTTP 200 with <c>success:false</c> and a quoted code.</summary>
    public static JsonObject Error(string requestId, string code, string message) => new()
    {
        ["requestId"] = requestId,
        ["success"] = false,
        ["errors"] = new JsonArray(new JsonObject { ["code"] = code, ["message"] = message }),
    };

    /// <summary>An asset-API answer: <c>{"success","errors":[],"requestId","warnings":[],"result"}</c>; no result key when empty.</summary>
    public static JsonObject Asset(string requestId, JsonArray? result, string? warning = null)
    {
        var answer = new JsonObject
        {
            ["success"] = true,
            ["errors"] = new JsonArray(),
            ["requestId"] = requestId,
            ["warnings"] = warning is null ? new JsonArray() : new JsonArray(warning),
        };
        if (result is not null)
        {
            answer["result"] = result;
        }

        return answer;
    }

    /// <summary>One record's status, with reasons when skipped.</summary>
    public static JsonObject Status(long? id, string status, string? code = null, string? message = null)
    {
        var record = new JsonObject();
        if (id is not null)
        {
            record["id"] = id.Value;
        }

        record["status"] = status;
        if (code is not null)
        {
            record["reasons"] = new JsonArray(new JsonObject { ["code"] = code, ["message"] = message });
        }

        return record;
    }

    /// <summary>Lead timestamps: <c>2021-11-23T22:57:18Z</c>.</summary>
    public static string LeadTime(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    /// <summary>Asset timestamps: <c>2021-11-23T22:57:24Z+0000</c>.</summary>
    public static string AssetTime(DateTimeOffset at) => LeadTime(at) + "+0000";

    /// <summary>A JSON scalar as the text the simulator stores; false when it is no scalar.</summary>
    public static bool TryText(JsonNode? node, out string? text)
    {
        text = null;
        if (node is null)
        {
            return true;
        }

        if (node is not JsonValue value)
        {
            return false;
        }

        text = value.GetValueKind() switch
        {
            JsonValueKind.String => value.GetValue<string>(),
            JsonValueKind.True => "true",
            JsonValueKind.False => "false",
            _ => value.ToJsonString(),
        };
        return true;
    }

    /// <summary>An integer id from a JSON number or numeric string.</summary>
    public static long? Id(JsonNode? node) =>
        TryText(node, out var text) && long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : null;
}
