using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Highwater.Simulators.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Highwater.Simulators.Mailchimp;

public sealed partial class MailchimpSimulator
{
    private const string ErrorsDoc = "https://mailchimp.com/developer/marketing/docs/errors/";

    private void Map(WebApplication app)
    {
        app.Map("/3.0/{**path}", ServeAsync);
        app.MapGet("/batch-results/{id}", ServeResultsAsync);
        SimulatorAdmin.Map(app, this);
    }

    /// <summary>
    /// One API request: it holds one of the user's connections while it is answered (one over 10 is
    /// answered 429 at once), then meets the key (401), the injected faults (500 before applying; a
    /// slow answer; a dropped connection after applying), and its endpoint.
    /// </summary>
    private async Task ServeAsync(HttpContext context)
    {
        var entered = _limiter.TryEnter();
        try
        {
            var held = _limiter.InFlight + Volatile.Read(ref _otherConnections);
            if (_limiter.Admit(_time.GetUtcNow(), concurrencyExceeded: !entered || held > _options.MaxConnections) is not null)
            {
                _counter.RateLimited();
                await WriteAsync(context, new MailchimpSimAnswer(429, Problem(429, "Too Many Requests", $"You have exceeded the limit of {_options.MaxConnections} simultaneous connections.")), drop: false);
                return;
            }

            NoteConnections(held);
            if (!Authenticated(context.Request))
            {
                await WriteAsync(context, new MailchimpSimAnswer(401, Problem(401, "API Key Invalid", "Your API key may be invalid, or you've attempted to access the wrong datacenter.")), drop: false);
                return;
            }

            var fail = _faults.ServerError();
            var drop = !fail && _faults.Drop();
            await _faults.SlowAsync(_time, context.RequestAborted);
            if (fail)
            {
                await WriteAsync(context, new MailchimpSimAnswer(500, Problem(500, "Internal Server Error", "An unexpected internal error has occurred. Please contact Support for more information.")), drop: false);
                return;
            }

            JsonObject? body = null;
            if (context.Request.ContentLength is > 0 || context.Request.Headers.TransferEncoding.Count > 0)
            {
                try
                {
                    body = await JsonNode.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted) as JsonObject;
                }
                catch (System.Text.Json.JsonException)
                {
                    await WriteAsync(context, new MailchimpSimAnswer(400, Problem(400, "JSON Parse Error", "We encountered an unspecified JSON parsing error.")), drop: false);
                    return;
                }
            }

            var path = (string?)context.Request.RouteValues["path"] ?? "";
            var query = context.Request.Query.ToDictionary(q => q.Key, q => q.Value.ToString(), StringComparer.Ordinal);
            MailchimpSimAnswer answer;
            lock (_lock)
            {
                answer = Dispatch(context.Request.Method, path, query, body, inBatch: false);
            }

            await WriteAsync(context, answer, drop);
        }
        finally
        {
            if (entered)
            {
                _limiter.Exit();
            }
        }
    }

    /// <summary>Keeps the most API requests in progress at once.</summary>
    private void NoteConnections(int held)
    {
        var most = Volatile.Read(ref _mostConnections);
        while (held > most && Interlocked.CompareExchange(ref _mostConnections, held, most) is var seen && seen != most)
        {
            most = seen;
        }
    }

    /// <summary>A finished Batch Operation's results: the gzipped tar a pre-signed link serves, no credentials asked.</summary>
    private async Task ServeResultsAsync(HttpContext context, string id)
    {
        byte[]? archive;
        lock (_lock)
        {
            Count("batchResults");
            archive = _batches.GetValueOrDefault(id.EndsWith(".tar.gz", StringComparison.Ordinal) ? id[..^7] : id)?.Archive;
        }

        if (archive is null)
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }

        context.Response.ContentType = "application/x-gzip";
        await context.Response.Body.WriteAsync(archive, context.RequestAborted);
    }

    private bool Authenticated(HttpRequest request)
    {
        if (_faults.RefuseCredentials)
        {
            return false;
        }

        var header = request.Headers.Authorization.ToString();
        if (!header.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        try
        {
            var pair = Encoding.UTF8.GetString(Convert.FromBase64String(header[6..].Trim()));
            var colon = pair.IndexOf(':', StringComparison.Ordinal);
            return colon >= 0 && string.Equals(pair[(colon + 1)..], _options.ApiKey, StringComparison.Ordinal);
        }
        catch (FormatException)
        {
            return false;
        }
    }

    /// <summary>Writes an answer, or cuts the connection when the request was picked to be dropped (it was applied).</summary>
    private static async Task WriteAsync(HttpContext context, MailchimpSimAnswer answer, bool drop)
    {
        if (drop)
        {
            context.Abort();
            return;
        }

        context.Response.StatusCode = answer.Status;
        if (answer.Body is not null)
        {
            context.Response.ContentType = answer.Status >= 400 ? "application/problem+json; charset=utf-8" : "application/json; charset=utf-8";
            await context.Response.WriteAsync(answer.Body.ToJsonString(), context.RequestAborted);
        }
    }

    /// <summary>Mailchimp's error body, an RFC 7807 problem detail.</summary>
    private JsonObject Problem(int status, string title, string detail, JsonArray? errors = null)
    {
        var problem = new JsonObject
        {
            ["type"] = ErrorsDoc,
            ["title"] = title,
            ["status"] = status,
            ["detail"] = detail,
            ["instance"] = string.Create(CultureInfo.InvariantCulture, $"{Guid.CreateVersion7(_time.GetUtcNow())}"),
        };
        if (errors is not null)
        {
            problem["errors"] = errors;
        }

        return problem;
    }

    private static string? Str(JsonNode? node) => node is JsonValue v && v.TryGetValue<string>(out var s) ? s : node is JsonValue other ? other.ToJsonString() : null;
}
