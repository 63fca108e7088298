using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Highwater.Core.Connectors;
using Highwater.Core.Governor;

namespace Highwater.Connectors.HubSpot;

public sealed partial class HubSpotConnector
{
    /// <summary>
    /// Sends one request through the gate with the Bearer token and answers it unless it failed as a
    /// whole. Every answer's <c>X-HubSpot-RateLimit-*</c> headers are reported as the service's own
    /// count (the 10-second window and the day); a 429 is reported by its <c>policyName</c>
    /// (<c>DAILY</c>: the day is spent; <c>TEN_SECONDLY_ROLLING</c>, <c>SECONDLY</c>: the burst window,
    /// or its Retry-After) and thrown as rate limited; 401 is refused credentials (a private app's
    /// token does not expire, so no refresh); 5xx, a timeout or a lost connection leave a write's
    /// outcome unknown and make a read transient.
    /// </summary>
    private async Task<HubSpotAnswer> SendAsync(CallTag tag, HttpMethod method, string path, JsonNode? body, bool mayApply, CancellationToken cancellationToken)
    {
        using var ticket = await _gate.EnterAsync(tag, cancellationToken).ConfigureAwait(false);
        using var request = new HttpRequestMessage(method, new Uri(_options.BaseAddress, path));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _options.AccessToken);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        if (body is not null)
        {
            request.Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json");
        }

        HttpResponseMessage response;
        string text;
        try
        {
            response = await _http.SendAsync(request, cancellationToken).ConfigureAwait(false);
            text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException || (ex is TaskCanceledException && !cancellationToken.IsCancellationRequested))
        {
            throw new ServiceCallException(
                $"HubSpot {tag.Kind}: the answer was lost ({ex.Message})",
                mayApply ? ServiceCallFailure.Unknown : ServiceCallFailure.Transient,
                null,
                ex);
        }

        using (response)
        {
            var status = (int)response.StatusCode;
            var answer = new HubSpotAnswer(status, HubSpotJson.Parse(text));
            await ReportLimitsAsync(ticket, response.Headers, cancellationToken).ConfigureAwait(false);
            var (category, message) = answer.Error();
            switch (status)
            {
                case 401:
                    throw new ServiceCallException($"credentials refused (HTTP 401 {category}: check the private app's access token)", ServiceCallFailure.Unauthorized, "401");
                case 403:
                    throw new ServiceCallException($"HubSpot refused the {tag.Kind} request (HTTP 403 {category}: {message}); the private app may lack a scope", ServiceCallFailure.Permanent, category ?? "403");
                case 429:
                    var policy = HubSpotJson.Text(answer.Body?["policyName"]);
                    await ticket.ReportAsync(RateSignal(policy, response.Headers.RetryAfter), cancellationToken).ConfigureAwait(false);
                    throw new ServiceCallException($"HubSpot {tag.Kind}: 429 {policy ?? "RATE_LIMIT"}: {message}", ServiceCallFailure.RateLimited, policy ?? "429");
                case 423:
                    // "Locked": HubSpot asks for a wait of at least 2 seconds; nothing was applied.
                    await ticket.ReportAsync(ServiceSignal.Retry(TimeSpan.FromSeconds(2)), cancellationToken).ConfigureAwait(false);
                    throw new ServiceCallException($"HubSpot {tag.Kind}: 423 Locked", ServiceCallFailure.RateLimited, "423");
                case >= 500:
                    throw new ServiceCallException(
                        $"HubSpot {tag.Kind}: HTTP {status}{(message is null ? "" : $" ({message})")}",
                        mayApply ? ServiceCallFailure.Unknown : ServiceCallFailure.Transient,
                        status.ToString(CultureInfo.InvariantCulture));
            }

            return answer;
        }
    }

    /// <summary>A 429's signal: the day spent, the burst window exceeded, or the wait it names.</summary>
    private ServiceSignal RateSignal(string? policy, RetryConditionHeaderValue? retryAfter) => (policy, retryAfter) switch
    {
        ("DAILY", _) => ServiceSignal.QuotaReached(),
        (_, { Delta: { } delta }) => ServiceSignal.Retry(delta),
        (_, { Date: { } date }) => ServiceSignal.RetryAt(date),
        ("TEN_SECONDLY_ROLLING", _) => ServiceSignal.RateWindowExceeded(HubSpotService.TenSecondWindow),
        ("SECONDLY", _) => ServiceSignal.Retry(TimeSpan.FromSeconds(1)),
        _ => ServiceSignal.Retry(_options.RateLimitBackoff),
    };

    /// <summary>
    /// Reports what the answer's headers say was used: <c>X-HubSpot-RateLimit-Daily</c> and
    /// <c>-Daily-Remaining</c> for the day (other integrations' calls included), <c>-Max</c> and
    /// <c>-Remaining</c> for the 10-second window when <c>-Interval-Milliseconds</c> is 10000. OAuth
    /// answers and search answers carry none of them.
    /// </summary>
    private static async Task ReportLimitsAsync(ICallTicket ticket, HttpResponseHeaders headers, CancellationToken cancellationToken)
    {
        if (Number(headers, "X-HubSpot-RateLimit-Daily") is { } daily && Number(headers, "X-HubSpot-RateLimit-Daily-Remaining") is { } dailyLeft)
        {
            await ticket.ReportAsync(ServiceSignal.Remaining(dailyLeft, daily), cancellationToken).ConfigureAwait(false);
        }

        if (Number(headers, "X-HubSpot-RateLimit-Interval-Milliseconds") == 10_000
            && Number(headers, "X-HubSpot-RateLimit-Max") is { } max && Number(headers, "X-HubSpot-RateLimit-Remaining") is { } left)
        {
            await ticket.ReportAsync(ServiceSignal.Remaining(left, max, HubSpotService.TenSecondWindow), cancellationToken).ConfigureAwait(false);
        }
    }

    private static long? Number(HttpResponseHeaders headers, string name) =>
        headers.TryGetValues(name, out var values) && long.TryParse(values.FirstOrDefault(), NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : null;
}
