using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Highwater.Core.Connectors;

namespace Highwater.Connectors.Mailchimp;

public sealed partial class MailchimpConnector
{
    /// <summary>
    /// Sends one request through the shared transport (<see cref="MailchimpTransportRules"/>, HTTP
    /// Basic auth with the key as password) and answers it unless it failed as a whole. 429 (more
    /// than 10 simultaneous connections) is reported to the gate as too many at once, or as its
    /// Retry-After, and thrown as rate limited; 401 is refused credentials (a key does not expire, so
    /// no refresh); 5xx, Mailchimp's 120-second time-out (on the connector's clock) or a lost
    /// connection leave a write's outcome unknown and make a read transient.
    /// </summary>
    private async Task<MailchimpAnswer> SendAsync(CallTag tag, HttpMethod method, string path, JsonNode? body, bool mayApply, CancellationToken cancellationToken)
    {
        using var timeout = new CancellationTokenSource(_options.RequestTimeout, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        try
        {
            var answer = await _transport.SendAsync(tag, () => Request(method, new Uri(_options.ApiRoot, path), body), mayApply, linked.Token).ConfigureAwait(false);
            return MailchimpTransportRules.Read(answer);
        }
        catch (OperationCanceledException ex) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw new ServiceCallException(
                $"Mailchimp {tag.Kind}: the answer was lost (no answer within {_options.RequestTimeout.TotalSeconds:0} s)",
                mayApply ? ServiceCallFailure.Unknown : ServiceCallFailure.Transient,
                null,
                ex);
        }
    }

    /// <summary>A request without credentials (the transport adds them), asking for JSON.</summary>
    private static HttpRequestMessage Request(HttpMethod method, Uri uri, JsonNode? body)
    {
        var request = new HttpRequestMessage(method, uri);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        if (body is not null)
        {
            request.Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json");
        }

        return request;
    }

    /// <summary>
    /// Reads a Batch Operation's results archive from the link its answer gave (a pre-signed URL: no
    /// credentials go with it), through the gate as a metadata request. Not through the transport,
    /// which reads answers as text: the archive is a gzipped tar.
    /// </summary>
    private async Task<byte[]> DownloadAsync(Uri url, CancellationToken cancellationToken)
    {
        var tag = CallTag.Metadata("batchResults");
        using var ticket = await _gate.EnterAsync(tag, cancellationToken).ConfigureAwait(false);
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        using var timeout = new CancellationTokenSource(_options.RequestTimeout, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        try
        {
            using var response = await _http.SendAsync(request, linked.Token).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                throw new ServiceCallException($"Mailchimp batch results: HTTP {(int)response.StatusCode} from the archive link", ServiceCallFailure.Transient, ((int)response.StatusCode).ToString(CultureInfo.InvariantCulture));
            }

            return await response.Content.ReadAsByteArrayAsync(linked.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            throw new ServiceCallException($"Mailchimp batch results: the archive was not read ({ex.Message})", ServiceCallFailure.Transient, null, ex);
        }
    }
}
