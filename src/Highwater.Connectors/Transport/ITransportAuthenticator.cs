namespace Highwater.Connectors.Transport;

/// <summary>
/// How a service authenticates: the credentials for the next request (kept, and asked for again
/// only when they run out or are refused). Asking may send requests of its own, through a
/// transport without an authenticator and with <see cref="Highwater.Core.Connectors.CallTag.Auth"/>.
/// </summary>
internal interface ITransportAuthenticator
{
    /// <summary>The credentials to send now.</summary>
    ValueTask<ITransportCredential> GetAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Forgets <paramref name="refused"/>, if it is still the current one, so that the next
    /// <see cref="GetAsync"/> asks afresh. Answers whether fresh credentials can be had at all:
    /// false (credentials that never change) makes the first refusal final.
    /// </summary>
    bool Invalidate(ITransportCredential refused);
}
