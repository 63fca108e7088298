using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace Highwater.Simulators.Pardot;

public sealed partial class PardotSimulator
{
    /// <summary>
    /// <c>POST /services/oauth2/token</c> (Salesforce OAuth, client-credentials flow): a new session
    /// that lives <see cref="PardotSimulatorOptions.SessionLifetime"/>; bad credentials are HTTP 400
    /// <c>invalid_client</c>, as Salesforce answers them. Counted as <c>auth</c>, never against the quota.
    /// </summary>
    private async Task HandleTokenAsync(HttpContext context)
    {
        _counter.Count("auth");
        var form = context.Request.HasFormContentType ? await context.Request.ReadFormAsync(context.RequestAborted) : null;
        string? Field(string name) => form?[name].ToString() ?? context.Request.Query[name].ToString();
        if (Field("grant_type") != "client_credentials" || Field("client_id") != _options.ClientId || Field("client_secret") != _options.ClientSecret || _faults.RefuseCredentials)
        {
            await WriteJsonAsync(context, new JsonObject { ["error"] = "invalid_client", ["error_description"] = "invalid client credentials" }, StatusCodes.Status400BadRequest);
            return;
        }

        var now = _time.GetUtcNow();
        var token = "00D5g000004Sim1!" + Convert.ToHexString(RandomNumberGenerator.GetBytes(24));
        lock (_sessions)
        {
            _sessions[token] = now + _options.SessionLifetime;
        }

        var root = BaseAddress.AbsoluteUri.TrimEnd('/');
        await WriteJsonAsync(context, new JsonObject
        {
            ["access_token"] = token,
            ["signature"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
            ["scope"] = "pardot_api api",
            ["instance_url"] = root,
            ["id"] = $"{root}/id/00D5g000004Sim1EAA/0055g00000Sim1AAA",
            ["token_type"] = "Bearer",
            ["issued_at"] = now.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture),
        });
    }

    /// <summary>The code that refuses the request's credentials (184 token, 181 no business unit, 201 another one), or null.</summary>
    private int? CheckCredentials(HttpRequest http, DateTimeOffset now)
    {
        var authorization = http.Headers.Authorization.ToString();
        var token = authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? authorization[7..].Trim() : null;
        lock (_sessions)
        {
            if (token is null || !_sessions.TryGetValue(token, out var expires) || now >= expires)
            {
                return 184;
            }
        }

        var unit = http.Headers["Pardot-Business-Unit-Id"].ToString();
        return unit.Length == 0 ? 181 : unit != _options.BusinessUnitId ? 201 : null;
    }
}
