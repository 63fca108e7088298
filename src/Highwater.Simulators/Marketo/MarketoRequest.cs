using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Primitives;

namespace Highwater.Simulators.Marketo;

/// <summary>
/// One REST request after the <c>_method</c> override: the effective method, the path under
/// <c>/rest</c>, the parameters of the query and of a form body, and the raw body.
/// </summary>
internal sealed class MarketoRequest
{
    private readonly Dictionary<string, StringValues> _parameters;

    private MarketoRequest(string method, string path, Dictionary<string, StringValues> parameters, byte[] body, bool formBody, string? token, string requestId)
    {
        Method = method;
        Path = path;
        _parameters = parameters;
        Body = body;
        FormBody = formBody;
        Token = token;
        RequestId = requestId;
    }

    public string Method { get; }

    /// <summary>The path after <c>/rest</c>, e.g. <c>/v1/leads.json</c>.</summary>
    public string Path { get; }

    public byte[] Body { get; }

    /// <summary>Whether the body was form-encoded (and so read as parameters).</summary>
    public bool FormBody { get; }

    /// <summary>The bearer token (or the legacy <c>access_token</c> parameter).</summary>
    public string? Token { get; }

    public string RequestId { get; }

    public static MarketoRequest From(HttpRequest http, byte[] body, string requestId)
    {
        var parameters = new Dictionary<string, StringValues>(StringComparer.Ordinal);
        foreach (var (key, value) in http.Query)
        {
            parameters[key] = value;
        }

        var form = http.ContentType?.StartsWith("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase) == true;
        if (form)
        {
            foreach (var (key, value) in QueryHelpers.ParseQuery(Encoding.UTF8.GetString(body)))
            {
                parameters[key] = parameters.TryGetValue(key, out var before) ? StringValues.Concat(before, value) : value;
            }
        }

        var method = http.Method;
        if (HttpMethods.IsPost(method) && parameters.TryGetValue("_method", out var overridden) && overridden.Count > 0)
        {
            method = overridden[0]!.ToUpperInvariant();
        }

        string? token = null;
        var authorization = http.Headers.Authorization.ToString();
        if (authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            token = authorization["Bearer ".Length..].Trim();
        }
        else if (parameters.TryGetValue("access_token", out var legacy))
        {
            token = legacy.ToString();
        }

        var path = http.Path.Value ?? "";
        path = path.StartsWith("/rest", StringComparison.Ordinal) ? path["/rest".Length..] : path;
        return new MarketoRequest(method, path, parameters, body, form, token, requestId);
    }

    /// <summary>A parameter's first value, or null.</summary>
    public string? Param(string name) => _parameters.TryGetValue(name, out var value) && value.Count > 0 ? value[0] : null;

    /// <summary>Every value of a parameter, commas splitting values too (<c>id=1&amp;id=2</c> or <c>id=1,2</c>).</summary>
    public IEnumerable<string> Values(string name) =>
        _parameters.TryGetValue(name, out var value)
            ? value.SelectMany(v => (v ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            : [];

    /// <summary>The body as a JSON object; null when there is none or it is not JSON.</summary>
    public JsonObject? Json()
    {
        if (FormBody || Body.Length == 0)
        {
            return null;
        }

        try
        {
            return JsonNode.Parse(Body) as JsonObject;
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }
}
