using System.Text.Json;
using Highwater.Connectors.Transport;
using Highwater.Core.Connectors;
using Microsoft.Extensions.Logging;

namespace Highwater.Connectors.Salesforce;

/// <summary>
/// The org's OAuth session for the shared transport: taken through the client-credentials flow
/// (<c>POST /services/oauth2/token</c>, unmetered), kept until shortly before it runs out, and
/// dropped when Salesforce answers INVALID_SESSION_ID.
/// </summary>
internal sealed partial class SalesforceSessions(ServiceTransport tokenTransport, SalesforceConnectorOptions options, TimeProvider time, ILogger logger) : ITransportAuthenticator
{
    private ExpiringCredentials<SalesforceSession>? _sessions;

    // Made on first use (a field initializer cannot name AuthenticateAsync); one is published however many race.
    private ExpiringCredentials<SalesforceSession> Sessions =>
        LazyInitializer.EnsureInitialized(ref _sessions, () => new ExpiringCredentials<SalesforceSession>(AuthenticateAsync, s => s.RenewAt, time));

    /// <summary>The session to use now, taken afresh when there is none or it is due for renewal.</summary>
    public async Task<SalesforceSession> GetSessionAsync(CancellationToken cancellationToken) => await Sessions.GetCurrentAsync(cancellationToken);

    /// <inheritdoc />
    public ValueTask<ITransportCredential> GetAsync(CancellationToken cancellationToken) => Sessions.GetAsync(cancellationToken);

    /// <inheritdoc />
    public bool Invalidate(ITransportCredential refused) => Sessions.Invalidate(refused);

    private async Task<SalesforceSession> AuthenticateAsync(CancellationToken cancellationToken)
    {
        var login = options.LoginUrl.AbsoluteUri.EndsWith('/') ? options.LoginUrl : new Uri(options.LoginUrl.AbsoluteUri + "/");
        var sent = await tokenTransport.SendAsync(
            CallTag.Auth,
            () => new HttpRequestMessage(HttpMethod.Post, new Uri(login, "services/oauth2/token"))
            {
                Content = new FormUrlEncodedContent(
                [
                    new("grant_type", "client_credentials"),
                    new("client_id", options.ClientId),
                    new("client_secret", options.ClientSecret),
                ]),
            },
            mayApply: true,
            cancellationToken);
        string? token, instance;
        try
        {
            using var document = JsonDocument.Parse(sent.Body);
            token = document.RootElement.GetProperty("access_token").GetString();
            instance = document.RootElement.TryGetProperty("instance_url", out var url) ? url.GetString() : null;
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            throw new ServiceCallException("Salesforce's token answer has no access_token", ServiceCallFailure.Transient, null, e);
        }

        var instanceUrl = options.InstanceUrl ?? (instance is null ? login : new Uri(instance.EndsWith('/') ? instance : instance + "/"));
        var renewAt = time.GetUtcNow() + options.SessionLifetime - options.RefreshMargin;
        LogSessionObtained(instanceUrl, renewAt);
        return new SalesforceSession(token ?? "", instanceUrl, renewAt);
    }

    [LoggerMessage(EventId = 5101, Level = LogLevel.Debug, Message = "Salesforce session obtained for {Instance}; renewing it at {RenewAt:O}")]
    private partial void LogSessionObtained(Uri instance, DateTimeOffset renewAt);
}
