using Highwater.Core.Connectors;
using Microsoft.Extensions.Logging;

namespace Highwater.Connectors.Transport;

/// <summary>
/// Reads the answer and tells the governor, on the request's ticket, what it says about the
/// service's limits: usage on every answer, and a refusal for a limit (429 with Retry-After,
/// Marketo's 606, Salesforce's REQUEST_LIMIT_EXCEEDED), which then fails the call as
/// <see cref="ServiceCallFailure.RateLimited"/>: the executor waits on the signal, not on the failure.
/// </summary>
internal sealed class ServiceSignalHandler(TransportRules rules, ILogger logger) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        TransportAnswer answer;
        try
        {
            var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            var tag = TransportRequest.TagOf(request);
            answer = new TransportAnswer(tag, TransportRequest.MayApplyOf(request), (int)response.StatusCode, response.Headers, response.Content.Headers.ContentType?.MediaType, body);
            request.Options.Set(TransportRequest.Answer, answer);
            if (!request.Options.TryGetValue(TransportRequest.Ticket, out var ticket))
            {
                throw new InvalidOperationException("a request reached the signal handler without a gate ticket");
            }

            if (rules.ReadUsage?.Invoke(answer) is { } usage)
            {
                await ticket.ReportAsync(usage, cancellationToken).ConfigureAwait(false);
            }

            if (rules.Limit(answer) is { } limit)
            {
                TransportLog.LimitHit(logger, rules.Service, tag.Kind, limit.Code, limit.Signal.Kind);
                await ticket.ReportAsync(limit.Signal, cancellationToken).ConfigureAwait(false);
                throw new ServiceCallException(limit.Message, ServiceCallFailure.RateLimited, limit.Code);
            }
        }
        catch
        {
            response.Dispose();
            throw;
        }

        return response;
    }
}
