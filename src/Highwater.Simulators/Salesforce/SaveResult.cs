using System.Text.Json.Nodes;

namespace Highwater.Simulators.Salesforce;

/// <summary>One record's result in an sObject Collections answer (a SaveResult / DeleteResult).</summary>
internal sealed record SaveResult(string? Id, IReadOnlyList<SaveError> Errors)
{
    public bool Success => Errors.Count == 0;

    public static SaveResult Ok(string id) => new(id, []);

    public static SaveResult Fail(string statusCode, string message, params string[] fields) => new(null, [new SaveError(statusCode, message, fields)]);

    /// <summary>The wire shape: <c>{"id":..,"success":true,"errors":[]}</c>; a failure has no id.</summary>
    public JsonObject ToJson()
    {
        var json = new JsonObject();
        if (Success)
        {
            json["id"] = Id;
        }

        json["success"] = Success;
        json["errors"] = new JsonArray([.. Errors.Select(e => (JsonNode)new JsonObject
        {
            ["statusCode"] = e.StatusCode,
            ["message"] = e.Message,
            ["fields"] = new JsonArray([.. e.Fields.Select(f => (JsonNode)JsonValue.Create(f))]),
        })]);
        return json;
    }
}
