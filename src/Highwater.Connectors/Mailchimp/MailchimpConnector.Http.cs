using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Highwater.Core.Connectors;
using Highwater.Core.Governor;

namespace Highwater.Connectors.Mailchimp;

public sealed partial class MailchimpConnector
{
    /// <summary>
    /// Sends one request through the gate with HTTP Basic auth (any user, the key as password) and
    /// answers it unless it failed as a whole. 429 (more than 10 simultaneous connections) is reported
    /// to the gate as too many at once, or as its Retry-After, and thrown as rate limited; 401 is
    /// refused credentials (a key does not expire, so no refresh); 5xx, Mailchimp's 120-second time-out
    /// or a lost connection leave a write's outcome unknown and make a read transient.
    /// </summary>
    private async Task<MailchimpAnswer> SendAsync(CallTag tag, HttpMethod method, string path, JsonNode? body, bool mayApply, CancellationToken cancellationToken)
    {
        using var ticket = await _gate.EnterAsync(tag, cancellationToken).ConfigureAwait(false);
        using var request = new HttpRequestMessage(method, new Uri(_options.ApiRoot, path));
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", _authorization);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        if (body is not null)
        {
            request.Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json");
        }

        var (response, text) = await ReceiveAsync(tag, request, mayApply, cancellationToken).ConfigureAwait(false);
        using (response)
        {
            var status = (int)response.StatusCode;
            var answer = new MailchimpAnswer(status, MailchimpJson.Parse(text));
            switch (status)
            {
                case 401:
                    throw new ServiceCallException($"credentials refused ({answer.Describe()}; check the API key and its data centre)", ServiceCallFailure.Unauthorized, "401");
                case 403:
                    throw new ServiceCallException($"Mailchimp refused the {tag.Kind} request ({answer.Describe()}); the key's user may lack access to the audience", ServiceCallFailure.Permanent, "403");
                case 429:
                    await ticket.ReportAsync(response.Headers.RetryAfter switch
                    {
                        { Delta: { } delta } => ServiceSignal.Retry(delta),
                        { Date: { } date } => ServiceSignal.RetryAt(date),
                        _ => ServiceSignal.TooManyConcurrent(),
                    }, cancellationToken).ConfigureAwait(false);
                    throw new ServiceCallException($"Mailchimp {tag.Kind}: {answer.Describe()}", ServiceCallFailure.RateLimited, "429");
                case >= 500:
                    throw new ServiceCallException(
                        $"Mailchimp {tag.Kind}: {answer.Describe()}",
                        mayApply ? ServiceCallFailure.Unknown : ServiceCallFailure.Transient,
                        status.ToString(CultureInfo.InvariantCulture));
            }

            return answer;
        }
    }

    /// <summary>
    /// Reads a Batch Operation's results archive from the link its answer gave (a pre-signed URL: no
    /// credentials go with it), through the gate as a metadata request.
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

    /// <summary>Sends a request under Mailchimp's time-out; a lost or late answer is a failure of the call.</summary>
    private async Task<(HttpResponseMessage Response, string Text)> ReceiveAsync(CallTag tag, HttpRequestMessage request, bool mayApply, CancellationToken cancellationToken)
    {
        using var timeout = new CancellationTokenSource(_options.RequestTimeout, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        try
        {
            var response = await _http.SendAsync(request, linked.Token).ConfigureAwait(false);
            return (response, await response.Content.ReadAsStringAsync(linked.Token).ConfigureAwait(false));
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            var why = timeout.IsCancellationRequested ? $"no answer within {_options.RequestTimeout.TotalSeconds:0} s" : ex.Message;
            throw new ServiceCallException(
                $"Mailchimp {tag.Kind}: the answer was lost ({why})",
                mayApply ? ServiceCallFailure.Unknown : ServiceCallFailure.Transient,
                null,
                ex);
        }
    }
}
