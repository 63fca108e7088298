using System.Net.Http.Headers;

namespace Highwater.Connectors.Transport;

/// <summary>An OAuth access token sent as <c>Authorization: Bearer</c>, and when to take a new one.</summary>
/// <param name="Token">The token. Never logged.</param>
/// <param name="RenewAt">When it is due for renewal, before it runs out.</param>
internal sealed record ExpiringBearerCredential(string Token, DateTimeOffset RenewAt) : ITransportCredential
{
    /// <inheritdoc />
    public void Apply(HttpRequestMessage request)
    {
        ArgumentNullException.ThrowIfNull(request);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Token);
    }

    /// <summary>Keeps the token out of logs and messages.</summary>
    public override string ToString() => $"ExpiringBearerCredential {{ RenewAt = {RenewAt:O} }}";
}
