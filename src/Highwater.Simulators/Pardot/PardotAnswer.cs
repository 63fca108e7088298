using System.Text.Json.Nodes;

namespace Highwater.Simulators.Pardot;

/// <summary>What an endpoint answers: a status and a JSON body, a text body, or none.</summary>
internal sealed record PardotAnswer(int Status, JsonNode? Json = null, string? Text = null, string ContentType = "application/json")
{
    public static PardotAnswer Ok(JsonNode json, int status = 200) => new(status, json);

    /// <summary>A v4 failure: HTTP 400 with the <c>@attributes</c> envelope, as the recording answers code 4.</summary>
    public static PardotAnswer Fail(int code, string? message = null, int status = 400) => new(status, PardotWire.Fail(code, message));

    /// <summary>A v5 failure: <c>{"code","message"}</c>.</summary>
    public static PardotAnswer V5Fail(int code, int status = 400, string? message = null) => new(status, PardotWire.V5Error(code, message));

    /// <summary>HTTP 204 with an empty body, <c>text/html</c> as the recorded delete answers.</summary>
    public static PardotAnswer NoContent { get; } = new(204, null, "", "text/html; charset=utf-8");
}
