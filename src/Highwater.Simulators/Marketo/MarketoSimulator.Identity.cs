using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace Highwater.Simulators.Marketo;

public sealed partial class MarketoSimulator
{
    /// <summary>
    /// <c>GET|POST /identity/oauth/token?grant_type=client_credentials&amp;client_id&amp;client_secret</c>:
    /// the current token with its remaining lifetime, or a new one; bad credentials are HTTP 401.
    /// Counted as <c>auth</c>; never against the quota.
    /// </summary>
    private async Task HandleTokenAsync(HttpContext context)
    {
        _counter.Count("auth");
        var body = await ReadBodyAsync(context.Request, context.RequestAborted) ?? [];
        var request = MarketoRequest.From(context.Request, body, NextRequestId());
        var good = request.Param("grant_type") == "client_credentials"
            && request.Param("client_id") == _options.ClientId
            && request.Param("client_secret") == _options.ClientSecret
            && !_faults.RefuseCredentials;
        if (!good)
        {
            // The identity service's own error shape (Spring OAuth), not the REST envelope.
            await WriteAsync(context, new JsonObject { ["error"] = "invalid_client", ["error_description"] = "Bad client credentials" }, StatusCodes.Status401Unauthorized);
            return;
        }

        var (token, remaining) = _tokens.Issue(_time.GetUtcNow(), _options.TokenLifetime);
        context.Response.Headers.CacheControl = "no-store";
        await WriteAsync(context, new JsonObject
        {
            ["access_token"] = token,
            ["token_type"] = "bearer",
            ["expires_in"] = (long)Math.Floor(remaining.TotalSeconds),
            ["scope"] = _options.Scope,
        });
    }
}
