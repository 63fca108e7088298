using System.Globalization;
using System.Text.Json.Nodes;
using Highwater.Simulators.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Highwater.Simulators.HubSpot;

public sealed partial class HubSpotSimulator
{
    private const string DropKey = "sim.drop";
    private static readonly TimeSpan BurstWindow = TimeSpan.FromSeconds(10);

    private void Map(WebApplication app)
    {
        app.Use(GuardAsync);
        MapOAuth(app);
        MapContacts(app);
        MapLists(app);
        MapAdmin(app);
    }

    /// <summary>
    /// What every API request meets before its endpoint: the Bearer token (401), the daily limit,
    /// search's per-second limit or the rolling 10-second limit (429 with the policy's name), then the
    /// rate-limit headers and the injected faults (502 before applying; a dropped connection after).
    /// </summary>
    private async Task GuardAsync(HttpContext context, Func<Task> next)
    {
        var path = context.Request.Path.Value ?? "";
        if (!path.StartsWith("/crm/", StringComparison.OrdinalIgnoreCase))
        {
            await next();
            return;
        }

        if (Unauthenticated(context.Request) is { } refused)
        {
            await WriteAsync(context, StatusCodes.Status401Unauthorized, refused);
            return;
        }

        var search = path.EndsWith("/search", StringComparison.OrdinalIgnoreCase);
        JsonObject? refusal = null;
        lock (_lock)
        {
            var now = _time.GetUtcNow();
            Prune(_burst, now - BurstWindow);
            var policy = Admit(now, search);
            if (policy is not null)
            {
                _counter.RateLimited();
                refusal = new JsonObject
                {
                    ["status"] = "error",
                    ["message"] = $"You have reached your {policy.ToLowerInvariant()} limit.",
                    ["errorType"] = "RATE_LIMIT",
                    ["correlationId"] = CorrelationId(),
                    ["policyName"] = policy,
                    ["requestId"] = CorrelationId(),
                };
            }
            else
            {
                if (!search)
                {
                    _burst.Enqueue(now);
                }

                if (_faults.ServerError())
                {
                    refusal = Error("An internal error occurred.", "INTERNAL_ERROR");
                }
                else if (_faults.Drop())
                {
                    context.Items[DropKey] = true;
                }
            }

            if (!search)
            {
                Headers(context.Response, now);
            }
        }

        if (refusal is not null)
        {
            var limited = refusal["policyName"] is not null;
            await WriteAsync(context, limited ? StatusCodes.Status429TooManyRequests : StatusCodes.Status502BadGateway, refusal);
            return;
        }

        await _faults.SlowAsync(_time, context.RequestAborted);
        await next();
    }

    /// <summary>
    /// Counts one request against the day and its window, or names the policy that refuses it: the
    /// day first, then search's second or the rolling 10 seconds. A refused request counts toward none.
    /// </summary>
    private string? Admit(DateTimeOffset now, bool search)
    {
        if (!search)
        {
            return _limiter.Admit(now) is { } refusal ? (refusal.Kind == LimitKind.Daily ? "DAILY" : "TEN_SECONDLY_ROLLING") : null;
        }

        if (_limiter.UsedToday(now) >= _dailyLimit)
        {
            return "DAILY";
        }

        if (_searchLimiter.Admit(now) is not null)
        {
            return "SECONDLY";
        }

        _ = _limiter.Admit(now, windows: false);
        return null;
    }

    /// <summary>The <c>X-HubSpot-RateLimit-*</c> headers: the day's limit and what is left of it, the 10-second window's, and a tenth of it per second.</summary>
    private void Headers(HttpResponse response, DateTimeOffset now)
    {
        var lastSecond = _burst.Count(t => t > now - TimeSpan.FromSeconds(1));
        var secondly = Math.Max(1, _tenSecondLimit / 10);
        response.Headers["X-HubSpot-RateLimit-Daily"] = Text(_dailyLimit);
        response.Headers["X-HubSpot-RateLimit-Daily-Remaining"] = Text(Math.Max(0, _dailyLimit - _limiter.UsedToday(now)));
        response.Headers["X-HubSpot-RateLimit-Interval-Milliseconds"] = "10000";
        response.Headers["X-HubSpot-RateLimit-Max"] = Text(_tenSecondLimit);
        response.Headers["X-HubSpot-RateLimit-Remaining"] = Text(Math.Max(0, _tenSecondLimit - _burst.Count));
        response.Headers["X-HubSpot-RateLimit-Secondly"] = Text(secondly);
        response.Headers["X-HubSpot-RateLimit-Secondly-Remaining"] = Text(Math.Max(0, secondly - lastSecond));
    }

    private static void Prune(Queue<DateTimeOffset> calls, DateTimeOffset before)
    {
        while (calls.Count > 0 && calls.Peek() <= before)
        {
            calls.Dequeue();
        }
    }

    /// <summary>
    /// Null for the private app's token or an OAuth access token still running; otherwise HubSpot's
    /// 401 body: <c>EXPIRED_AUTHENTICATION</c> for an OAuth token that ran out,
    /// <c>INVALID_AUTHENTICATION</c> for anything else (and for every token while credentials are refused).
    /// </summary>
    private JsonObject? Unauthenticated(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        var token = header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? header[7..].Trim() : null;
        if (!_faults.RefuseCredentials && token is not null)
        {
            if (string.Equals(token, _options.AccessToken, StringComparison.Ordinal))
            {
                return null;
            }

            lock (_lock)
            {
                if (_oauthTokens.TryGetValue(token, out var expires))
                {
                    var now = _time.GetUtcNow();
                    if (now < expires)
                    {
                        return null;
                    }

                    var ago = Math.Max(0, (int)(now - expires).TotalMinutes);
                    return Error($"The OAuth token used to make this call expired {ago} minute(s) ago.", "EXPIRED_AUTHENTICATION");
                }
            }
        }

        return Error(
            "Authentication credentials not found. This API supports OAuth 2.0 authentication and you can find more details at https://developers.hubspot.com/docs/methods/auth/oauth-overview",
            "INVALID_AUTHENTICATION");
    }

    /// <summary>Writes a JSON answer, or cuts the connection when the request was picked to be dropped (it was applied).</summary>
    private static async Task WriteAsync(HttpContext context, int status, JsonNode? body)
    {
        if (context.Items.ContainsKey(DropKey))
        {
            context.Abort();
            return;
        }

        context.Response.StatusCode = status;
        if (body is not null)
        {
            context.Response.ContentType = "application/json;charset=utf-8";
            await context.Response.WriteAsync(body.ToJsonString(), context.RequestAborted);
        }
    }

    /// <summary>HubSpot's error body (<c>Error</c>): status, message, correlationId, category, and optional details.</summary>
    private JsonObject Error(string message, string category, JsonObject? context = null)
    {
        var error = new JsonObject
        {
            ["status"] = "error",
            ["message"] = message,
            ["correlationId"] = CorrelationId(),
            ["category"] = category,
        };
        if (context is not null)
        {
            error["context"] = context;
        }

        return error;
    }

    private static async Task<JsonObject?> ReadObjectAsync(HttpContext context)
    {
        try
        {
            return await JsonNode.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted) as JsonObject;
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }

    private static string? Str(JsonNode? node) => node is JsonValue v && v.TryGetValue<string>(out var s) ? s : node is JsonValue other ? other.ToJsonString() : null;

    private static string Text(long n) => n.ToString(CultureInfo.InvariantCulture);

    private static bool IsEmail(string? value) =>
        value is { Length: > 2 } v && v.IndexOf('@', StringComparison.Ordinal) is var at && at > 0 && at < v.Length - 1
        && v.IndexOf('.', at) > at + 1 && !v.Any(char.IsWhiteSpace) && v.Count(c => c == '@') == 1 && !v.EndsWith('.');
}
