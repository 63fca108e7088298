using Highwater.Connectors.Transport;

namespace Highwater.Connectors.HubSpot;

/// <summary>
/// The end of HubSpot's chain: sends the request through the connector's <see cref="HttpClient"/>
/// and reports the day's usage from the answer's <c>X-HubSpot-RateLimit-Daily*</c> headers on the
/// request's ticket. HubSpot's headers carry two counts (the day and the 10-second window) and
/// <see cref="TransportRules.ReadUsage"/> reports one; this sits beneath the transport's signal
/// handler, so the day is reported first and the window (through the rules) after it, both before
/// any 429's signal.
/// </summary>
/// <remarks>
/// It is the handler of a client of its own (the transport sends through an <see cref="HttpClient"/>),
/// which marks the request sent; the connector's client gets a copy with the same method, address,
/// headers and content.
/// </remarks>
internal sealed class HubSpotDailyUsageHandler(HttpClient http) : HttpMessageHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var copy = new HttpRequestMessage(request.Method, request.RequestUri) { Content = request.Content, Version = request.Version, VersionPolicy = request.VersionPolicy };
        foreach (var (name, values) in request.Headers)
        {
            copy.Headers.TryAddWithoutValidation(name, values);
        }

        var response = await http.SendAsync(copy, HttpCompletionOption.ResponseContentRead, cancellationToken).ConfigureAwait(false);
        response.RequestMessage = request;
        if (HubSpotTransportRules.DailyUsage(response.Headers) is { } usage && request.Options.TryGetValue(TransportRequest.Ticket, out var ticket))
        {
            await ticket.ReportAsync(usage, cancellationToken).ConfigureAwait(false);
        }

        return response;
    }
}
