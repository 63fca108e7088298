namespace Highwater.Connectors.Transport;

/// <summary>
/// Credentials that run out (an OAuth access token, a session): taken by the service's own request
/// when there are none or the current ones are due for renewal, one request at a time however many
/// calls wait for them, and dropped when the service refuses them, so that the next request takes
/// fresh ones (the transport's one refresh).
/// </summary>
/// <typeparam name="T">The service's credential, which knows when it is due for renewal.</typeparam>
/// <param name="take">Asks the service for fresh credentials (through a transport without an authenticator).</param>
/// <param name="renewAt">When a credential is due for renewal (before it runs out, so that no request carries a dying one).</param>
/// <param name="time">The clock renewal is judged by.</param>
internal sealed class ExpiringCredentials<T>(Func<CancellationToken, Task<T>> take, Func<T, DateTimeOffset> renewAt, TimeProvider time) : ITransportAuthenticator
    where T : class, ITransportCredential
{
    private readonly SemaphoreSlim _lock = new(1, 1);
    private T? _current;

    /// <summary>The credentials to use now, taken afresh when there are none or they are due for renewal.</summary>
    public async ValueTask<T> GetCurrentAsync(CancellationToken cancellationToken)
    {
        var current = Volatile.Read(ref _current);
        if (current is not null && time.GetUtcNow() < renewAt(current))
        {
            return current;
        }

        await _lock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            current = _current;
            if (current is null || time.GetUtcNow() >= renewAt(current))
            {
                current = await take(cancellationToken).ConfigureAwait(false);
                Volatile.Write(ref _current, current);
            }

            return current;
        }
        finally
        {
            _lock.Release();
        }
    }

    /// <inheritdoc />
    public async ValueTask<ITransportCredential> GetAsync(CancellationToken cancellationToken) => await GetCurrentAsync(cancellationToken).ConfigureAwait(false);

    /// <summary>Drops <paramref name="refused"/> if it is still the current one; fresh credentials can always be taken.</summary>
    public bool Invalidate(ITransportCredential refused)
    {
        if (refused is T credential)
        {
            Interlocked.CompareExchange(ref _current, null, credential);
        }

        return true;
    }
}
