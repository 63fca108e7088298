using System.Globalization;
using Highwater.Connectors.Transport;
using Highwater.Core.Connectors;

namespace Highwater.Connectors.HubSpot;

/// <summary>
/// HubSpot's OAuth for the shared transport: the app's refresh token exchanged for an access token
/// (<c>POST /oauth/v1/token</c>, form-encoded <c>grant_type=refresh_token</c>, <c>client_id</c>,
/// <c>client_secret</c>, <c>refresh_token</c>; answered <c>access_token</c>, <c>refresh_token</c>,
/// <c>expires_in</c> seconds, 1,800 as HubSpot issues them), kept until
/// <see cref="HubSpotConnectorOptions.RefreshMargin"/> before it runs out and taken afresh when an
/// API request is refused with 401. A refresh token HubSpot no longer honours (the app uninstalled,
/// a wrong client) is answered 400 <c>BAD_REFRESH_TOKEN</c> or <c>BAD_CLIENT_ID</c>: the credentials are refused.
/// </summary>
internal sealed class HubSpotOAuth : ITransportAuthenticator
{
    /// <summary>The token endpoint, under the API's base URL.</summary>
    public const string TokenPath = "oauth/v1/token";

    private readonly ServiceTransport _tokenTransport;
    private readonly HubSpotConnectorOptions _options;
    private readonly TimeProvider _time;
    private readonly ExpiringCredentials<ExpiringBearerCredential> _tokens;

    // The refresh token HubSpot last handed back (the configured one until then).
    private string _refreshToken;

    public HubSpotOAuth(ServiceTransport tokenTransport, HubSpotConnectorOptions options, TimeProvider time)
    {
        _tokenTransport = tokenTransport;
        _options = options;
        _time = time;
        _refreshToken = options.RefreshToken;
        _tokens = new ExpiringCredentials<ExpiringBearerCredential>(RefreshAsync, t => t.RenewAt, time);
    }

    /// <inheritdoc />
    public ValueTask<ITransportCredential> GetAsync(CancellationToken cancellationToken) => _tokens.GetAsync(cancellationToken);

    /// <inheritdoc />
    public bool Invalidate(ITransportCredential refused) => _tokens.Invalidate(refused);

    private async Task<ExpiringBearerCredential> RefreshAsync(CancellationToken cancellationToken)
    {
        var refreshToken = Volatile.Read(ref _refreshToken);
        var sent = await _tokenTransport.SendAsync(
            CallTag.Auth,
            () => new HttpRequestMessage(HttpMethod.Post, new Uri(_options.BaseAddress, TokenPath))
            {
                Content = new FormUrlEncodedContent(
                [
                    new("grant_type", "refresh_token"),
                    new("client_id", _options.ClientId),
                    new("client_secret", _options.ClientSecret),
                    new("refresh_token", refreshToken),
                ]),
            },
            mayApply: false,
            cancellationToken).ConfigureAwait(false);
        var answer = sent.Json;
        if (sent.Status != 200)
        {
            // HubSpot's token errors carry status (BAD_REFRESH_TOKEN, BAD_CLIENT_ID) and message; nothing in them repeats a secret.
            var status = JsonText.Of(answer?["status"]) ?? sent.StatusCode;
            var message = JsonText.Of(answer?["message"]) ?? "no message";
            throw new ServiceCallException(
                $"credentials refused (HTTP {sent.StatusCode} {status} from HubSpot's token endpoint: {message}); check credentials.clientId and clientSecret, and that the app is still installed in the account for credentials.refreshToken",
                ServiceCallFailure.Unauthorized,
                status);
        }

        if (JsonText.Of(answer?["access_token"]) is not { Length: > 0 } token
            || !long.TryParse(JsonText.Of(answer?["expires_in"]), NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) || seconds < 1)
        {
            throw new ServiceCallException("HubSpot's token answer has no access_token or expires_in", ServiceCallFailure.Transient, null);
        }

        if (JsonText.Of(answer?["refresh_token"]) is { Length: > 0 } next)
        {
            Volatile.Write(ref _refreshToken, next);
        }

        var lifetime = TimeSpan.FromSeconds(seconds);
        var margin = _options.RefreshMargin < lifetime / 2 ? _options.RefreshMargin : lifetime / 2;
        return new ExpiringBearerCredential(token, _time.GetUtcNow() + lifetime - margin);
    }
}
