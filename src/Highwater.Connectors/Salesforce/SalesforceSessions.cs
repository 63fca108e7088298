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
internal sealed partial class SalesforceSessions : ITransportAuthenticator
{
    private readonly ServiceTransport _tokenTransport;
    private readonly SalesforceConnectorOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly ExpiringCredentials<SalesforceSession> _sessions;

    public SalesforceSessions(ServiceTransport tokenTransport, SalesforceConnectorOptions options, TimeProvider time, ILogger logger)
    {
        _tokenTransport = tokenTransport;
        _options = options;
        _time = time;
        _logger = logger;
        _sessions = new ExpiringCredentials<SalesforceSession>(AuthenticateAsync, s => s.RenewAt, time);
    }

    /// <summary>The session to use now, taken afresh when there is none or it is due for renewal.</summary>
    public async Task<SalesforceSession> GetSessionAsync(CancellationToken cancellationToken) => await _sessions.GetCurrentAsync(cancellationToken);

    /// <inheritdoc />
    public ValueTask<ITransportCredential> GetAsync(CancellationToken cancellationToken) => _sessions.GetAsync(cancellationToken);

    /// <inheritdoc />
    public bool Invalidate(ITransportCredential refused) => _sessions.Invalidate(refused);

    private async Task<SalesforceSession> AuthenticateAsync(CancellationToken cancellationToken)
    {
        var login = _options.LoginUrl.AbsoluteUri.EndsWith('/') ? _options.LoginUrl : new Uri(_options.LoginUrl.AbsoluteUri + "/");
        var sent = await _tokenTransport.SendAsync(
            CallTag.Auth,
            () => new HttpRequestMessage(HttpMethod.Post, new Uri(login, "services/oauth2/token"))
            {
                Content = new FormUrlEncodedContent(
                [
                    new("grant_type", "client_credentials"),
                    new("client_id", _options.ClientId),
                    new("client_secret", _options.ClientSecret),
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

        var instanceUrl = _options.InstanceUrl ?? (instance is null ? login : new Uri(instance.EndsWith('/') ? instance : instance + "/"));
        var renewAt = _time.GetUtcNow() + _options.SessionLifetime - _options.RefreshMargin;
        LogSessionObtained(instanceUrl, renewAt);
        return new SalesforceSession(token ?? "", instanceUrl, renewAt);
    }

    [LoggerMessage(EventId = 5101, Level = LogLevel.Debug, Message = "Salesforce session obtained for {Instance}; renewing it at {RenewAt:O}")]
    private partial void LogSessionObtained(Uri instance, DateTimeOffset renewAt);
}
