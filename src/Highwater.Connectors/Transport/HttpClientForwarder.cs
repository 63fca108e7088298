namespace Highwater.Connectors.Transport;

/// <summary>
/// The end of the chain: hands the request to the connector's <see cref="HttpClient"/> (from
/// IHttpClientFactory or a test), which reads the whole answer and applies its own time-out. The
/// caller's token reaches the handlers above unlinked, so they can tell that time-out from a cancel.
/// </summary>
internal sealed class HttpClientForwarder(HttpClient http) : HttpMessageHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await http.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken).ConfigureAwait(false);

        // The request the answer belongs to (after a refresh, not the first one), for the transport to find its answer.
        response.RequestMessage = request;
        return response;
    }
}
