using System.Net;
using Highwater.Core.Connectors;
using Highwater.Core.Governor;

namespace Highwater.Connectors.Transport;

/// <summary>
/// What one service (or one of its endpoints) plugs into the shared chain: how its lost answers
/// read, how it reports usage, how it says a limit was hit, and what its other answers mean. Every
/// piece has a default that fits a plain REST service: 429 with Retry-After is a limit, 401 refuses
/// the credentials, a 5xx loses the answer.
/// </summary>
internal sealed class TransportRules
{
    /// <summary>The service's name in messages and logs (<c>Marketo</c>).</summary>
    public required string Service { get; init; }

    /// <summary>
    /// The failure of a request that got no answer. The default names the service and the request
    /// and gives the fault's own <see cref="TransportFault.Failure"/>.
    /// </summary>
    public Func<TransportFault, ServiceCallException>? DescribeFault { get; init; }

    /// <summary>What an answer says about the calls counted so far (a usage header), reported on every answer before anything else; none by default.</summary>
    public Func<TransportAnswer, ServiceSignal?>? ReadUsage { get; init; }

    /// <summary>
    /// Whether an answer refused the request for a limit: its signal is reported on the request's
    /// ticket and the call fails as <see cref="ServiceCallFailure.RateLimited"/>. The default is
    /// <see cref="TooManyRequests"/> with <see cref="ServiceSignal.RateWindowExceeded"/> where no Retry-After came.
    /// </summary>
    public Func<TransportAnswer, ServiceLimit?>? ReadLimit { get; init; }

    /// <summary>What any other answer means. The default is <see cref="DefaultJudge"/>.</summary>
    public Func<TransportAnswer, TransportVerdict>? Judge { get; init; }

    /// <summary>
    /// A 429's signal: its Retry-After (seconds or an HTTP date), or <paramref name="fallback"/>
    /// when it gave none. Null for any other status.
    /// </summary>
    public static ServiceSignal? TooManyRequests(TransportAnswer answer, ServiceSignal fallback)
    {
        ArgumentNullException.ThrowIfNull(answer);
        if (answer.Status != (int)HttpStatusCode.TooManyRequests)
        {
            return null;
        }

        var retry = answer.Headers.RetryAfter;
        return retry?.Delta is { } delta ? ServiceSignal.Retry(delta)
            : retry?.Date is { } date ? ServiceSignal.RetryAt(date)
            : fallback;
    }

    /// <summary>401 refuses the credentials for good; a 5xx loses the answer; anything else is the connector's to read.</summary>
    public TransportVerdict DefaultJudge(TransportAnswer answer)
    {
        ArgumentNullException.ThrowIfNull(answer);
        if (answer.Status == (int)HttpStatusCode.Unauthorized)
        {
            return TransportVerdict.Fail(new ServiceCallException("credentials refused (HTTP 401)", ServiceCallFailure.Unauthorized, "401"));
        }

        if (answer.Status >= 500)
        {
            var applied = answer.MayApply ? "; it may or may not have been applied" : "";
            return TransportVerdict.Fail(new ServiceCallException($"{Service} answered HTTP {answer.StatusCode} to the {answer.Tag.Kind} request{applied}", answer.LostFailure, answer.StatusCode));
        }

        return TransportVerdict.Accept;
    }

    internal ServiceCallException Describe(TransportFault fault) => DescribeFault?.Invoke(fault) ?? DefaultDescription(fault);

    internal ServiceLimit? Limit(TransportAnswer answer)
    {
        if (ReadLimit is { } read)
        {
            return read(answer);
        }

        return TooManyRequests(answer, ServiceSignal.RateWindowExceeded()) is { } signal
            ? new ServiceLimit(signal, $"{Service} answered HTTP 429 to the {answer.Tag.Kind} request", "429")
            : null;
    }

    internal TransportVerdict Verdict(TransportAnswer answer) => Judge?.Invoke(answer) ?? DefaultJudge(answer);

    private ServiceCallException DefaultDescription(TransportFault fault)
    {
        var kind = fault.Tag.Kind;
        var applied = fault.MayApply ? "; it may or may not have been applied" : "";
        var message = fault.Kind switch
        {
            TransportFaultKind.Unreachable => $"could not reach {Service} for the {kind} request; nothing was sent",
            TransportFaultKind.TimedOut => $"the {Service} {kind} request timed out{applied}",
            _ => $"the answer to the {Service} {kind} request was lost ({fault.Error}){applied}",
        };
        return new ServiceCallException(message, fault.Failure, null, fault.Exception);
    }
}
