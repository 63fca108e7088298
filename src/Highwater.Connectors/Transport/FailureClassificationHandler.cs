using Highwater.Core.Connectors;
using Microsoft.Extensions.Logging;

namespace Highwater.Connectors.Transport;

/// <summary>
/// Turns what went wrong into a <see cref="ServiceCallException"/>: a request that got no answer
/// (service not reached, connection lost, time-out) in the service's words, and an answer the
/// service's rules judge a failure. Credentials refused are handed up to the
/// <see cref="AuthenticationHandler"/>, which decides whether a refresh is left.
/// </summary>
internal sealed class FailureClassificationHandler(TransportRules rules, ILogger logger) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        HttpResponseMessage response;
        try
        {
            response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException e) when (e.HttpRequestError is HttpRequestError.NameResolutionError or HttpRequestError.ConnectionError or HttpRequestError.SecureConnectionError)
        {
            throw Fault(request, TransportFaultKind.Unreachable, e);
        }
        catch (Exception e) when (e is HttpRequestException or IOException)
        {
            throw Fault(request, TransportFaultKind.Lost, e);
        }
        catch (OperationCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            // Not the caller's cancel: the HTTP client's own time-out.
            throw Fault(request, TransportFaultKind.TimedOut, e);
        }

        var answer = request.Options.TryGetValue(TransportRequest.Answer, out var read)
            ? read
            : throw new InvalidOperationException("an answer reached the failure handler unread");
        var verdict = rules.Verdict(answer);
        switch (verdict.Kind)
        {
            case TransportVerdictKind.Fail:
                response.Dispose();
                TransportLog.CallFailed(logger, rules.Service, answer.Tag.Kind, verdict.Failure!.Failure, verdict.Failure.Code);
                throw verdict.Failure;
            case TransportVerdictKind.CredentialsRefused:
                response.Dispose();
                throw new CredentialsRefusedException(verdict.Failure!);
            default:
                return response;
        }
    }

    private ServiceCallException Fault(HttpRequestMessage request, TransportFaultKind kind, Exception e)
    {
        var tag = TransportRequest.TagOf(request);
        var failure = rules.Describe(new TransportFault(kind, tag, TransportRequest.MayApplyOf(request), e));
        TransportLog.CallFailed(logger, rules.Service, tag.Kind, failure.Failure, failure.Code);
        return failure;
    }
}
