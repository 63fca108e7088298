using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Highwater.Simulators.Salesforce;

public sealed partial class SalesforceSimulator
{
    private const string DataPrefix = "/services/data/";
    private const string DropKey = "sim.drop";
    private const string VersionKey = "sim.version";

    private void Map(WebApplication app)
    {
        // Salesforce takes URIs up to 16,384 bytes; Kestrel's own request-line limit (8 KB) would
        // answer long queries before our check does, so it is raised and the real limit enforced below.
        var kestrel = app.Services.GetRequiredService<IOptions<KestrelServerOptions>>().Value;
        kestrel.Limits.MaxRequestLineSize = Math.Max(kestrel.Limits.MaxRequestLineSize, (_options.MaxUriAndHeaderBytes * 4) + 1024);
        kestrel.Limits.MaxRequestHeadersTotalSize = Math.Max(kestrel.Limits.MaxRequestHeadersTotalSize, (_options.MaxUriAndHeaderBytes * 4) + 1024);

        app.Use(GuardAsync);
        app.MapPost("/services/oauth2/token", TokenAsync);
        app.MapGet(DataPrefix + "{version}/query", QueryAsync);
        app.MapGet(DataPrefix + "{version}/query/{locator}", QueryMoreAsync);
        app.MapPost(DataPrefix + "{version}/composite/sobjects", CreateCollectionAsync);
        app.MapPatch(DataPrefix + "{version}/composite/sobjects", UpdateCollectionAsync);
        app.MapDelete(DataPrefix + "{version}/composite/sobjects", DeleteCollectionAsync);
        app.MapPost(DataPrefix + "{version}/sobjects/{type}", CreateOneAsync);
        app.MapGet(DataPrefix + "{version}/sobjects/{type}/describe", DescribeAsync);
        MapAdmin(app);
    }

    /// <summary>
    /// What every REST request meets before its endpoint: the URI and header size limits, the API
    /// version, the session, the rolling 24-hour allocation (<c>Sforce-Limit-Info</c> on the answer,
    /// 403 REQUEST_LIMIT_EXCEEDED when spent), then the injected faults.
    /// </summary>
    private async Task GuardAsync(HttpContext context, Func<Task> next)
    {
        var path = context.Request.Path.Value ?? "";
        if (!path.StartsWith(DataPrefix, StringComparison.Ordinal))
        {
            await next();
            return;
        }

        var target = context.Features.Get<IHttpRequestFeature>()?.RawTarget ?? path + context.Request.QueryString;
        var headerBytes = context.Request.Headers.Sum(h => h.Key.Length + h.Value.ToString().Length + 4);
        if (Encoding.UTF8.GetByteCount(target) > _options.MaxUriAndHeaderBytes)
        {
            context.Response.StatusCode = StatusCodes.Status414UriTooLong;
            await context.Response.WriteAsync("<html><body>414 URI Too Long</body></html>");
            return;
        }

        if (Encoding.UTF8.GetByteCount(target) + headerBytes > _options.MaxUriAndHeaderBytes)
        {
            context.Response.StatusCode = StatusCodes.Status431RequestHeaderFieldsTooLarge;
            await context.Response.WriteAsync("<html><body>431 Request Header Fields Too Large</body></html>");
            return;
        }

        var segment = path[DataPrefix.Length..].Split('/')[0];
        if (!segment.StartsWith('v')
            || !decimal.TryParse(segment[1..], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var version)
            || version < _options.MinApiVersion
            || !segment.Contains('.', StringComparison.Ordinal))
        {
            await AnswerAsync(context, StatusCodes.Status404NotFound, Error("NOT_FOUND", "The requested resource does not exist"));
            return;
        }

        context.Items[VersionKey] = segment;
        string? usage;
        bool drop, fail;
        int slow;
        lock (_lock)
        {
            if (!SessionValid(context.Request.Headers.Authorization.ToString()))
            {
                usage = null;
            }
            else if (_limiter.Admit(_time.GetUtcNow()) is not null)
            {
                _counter.RateLimited();
                usage = "spent";
            }
            else
            {
                usage = "ok";
            }

            fail = usage == "ok" && _faults.ServerError();
            drop = usage == "ok" && !fail && _faults.Drop();
            slow = _faults.SlowMillis;
            context.Response.Headers["Sforce-Limit-Info"] = string.Create(CultureInfo.InvariantCulture, $"api-usage={_limiter.UsedToday(_time.GetUtcNow())}/{_limiter.DailyQuota}");
        }

        if (usage is null)
        {
            context.Response.Headers.Remove("Sforce-Limit-Info");
            context.Response.Headers.WWWAuthenticate = "Token";
            await AnswerAsync(context, StatusCodes.Status401Unauthorized, Error("INVALID_SESSION_ID", "Session expired or invalid"));
            return;
        }

        if (usage == "spent")
        {
            await AnswerAsync(context, StatusCodes.Status403Forbidden, Error("REQUEST_LIMIT_EXCEEDED", "TotalRequests Limit exceeded."));
            return;
        }

        if (slow > 0)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(slow), _time, context.RequestAborted);
        }

        if (fail)
        {
            await AnswerAsync(context, StatusCodes.Status500InternalServerError, Error(
                "UNKNOWN_EXCEPTION",
                "An unexpected error occurred. Please include this ErrorId if you contact support: 1947112466-27913 (-1271356093)"));
            return;
        }

        if (drop)
        {
            context.Items[DropKey] = true;
        }

        await next();
    }

    private bool SessionValid(string authorization)
    {
        var token = authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? authorization[7..].Trim()
            : authorization.StartsWith("OAuth ", StringComparison.OrdinalIgnoreCase) ? authorization[6..].Trim()
            : null;
        return token is not null && _sessions.TryGetValue(token, out var expires) && _time.GetUtcNow() < expires;
    }

    /// <summary>
    /// The OAuth 2.0 client-credentials flow: <c>grant_type=client_credentials</c> with the
    /// connected app's key and secret in the form or in HTTP Basic. Not an API request: it does
    /// not count against the allocation.
    /// </summary>
    private async Task TokenAsync(HttpContext context)
    {
        Count("auth");
        if (!context.Request.HasFormContentType)
        {
            await AnswerAsync(context, StatusCodes.Status400BadRequest, OAuthError("invalid_request", "grant type is missing"));
            return;
        }

        var form = await context.Request.ReadFormAsync(context.RequestAborted);
        string? clientId = form["client_id"], clientSecret = form["client_secret"];
        var basic = context.Request.Headers.Authorization.ToString();
        if (basic.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase))
        {
            var pair = Encoding.UTF8.GetString(Convert.FromBase64String(basic[6..].Trim()));
            var colon = pair.IndexOf(':', StringComparison.Ordinal);
            if (colon > 0)
            {
                clientId = Uri.UnescapeDataString(pair[..colon]);
                clientSecret = Uri.UnescapeDataString(pair[(colon + 1)..]);
            }
        }

        string? grant = form["grant_type"];
        if (string.IsNullOrEmpty(grant))
        {
            await AnswerAsync(context, StatusCodes.Status400BadRequest, OAuthError("invalid_request", "grant type is missing"));
            return;
        }

        if (grant != "client_credentials")
        {
            await AnswerAsync(context, StatusCodes.Status400BadRequest, OAuthError("unsupported_grant_type", "grant type not supported"));
            return;
        }

        if (!FixedEquals(clientId, _options.ClientId))
        {
            await AnswerAsync(context, StatusCodes.Status400BadRequest, OAuthError("invalid_client_id", "client identifier invalid"));
            return;
        }

        if (!FixedEquals(clientSecret, _options.ClientSecret) || _faults.RefuseCredentials)
        {
            await AnswerAsync(context, StatusCodes.Status400BadRequest, OAuthError("invalid_client", "invalid client credentials"));
            return;
        }

        string token;
        var now = _time.GetUtcNow();
        lock (_lock)
        {
            var secret = new byte[72];
            _faults.NextBytes(secret);
            token = $"00D8c000000Hw1D!AQ{++_tokens:x4}{Convert.ToBase64String(secret).Replace('+', '.').Replace('/', '_').TrimEnd('=')}";
            _sessions[token] = now + _options.SessionLifetime;
        }

        var instance = BaseAddress.ToString().TrimEnd('/');
        var issued = now.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);
        await AnswerAsync(context, StatusCodes.Status200OK, new JsonObject
        {
            ["access_token"] = token,
            ["signature"] = Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(issued + token))),
            ["scope"] = "api",
            ["instance_url"] = instance,
            ["id"] = $"{instance}/id/00D8c000000Hw1DEAS/0058c000000Ab1CAAS",
            ["token_type"] = "Bearer",
            ["issued_at"] = issued,
        });
    }

    private static bool FixedEquals(string? given, string expected) =>
        given is not null && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(given), Encoding.UTF8.GetBytes(expected));

    /// <summary>Writes a JSON answer, or drops the connection instead when the fault says so (after the work is done).</summary>
    private static async Task AnswerAsync(HttpContext context, int status, JsonNode body)
    {
        if (context.Items.ContainsKey(DropKey))
        {
            context.Abort();
            return;
        }

        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json;charset=UTF-8";
        await context.Response.WriteAsync(body.ToJsonString(), context.RequestAborted);
    }

    /// <summary>The REST error shape: <c>[{"message":"..","errorCode":".."}]</c>.</summary>
    private static JsonArray Error(string code, string message) => [new JsonObject { ["message"] = message, ["errorCode"] = code }];

    private static JsonObject OAuthError(string error, string description) => new() { ["error"] = error, ["error_description"] = description };

    private static string Version(HttpContext context) => (string)context.Items[VersionKey]!;
}
