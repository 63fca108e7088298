namespace Highwater.Connectors.Transport;

/// <summary>
/// Credentials that never change (Basic credentials, a private-app token): the same on every
/// request, and nothing to refresh when the service refuses them, so the first refusal is final.
/// </summary>
internal sealed class StaticAuthenticator(ITransportCredential credential) : ITransportAuthenticator
{
    /// <inheritdoc />
    public ValueTask<ITransportCredential> GetAsync(CancellationToken cancellationToken) => ValueTask.FromResult(credential);

    /// <inheritdoc />
    public bool Invalidate(ITransportCredential refused) => false;
}
