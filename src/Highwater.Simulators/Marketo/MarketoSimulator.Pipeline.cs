using Highwater.Simulators.Hosting;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;


namespace Highwater.Simulators.Marketo;

public sealed partial class MarketoSimulator
{
    /// <summary>
    /// Every REST request: size limits (414, 413), then the token (601, 602: starred, counted
    /// nowhere), injected server errors (502, nothing applied), the concurrency slot (615), the
    /// daily quota (607) and the rate window (606), then the endpoint; a dropped connection is cut
    /// after the endpoint applied the request.
    /// </summary>
    private async Task HandleRestAsync(HttpContext context)
    {
        var http = context.Request;
        var target = context.Features.Get<IHttpRequestFeature>()?.RawTarget ?? http.Path.Value + http.QueryString.Value;
        if (target.Length > _options.MaxUriLength)
        {
            context.Response.StatusCode = StatusCodes.Status414UriTooLong;
            return;
        }

        var body = await ReadBodyAsync(http, context.RequestAborted);
        if (body is null)
        {
            context.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
            return;
        }

        var request = MarketoRequest.From(http, body, NextRequestId());
        var (kind, endpoint) = Route(request);
        _counter.Count(kind);
        var now = _time.GetUtcNow();
        if ((_faults.RefuseCredentials ? "601" : _tokens.Check(request.Token, now)) is { } authCode)
        {
            var message = authCode == "601" ? "Access token invalid" : "Access token expired";
            await WriteAsync(context, MarketoWire.Error(request.RequestId, authCode, message));
            return;
        }

        if (_faults.ServerError())
        {
            context.Response.StatusCode = StatusCodes.Status502BadGateway;
            context.Response.ContentType = "text/html";
            await context.Response.WriteAsync("<html><body><h1>502 Bad Gateway</h1></body></html>", context.RequestAborted);
            return;
        }

        var entered = _limiter.TryEnter();
        try
        {
            if (_limiter.Admit(now, !entered) is { } refusal)
            {
                _counter.RateLimited();
                var limitCode = refusal.Kind switch { LimitKind.Daily => "607", LimitKind.Concurrency => "615", _ => "606" };
                await WriteAsync(context, MarketoWire.Error(request.RequestId, limitCode, LimitMessage(limitCode)));
                return;
            }

            await _faults.SlowAsync(_time, context.RequestAborted);
            var answer = endpoint(request);
            if (_faults.Drop())
            {
                context.Abort();
                return;
            }

            await WriteAsync(context, answer);
        }
        finally
        {
            if (entered)
            {
                _limiter.Exit();
            }
        }
    }

    private string LimitMessage(string code) => code switch
    {
        "606" => $"Max rate limit '{_options.RateLimit}' exceeded with in '{_options.RateWindow.TotalSeconds}' secs",
        "607" => "Daily quota reached",
        _ => "Concurrent access limit reached",
    };

    /// <summary>Which endpoint answers, and the kind the request is counted as.</summary>
    private (string Kind, Func<MarketoRequest, JsonObject> Endpoint) Route(MarketoRequest request)
    {
        var method = request.Method;
        var path = request.Path;
        if (path == "/v1/leads/describe.json" && method == "GET")
        {
            return ("describe", Describe);
        }

        if (path == "/v1/leads.json")
        {
            return method switch
            {
                "GET" => ("lookup", Lookup),
                "POST" => (SyncKind(request), SyncLeads),
                "DELETE" => ("delete", DeleteLeads),
                _ => ("other", NotSupported),
            };
        }

        if (path == "/v1/leads/delete.json" && method == "POST")
        {
            return ("delete", DeleteLeads);
        }

        if (ListMembersPath(path, "/leads/ismember.json") is { } memberListId)
        {
            return method == "GET" ? ("listIsMember", r => IsMember(r, memberListId)) : ("other", NotSupported);
        }

        if (ListMembersPath(path) is { } listId)
        {
            return method switch
            {
                "GET" => ("listMembers", r => ListMembers(r, listId)),
                "POST" => ("listAdd", r => AddToList(r, listId)),
                "DELETE" => ("listRemove", r => RemoveFromList(r, listId)),
                _ => ("other", NotSupported),
            };
        }

        return (method, path) switch
        {
            ("GET", "/asset/v1/staticLists.json") => ("lists", BrowseLists),
            ("POST", "/asset/v1/staticLists.json") => ("lists", CreateList),
            ("GET", "/asset/v1/staticList/byName.json") => ("lists", ListByName),
            _ => ("other", r => MarketoWire.Error(r.RequestId, "610", "Requested resource not found")),
        };
    }

    private static string SyncKind(MarketoRequest request) => (request.Json()?["action"] as JsonValue)?.ToString() switch
    {
        "createOnly" or "createDuplicate" => "create",
        "updateOnly" => "update",
        _ => "upsert",
    };

    /// <summary>The list id of <c>/v1/lists/{id}/leads.json</c> (or another <paramref name="suffix"/>), or null.</summary>
    private static long? ListMembersPath(string path, string suffix = "/leads.json")
    {
        const string Prefix = "/v1/lists/";
        if (!path.StartsWith(Prefix, StringComparison.Ordinal) || !path.EndsWith(suffix, StringComparison.Ordinal))
        {
            return null;
        }

        var middle = path[Prefix.Length..^suffix.Length];
        return long.TryParse(middle, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var id) ? id : null;
    }

    private static JsonObject NotSupported(MarketoRequest request) =>
        MarketoWire.Error(request.RequestId, "605", "HTTP Method not supported");

    private async Task<byte[]?> ReadBodyAsync(HttpRequest http, CancellationToken ct)
    {
        if (http.ContentLength > _options.MaxBodyBytes)
        {
            return null;
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await http.Body.ReadAsync(chunk, ct)) > 0)
        {
            buffer.Write(chunk, 0, read);
            if (buffer.Length > _options.MaxBodyBytes)
            {
                return null;
            }
        }

        return buffer.ToArray();
    }

    private static async Task WriteAsync(HttpContext context, JsonObject answer, int status = StatusCodes.Status200OK)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json;charset=UTF-8";
        await context.Response.WriteAsync(answer.ToJsonString(), context.RequestAborted);
    }
}
