using System.Net.Http.Headers;

namespace Highwater.Connectors.Transport;

/// <summary>An OAuth access token sent as <c>Authorization: Bearer</c>.</summary>
/// <param name="Token">The token. Never logged.</param>
internal sealed record BearerCredential(string Token) : ITransportCredential
{
    /// <inheritdoc />
    public void Apply(HttpRequestMessage request)
    {
        ArgumentNullException.ThrowIfNull(request);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Token);
    }

    /// <summary>Keeps the token out of logs and messages.</summary>
    public override string ToString() => "BearerCredential";
}
