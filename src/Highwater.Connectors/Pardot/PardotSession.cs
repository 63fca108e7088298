using System.Net.Http.Headers;
using Highwater.Connectors.Transport;

namespace Highwater.Connectors.Pardot;

/// <summary>A Salesforce session for the Pardot API, and when to renew it.</summary>
internal sealed record PardotSession(string AccessToken, DateTimeOffset RenewAt) : ITransportCredential
{
    /// <inheritdoc />
    public void Apply(HttpRequestMessage request)
    {
        ArgumentNullException.ThrowIfNull(request);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", AccessToken);
    }

    /// <summary>Keeps the token out of logs and exception messages.</summary>
    public override string ToString() => $"PardotSession {{ RenewAt = {RenewAt:O} }}";
}
