using System.Net.Http.Headers;
using Highwater.Connectors.Transport;

namespace Highwater.Connectors.Salesforce;

/// <summary>An OAuth session: the bearer token, where to send requests, and when to renew it.</summary>
/// <param name="AccessToken">The bearer token. Never logged.</param>
/// <param name="InstanceUrl">The org's REST base.</param>
/// <param name="RenewAt">When the connector takes a new one before using it again.</param>
internal sealed record SalesforceSession(string AccessToken, Uri InstanceUrl, DateTimeOffset RenewAt) : ITransportCredential
{
    /// <summary>The bearer token, and a relative request URI placed under the org's instance.</summary>
    public void Apply(HttpRequestMessage request)
    {
        ArgumentNullException.ThrowIfNull(request);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", AccessToken);
        if (request.RequestUri is { IsAbsoluteUri: false } relative)
        {
            request.RequestUri = new Uri(InstanceUrl, relative.OriginalString);
        }
    }

    /// <summary>Keeps the token out of logs and exception messages.</summary>
    public override string ToString() => $"SalesforceSession {{ InstanceUrl = {InstanceUrl}, RenewAt = {RenewAt:O} }}";
}
