using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Highwater.Simulators.HubSpot;

public sealed partial class HubSpotSimulator
{
    /// <summary>OAuth access tokens issued so far (tests count refreshes by it).</summary>
    public int OAuthTokensIssued
    {
        get
        {
            lock (_lock)
            {
                return _oauthTokens.Count;
            }
        }
    }

    /// <summary>The OAuth access tokens issued so far (tests look for them where no secret may be).</summary>
    public IReadOnlyList<string> IssuedOAuthTokens()
    {
        lock (_lock)
        {
            return [.. _oauthTokens.Keys];
        }
    }

    /// <summary>Ends every OAuth access token issued so far: the next API request with one is answered 401 <c>EXPIRED_AUTHENTICATION</c>.</summary>
    public void ExpireOAuthTokens()
    {
        lock (_lock)
        {
            var now = _time.GetUtcNow();
            foreach (var token in _oauthTokens.Keys.ToList())
            {
                _oauthTokens[token] = now;
            }
        }
    }

    /// <summary>
    /// <c>POST /oauth/v1/token</c>, form-encoded, <c>grant_type=refresh_token</c> with the app's
    /// <c>client_id</c> and <c>client_secret</c> and the account's <c>refresh_token</c>: a new access
    /// token (<c>access_token</c>, <c>refresh_token</c>, <c>token_type</c> bearer, <c>expires_in</c>
    /// seconds). A wrong client answers 400 <c>BAD_CLIENT_ID</c>; a wrong refresh token, or any while
    /// credentials are refused (the app uninstalled), 400 <c>BAD_REFRESH_TOKEN</c>. Neither limit counts it.
    /// </summary>
    private void MapOAuth(WebApplication app) => app.MapPost("/oauth/v1/token", (RequestDelegate)(async context =>
    {
        var form = context.Request.HasFormContentType ? await context.Request.ReadFormAsync(context.RequestAborted) : null;
        string? Field(string name) => form?[name].FirstOrDefault();
        JsonObject answer;
        var status = StatusCodes.Status400BadRequest;
        if (Field("grant_type") != "refresh_token")
        {
            answer = TokenError("BAD_GRANT_TYPE", "grant_type must be refresh_token or authorization_code");
        }
        else if (!FixedEquals(Field("client_id"), _options.ClientId) || !FixedEquals(Field("client_secret"), _options.ClientSecret))
        {
            answer = TokenError("BAD_CLIENT_ID", "missing or unknown client id, or a client secret that does not match it");
        }
        else if (!FixedEquals(Field("refresh_token"), _options.RefreshToken) || _faults.RefuseCredentials)
        {
            answer = TokenError("BAD_REFRESH_TOKEN", "missing or invalid refresh token");
        }
        else
        {
            status = StatusCodes.Status200OK;
            answer = new JsonObject
            {
                ["token_type"] = "bearer",
                ["refresh_token"] = _options.RefreshToken,
                ["access_token"] = IssueOAuthToken(),
                ["expires_in"] = (long)_options.AccessTokenLifetime.TotalSeconds,
            };
        }

        Count("auth");
        await WriteAsync(context, status, answer);
    }));

    private string IssueOAuthToken()
    {
        lock (_lock)
        {
            var token = string.Create(CultureInfo.InvariantCulture, $"CKsim{_oauthTokens.Count + 1:x4}{Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(_options.RefreshToken + _oauthTokens.Count)))[..32]}");
            _oauthTokens[token] = _time.GetUtcNow() + _options.AccessTokenLifetime;
            return token;
        }
    }

    private JsonObject TokenError(string status, string message) => new()
    {
        ["status"] = status,
        ["message"] = message,
        ["correlationId"] = CorrelationId(),
    };

    private static bool FixedEquals(string? given, string expected) =>
        given is not null && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(given), Encoding.UTF8.GetBytes(expected));
}
