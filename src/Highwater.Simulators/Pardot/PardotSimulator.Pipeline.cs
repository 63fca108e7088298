using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace Highwater.Simulators.Pardot;

public sealed partial class PardotSimulator
{
    /// <summary>
    /// Every API request: its credentials (184, 181, 201; counted nowhere), injected server errors
    /// (HTTP 500, nothing applied), the concurrency slot (66) and the day's calls (122), then the
    /// endpoint; a dropped connection is cut after the endpoint applied the request. v4 answers
    /// fail in the <c>@attributes</c> envelope, v5 answers in <c>{"code","message"}</c>.
    /// </summary>
    private async Task HandleApiAsync(HttpContext context)
    {
        var request = await PardotRequest.ReadAsync(context.Request, context.RequestAborted);
        var (kind, endpoint) = Route(request);
        _counter.Count(kind);
        var now = _time.GetUtcNow();
        if (CheckCredentials(context.Request, now) is { } authCode)
        {
            var status = authCode == 181 ? StatusCodes.Status400BadRequest : StatusCodes.Status401Unauthorized;
            await WriteAsync(context, request.IsV5 ? PardotAnswer.V5Fail(authCode, status) : PardotAnswer.Fail(authCode, status: status));
            return;
        }

        if (_faults.ServerError())
        {
            context.Response.StatusCode = StatusCodes.Status500InternalServerError;
            context.Response.ContentType = "text/html";
            await context.Response.WriteAsync("<html><body><h1>500 Internal Server Error</h1></body></html>", context.RequestAborted);
            return;
        }

        var entered = _limiter.TryEnter();
        try
        {
            // Concurrency first (66), then the day (122), which a refused call does not count toward.
            var limit = entered ? (_limiter.Admit(now) is null ? (int?)null : 122) : 66;
            if (limit is { } code)
            {
                _counter.RateLimited();
                await WriteAsync(context, request.IsV5 ? PardotAnswer.V5Fail(code, _options.LimitStatus) : PardotAnswer.Fail(code, status: _options.LimitStatus));
                return;
            }

            await _faults.SlowAsync(_time, context.RequestAborted);

            PardotAnswer answer;
            lock (_store.Gate)
            {
                AdvanceImports(now);
                answer = endpoint(request);
            }

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

    /// <summary>Which endpoint answers, and the kind the request is counted as.</summary>
    private (string Kind, Func<PardotRequest, PardotAnswer> Endpoint) Route(PardotRequest request)
    {
        var path = request.Path;
        var method = request.Method;
        if (path.StartsWith("/v5/imports", StringComparison.Ordinal))
        {
            return ("import", ImportEndpoint(request));
        }

        const string Prospect = "/prospect/version/4/do/";
        if (path.StartsWith(Prospect, StringComparison.Ordinal))
        {
            var action = path[Prospect.Length..];
            if (action.StartsWith("read/email/", StringComparison.Ordinal))
            {
                return ("lookup", r => ReadByEmail(r, Uri.UnescapeDataString(action["read/email/".Length..])));
            }

            if (action.StartsWith("read/id/", StringComparison.Ordinal))
            {
                return ("read", r => ReadById(r, action["read/id/".Length..]));
            }

            if (action.StartsWith("delete/id/", StringComparison.Ordinal) && method is "POST" or "DELETE")
            {
                return ("delete", _ => Delete(action["delete/id/".Length..]));
            }

            return action switch
            {
                "batchUpsert" when method == "POST" => ("upsert", BatchUpsert),
                "query" => ("query", QueryProspects),
                _ => ("other", _ => PardotAnswer.Fail(2)),
            };
        }

        return (method, path) switch
        {
            (_, "/list/version/4/do/query") => ("lists", QueryLists),
            ("POST", "/list/version/4/do/create") => ("lists", CreateList),
            (_, "/listMembership/version/4/do/query") => ("listMembers", QueryMemberships),
            _ => ("other", r => r.IsV5 ? PardotAnswer.V5Fail(2, 404) : PardotAnswer.Fail(2)),
        };
    }

    private static async Task WriteAsync(HttpContext context, PardotAnswer answer)
    {
        context.Response.StatusCode = answer.Status;
        context.Response.ContentType = answer.ContentType;
        if (answer.Json is not null)
        {
            await context.Response.WriteAsync(answer.Json.ToJsonString(), context.RequestAborted);
        }
        else if (answer.Text is { Length: > 0 } text)
        {
            await context.Response.WriteAsync(text, context.RequestAborted);
        }
    }

    private static Task WriteJsonAsync(HttpContext context, JsonObject json, int status = StatusCodes.Status200OK) =>
        WriteAsync(context, new PardotAnswer(status, json));
}
