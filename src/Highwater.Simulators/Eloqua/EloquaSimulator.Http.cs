using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Highwater.Simulators.Eloqua;

public sealed partial class EloquaSimulator
{
    private const string DropKey = "sim.drop";

    private void Map(WebApplication app)
    {
        app.Use(GuardAsync);
        app.MapGet("/id", LoginInfoAsync);
        MapRest(app);
        MapBulk(app);
        MapAdmin(app);
    }

    /// <summary>
    /// What every API request meets before its endpoint: Basic authentication (401), the daily call
    /// limit when one is set and the REST rate window (429 with Retry-After), then the injected
    /// faults (503 before applying; a dropped connection after).
    /// </summary>
    private async Task GuardAsync(HttpContext context, Func<Task> next)
    {
        var path = context.Request.Path.Value ?? "";
        var isApi = path.StartsWith("/api/", StringComparison.OrdinalIgnoreCase);
        if (!isApi && !string.Equals(path, "/id", StringComparison.OrdinalIgnoreCase))
        {
            await next();
            return;
        }

        if (!Authenticated(context.Request))
        {
            if (isApi)
            {
                context.Response.StatusCode = StatusCodes.Status401Unauthorized;
                context.Response.ContentType = "text/plain";
                await context.Response.WriteAsync("Not authenticated.");
                return;
            }

            // The login service answers a bad login with HTTP 200 and this JSON string.
            await WriteAsync(context, StatusCodes.Status200OK, JsonValue.Create("Not authenticated."));
            return;
        }

        if (!isApi)
        {
            await next();
            return;
        }

        int delay;
        lock (_lock)
        {
            var now = _time.GetUtcNow();

            // The contract's day first, then the REST window (Bulk calls do not meet it); a refused call counts toward neither.
            if (_limiter.Admit(now, windows: path.StartsWith("/api/rest/", StringComparison.OrdinalIgnoreCase)) is { } refusal)
            {
                _counter.RateLimited();
                TooMany(context, refusal.RetryAfter);
                return;
            }

            if (_faults.ServerError())
            {
                context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
                return;
            }

            if (_faults.Drop())
            {
                context.Items[DropKey] = true;
            }

            delay = _faults.SlowMillis;
        }

        if (delay > 0)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(delay), _time, context.RequestAborted);
        }

        await next();
    }

    private static void TooMany(HttpContext context, TimeSpan retryAfter)
    {
        context.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        context.Response.Headers.RetryAfter = Math.Max(1, (long)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
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

        string decoded;
        try
        {
            decoded = Encoding.UTF8.GetString(Convert.FromBase64String(header[6..].Trim()));
        }
        catch (FormatException)
        {
            return false;
        }

        return string.Equals(decoded, $"{_options.Company}\\{_options.Username}:{_options.Password}", StringComparison.Ordinal);
    }

    /// <summary><c>GET /id</c> on the login service: the site, the user and the pod's base URL (this simulator).</summary>
    private async Task LoginInfoAsync(HttpContext context)
    {
        lock (_lock)
        {
            Count("id");
        }

        var host = $"{context.Request.Scheme}://{context.Request.Host}";
        var body = new JsonObject
        {
            ["site"] = new JsonObject { ["id"] = 734972267, ["name"] = _options.Company },
            ["user"] = new JsonObject
            {
                ["id"] = 222,
                ["username"] = _options.Username,
                ["displayName"] = _options.Username,
                ["firstName"] = "Api",
                ["lastName"] = "User",
                ["emailAddress"] = "api.user@highwater.test",
            },
            ["urls"] = new JsonObject
            {
                ["base"] = host,
                ["apis"] = new JsonObject
                {
                    ["soap"] = new JsonObject { ["standard"] = host + "/API/{version}/Service.svc" },
                    ["rest"] = new JsonObject
                    {
                        ["standard"] = host + "/API/REST/{version}/",
                        ["bulk"] = host + "/API/Bulk/{version}/",
                    },
                },
            },
        };
        await WriteAsync(context, StatusCodes.Status200OK, body);
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
            context.Response.ContentType = "application/json; charset=utf-8";
            await context.Response.WriteAsync(body.ToJsonString(), context.RequestAborted);
        }
    }

    /// <summary>The Bulk API's validation failure (HTTP 400): <c>{"failures":[{"field","value","constraint"}]}</c>.</summary>
    private static JsonObject Failure(string field, string? value, string constraint) => new()
    {
        ["failures"] = new JsonArray(new JsonObject { ["field"] = field, ["value"] = value, ["constraint"] = constraint }),
    };

    /// <summary>The REST API's validation error (HTTP 400): an array of ObjectValidationError.</summary>
    private static JsonArray ValidationError(string objectType, string? objectId, string property, string requirement, string? value) => new(new JsonObject
    {
        ["type"] = "ObjectValidationError",
        ["container"] = new JsonObject { ["type"] = "ObjectKey", ["objectId"] = objectId, ["objectType"] = objectType },
        ["property"] = property,
        ["requirement"] = new JsonObject { ["type"] = requirement },
        ["value"] = value,
    });

    private static async Task<JsonNode?> ReadJsonAsync(HttpContext context)
    {
        try
        {
            return await JsonNode.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted);
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }

    private static bool IsEmail(string? value) =>
        value is { Length: > 2 } v && v.IndexOf('@', StringComparison.Ordinal) is var at && at > 0 && at < v.Length - 1
        && v.IndexOf('.', at) > at + 1 && !v.Any(char.IsWhiteSpace) && v.Count(c => c == '@') == 1 && !v.EndsWith('.');
}
