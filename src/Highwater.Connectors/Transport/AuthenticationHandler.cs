using Microsoft.Extensions.Logging;

namespace Highwater.Connectors.Transport;

/// <summary>
/// The outer end of the chain: puts the service's credentials on the request and, when the answer
/// says they were refused in a way fresh ones may cure, forgets them, takes fresh ones and sends
/// the request once more: exactly one refresh a request. Refused again (or with nothing to
/// refresh) the request fails with the service's own <see cref="Highwater.Core.Connectors.ServiceCallFailure.Unauthorized"/>.
/// </summary>
internal sealed class AuthenticationHandler(ITransportAuthenticator? authenticator, TransportRules rules, ILogger logger) : DelegatingHandler
{
    /// <summary>Sends <paramref name="request"/> through the whole chain.</summary>
    public Task<HttpResponseMessage> SendThroughAsync(HttpRequestMessage request, CancellationToken cancellationToken) => SendAsync(request, cancellationToken);

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        HttpRequestMessage? again = null;
        try
        {
            for (var attempt = 0; ; attempt++)
            {
                var sending = again ?? request;
                var credential = authenticator is null ? null : await authenticator.GetAsync(cancellationToken).ConfigureAwait(false);
                credential?.Apply(sending);
                try
                {
                    return await base.SendAsync(sending, cancellationToken).ConfigureAwait(false);
                }
                catch (CredentialsRefusedException e) when (attempt == 0 && credential is not null && authenticator!.Invalidate(credential))
                {
                    TransportLog.CredentialsRefused(logger, rules.Service, TransportRequest.TagOf(sending).Kind, e.Final.Code);
                    again = TransportRequest.Rebuild(sending);
                }
                catch (CredentialsRefusedException e)
                {
                    TransportLog.CallFailed(logger, rules.Service, TransportRequest.TagOf(sending).Kind, e.Final.Failure, e.Final.Code);
                    throw e.Final;
                }
            }
        }
        catch
        {
            again?.Dispose();
            throw;
        }
    }
}
