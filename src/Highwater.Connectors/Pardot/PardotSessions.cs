using System.Globalization;
using Highwater.Connectors.Transport;
using Highwater.Core.Connectors;
using Microsoft.Extensions.Logging;

namespace Highwater.Connectors.Pardot;

/// <summary>
/// The business unit's session for the shared transport: Salesforce's OAuth 2.0
/// client-credentials flow (<c>POST {login}/services/oauth2/token</c>, unmetered), kept until
/// shortly before it runs out and dropped when Pardot answers code 184.
/// </summary>
internal sealed partial class PardotSessions : ITransportAuthenticator
{
    private readonly ServiceTransport _tokenTransport;
    private readonly PardotConnectorOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly ExpiringCredentials<PardotSession> _sessions;

    public PardotSessions(ServiceTransport tokenTransport, PardotConnectorOptions options, TimeProvider time, ILogger logger)
    {
        _tokenTransport = tokenTransport;
        _options = options;
        _time = time;
        _logger = logger;
        _sessions = new ExpiringCredentials<PardotSession>(AuthenticateAsync, s => s.RenewAt, time);
    }

    /// <inheritdoc />
    public ValueTask<ITransportCredential> GetAsync(CancellationToken cancellationToken) => _sessions.GetAsync(cancellationToken);

    /// <inheritdoc />
    public bool Invalidate(ITransportCredential refused) => _sessions.Invalidate(refused);

    /// <summary>The URL with a trailing slash, so relative paths land under it.</summary>
    public static Uri Root(Uri url) => url.AbsoluteUri.EndsWith('/') ? url : new Uri(url.AbsoluteUri + "/");

    private async Task<PardotSession> AuthenticateAsync(CancellationToken cancellationToken)
    {
        var sent = await _tokenTransport.SendAsync(
            CallTag.Auth,
            () => new HttpRequestMessage(HttpMethod.Post, new Uri(Root(_options.LoginUrl), "services/oauth2/token"))
            {
                Content = new FormUrlEncodedContent(
                [
                    new("grant_type", "client_credentials"),
                    new("client_id", _options.ClientId),
                    new("client_secret", _options.ClientSecret),
                ]),
            },
            mayApply: false,
            cancellationToken).ConfigureAwait(false);
        var answer = PardotTransportRules.Read(sent);
        var token = answer.Status == 200 ? PardotResponse.Text(answer.Json?["access_token"]) : null;
        if (token is null)
        {
            var error = PardotResponse.Text(answer.Json?["error"]) ?? answer.Status.ToString(CultureInfo.InvariantCulture);
            throw new ServiceCallException($"credentials refused (HTTP {answer.Status} {error} from the token endpoint: {PardotResponse.Text(answer.Json?["error_description"])})", ServiceCallFailure.Unauthorized, error);
        }

        var renewAt = _time.GetUtcNow() + _options.SessionLifetime - _options.RefreshMargin;
        LogSessionObtained(renewAt);
        return new PardotSession(token, renewAt);
    }

    [LoggerMessage(EventId = 5201, Level = LogLevel.Debug, Message = "Pardot session obtained; renewing it at {RenewAt:O}")]
    private partial void LogSessionObtained(DateTimeOffset renewAt);
}
