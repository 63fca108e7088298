using Highwater.Core.Connectors;

namespace Highwater.Connectors.Transport;

/// <summary>
/// Enters the call gate once for every request that goes out (a resend after a refresh is a
/// request of its own), and holds its ticket until the answer is read and judged, so that signals
/// are reported against the request that drew them.
/// </summary>
internal sealed class CallGateHandler(ICallGate gate) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        using var ticket = await gate.EnterAsync(TransportRequest.TagOf(request), cancellationToken).ConfigureAwait(false);
        request.Options.Set(TransportRequest.Ticket, ticket);
        try
        {
            return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            // The ticket ends with this request; nothing after it may report on it.
            request.Options.Remove(TransportRequest.Ticket.Key, out _);
        }
    }
}
