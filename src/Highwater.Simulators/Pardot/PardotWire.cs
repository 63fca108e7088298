using System.Globalization;
using System.Text.Json.Nodes;

namespace Highwater.Simulators.Pardot;

/// <summary>
/// The shapes of Pardot's answers: v4 <c>format=json</c> with its <c>@attributes</c> envelope, as the
/// recorded traffic shows them (a single result is an object, several an array), and the v5
/// <c>{"code","message"}</c> error.
/// </summary>
internal static class PardotWire
{
    /// <summary>The messages of the error codes the simulator answers (Salesforce's error-code page).</summary>
    public static string Message(int code) => code switch
    {
        3 => "Invalid prospect ID",
        4 => "Invalid prospect email address",
        13 => "One or more required parameters are missing",
        14 => "Non-existent prospect ID; No email address provided",
        55 => "Invalid list ID",
        66 => "You have exceeded your concurrent request limit.  Please wait, before trying again",
        70 => "Batch processing is limited to 50 prospects at once.",
        71 => "Input needs to be valid JSON or XML",
        90 => "Prospect array should be a flat array of attributes",
        122 => "Daily API rate limit met",
        130 => "One or more of the specified fields are invalid",
        150 => "Input needs to be valid JSON",
        153 => "Missing required property in request",
        154 => "Invalid property in request",
        155 => "Can't update. Import must be in \"Open\" state.",
        156 => "Can't start processing. Import has no associated data.",
        159 => "The file is not in a valid CSV format",
        160 => "The limit of batches per import has been reached",
        161 => "The current state of the import does not allow the operation",
        162 => "No file was specified or uploaded",
        163 => "Too many files were specified or uploaded",
        164 => "Daily limit of import batches has been reached",
        181 => "A required header is missing: Pardot-Business-Unit-Id header not found on request.",
        184 => "access_token is invalid, unknown, or malformed: Inactive token",
        201 => "Access Denied: User associated with access token is not valid for the Pardot Business Unit ID specified in Pardot-Business-Unit-Id header",
        _ => "Invalid action",
    };

    /// <summary><c>{"@attributes":{"stat":"ok","version":1}, ...}</c>.</summary>
    public static JsonObject Ok() => new() { ["@attributes"] = new JsonObject { ["stat"] = "ok", ["version"] = 1 } };

    /// <summary><c>{"@attributes":{"stat":"fail","version":1,"err_code":n},"err":".."}</c>.</summary>
    public static JsonObject Fail(int code, string? message = null) => new()
    {
        ["@attributes"] = new JsonObject { ["stat"] = "fail", ["version"] = 1, ["err_code"] = code },
        ["err"] = message ?? Message(code),
    };

    /// <summary>The v5 error: <c>{"code":n,"message":".."}</c>.</summary>
    public static JsonObject V5Error(int code, string? message = null) => new() { ["code"] = code, ["message"] = message ?? Message(code) };

    /// <summary>One result or several: Pardot's JSON answers a lone element as an object and more as an array.</summary>
    public static JsonNode? OneOrMany(IReadOnlyList<JsonObject> items) => items.Count switch
    {
        0 => null,
        1 => items[0],
        _ => new JsonArray([.. items]),
    };

    /// <summary>Pardot's date format, in the account's zone: <c>2021-05-04 15:45:28</c>.</summary>
    public static string Date(DateTimeOffset at, TimeZoneInfo zone) =>
        TimeZoneInfo.ConvertTime(at, zone).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);

    /// <summary>The v5 date format: ISO 8601 with the offset.</summary>
    public static string IsoDate(DateTimeOffset at, TimeZoneInfo zone) =>
        TimeZoneInfo.ConvertTime(at, zone).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);

    /// <summary>A field value as the API answers it: numbers as numbers where the text is one, else text.</summary>
    public static JsonNode? Value(string? value) => value is null ? null : JsonValue.Create(value);
}
