using System.Text.Json.Nodes;
using Highwater.Connectors.Transport;
using Highwater.Core.Connectors;

namespace Highwater.Connectors.Marketo;

/// <summary>
/// The access token of one custom service: asked for lazily, kept until shortly before it expires,
/// and dropped when the REST API calls it invalid (601) or expired (602). Asking Marketo again
/// before expiry answers the same token with its remaining lifetime, so a token with less than
/// twice the margin left is used until it expires rather than asked for on every call.
/// </summary>
/// <remarks>The identity request goes through <paramref name="identityTransport"/> (<see cref="MarketoTransportRules.Identity"/>), unmetered.</remarks>
internal sealed class MarketoTokenSource(ServiceTransport identityTransport, MarketoConnectorOptions options, TimeProvider time) : ITransportAuthenticator, IDisposable
{
    private readonly SemaphoreSlim _fetch = new(1, 1);
    private Cached? _cached;

    public async ValueTask<string> GetAsync(CancellationToken cancellationToken)
    {
        if (Fresh() is { } token)
        {
            return token;
        }

        await _fetch.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return Fresh() ?? await FetchAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _fetch.Release();
        }
    }

    /// <inheritdoc />
    async ValueTask<ITransportCredential> ITransportAuthenticator.GetAsync(CancellationToken cancellationToken) =>
        new BearerCredential(await GetAsync(cancellationToken).ConfigureAwait(false));

    /// <inheritdoc />
    bool ITransportAuthenticator.Invalidate(ITransportCredential refused)
    {
        if (refused is BearerCredential bearer)
        {
            Invalidate(bearer.Token);
        }

        return true;
    }

    /// <summary>Forgets <paramref name="token"/> if it is still the current one.</summary>
    public void Invalidate(string token)
    {
        var current = _cached;
        if (current is not null && current.Token == token)
        {
            Interlocked.CompareExchange(ref _cached, null, current);
        }
    }

    public void Dispose() => _fetch.Dispose();

    private string? Fresh() => _cached is { } c && time.GetUtcNow() < c.RefreshAt ? c.Token : null;

    private async Task<string> FetchAsync(CancellationToken cancellationToken)
    {
        var identity = options.IdentityAddress ?? new Uri(options.BaseAddress!, "identity/");
        var query = "oauth/token?grant_type=client_credentials&client_id=" + Uri.EscapeDataString(options.ClientId)
            + "&client_secret=" + Uri.EscapeDataString(options.ClientSecret);
        var answer = await identityTransport.SendAsync(CallTag.Auth, () => new HttpRequestMessage(HttpMethod.Get, new Uri(identity, query)), mayApply: false, cancellationToken).ConfigureAwait(false);
        if (answer.JsonError is { } notJson)
        {
            throw new ServiceCallException("Marketo identity answered something that is not JSON", ServiceCallFailure.Transient, null, notJson);
        }

        var json = answer.Json as JsonObject;
        if (json?["access_token"] is not JsonValue tokenValue || json["expires_in"] is not JsonValue lifetimeValue
            || !tokenValue.TryGetValue<string>(out var token) || !lifetimeValue.TryGetValue<long>(out var seconds))
        {
            throw new ServiceCallException("Marketo identity answered no access token", ServiceCallFailure.Transient);
        }

        var now = time.GetUtcNow();
        var lifetime = TimeSpan.FromSeconds(seconds);
        var margin = options.TokenRefreshMargin;
        var refreshAt = lifetime > margin * 2 ? now + lifetime - margin : now + lifetime;
        _cached = new Cached(token, refreshAt);
        return token;
    }

    private sealed record Cached(string Token, DateTimeOffset RefreshAt);
}
