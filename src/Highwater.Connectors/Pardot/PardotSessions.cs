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
internal sealed partial class PardotSessions(ServiceTransport tokenTransport, PardotConnectorOptions options, TimeProvider time, ILogger logger) : ITransportAuthenticator
{
    private ExpiringCredentials<ExpiringBearerCredential>? _sessions;

    // Made on first use (a field initializer cannot name AuthenticateAsync); one is published however many race.
    private ExpiringCredentials<ExpiringBearerCredential> Sessions =>
        LazyInitializer.EnsureInitialized(ref _sessions, () => new ExpiringCredentials<ExpiringBearerCredential>(AuthenticateAsync, s => s.RenewAt, time));

    /// <inheritdoc />
    public ValueTask<ITransportCredential> GetAsync(CancellationToken cancellationToken) => Sessions.GetAsync(cancellationToken);

    /// <inheritdoc />
    public bool Invalidate(ITransportCredential refused) => Sessions.Invalidate(refused);

    /// <summary>The URL with a trailing slash, so relative paths land under it.</summary>
    public static Uri Root(Uri url) => url.AbsoluteUri.EndsWith('/') ? url : new Uri(url.AbsoluteUri + "/");

    private async Task<ExpiringBearerCredential> AuthenticateAsync(CancellationToken cancellationToken)
    {
        var sent = await tokenTransport.SendAsync(
            CallTag.Auth,
            () => new HttpRequestMessage(HttpMethod.Post, new Uri(Root(options.LoginUrl), "services/oauth2/token"))
            {
                Content = new FormUrlEncodedContent(
                [
                    new("grant_type", "client_credentials"),
                    new("client_id", options.ClientId),
                    new("client_secret", options.ClientSecret),
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

        var renewAt = time.GetUtcNow() + options.SessionLifetime - options.RefreshMargin;
        LogSessionObtained(renewAt);
        return new ExpiringBearerCredential(token, renewAt);
    }

    [LoggerMessage(EventId = 5201, Level = LogLevel.Debug, Message = "Pardot session obtained; renewing it at {RenewAt:O}")]
    private partial void LogSessionObtained(DateTimeOffset renewAt);
}
