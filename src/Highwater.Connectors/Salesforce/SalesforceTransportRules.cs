using System.Globalization;
using System.Text.RegularExpressions;
using Highwater.Connectors.Transport;
using Highwater.Core.Connectors;
using Highwater.Core.Governor;

namespace Highwater.Connectors.Salesforce;

/// <summary>
/// What Salesforce plugs into the shared transport: every answer's <c>Sforce-Limit-Info</c> is
/// usage; 403 REQUEST_LIMIT_EXCEEDED is the day's quota (or the concurrency cap); 401
/// INVALID_SESSION_ID asks for a new session; a 5xx, a time-out or a lost connection leave any
/// request's effect unknown; the token endpoint's failures read apart.
/// </summary>
internal static partial class SalesforceTransportRules
{
    /// <summary>The REST API's rules.</summary>
    public static TransportRules Rest { get; } = new()
    {
        Service = "Salesforce",
        DescribeFault = Describe,
        ReadUsage = Usage,
        ReadLimit = Limit,
        Judge = RestVerdict,
    };

    /// <summary>The token endpoint's rules: usage is read, a 5xx is transient, any other failure refuses the credentials.</summary>
    public static TransportRules Token { get; } = new()
    {
        Service = "Salesforce",
        DescribeFault = Describe,
        ReadUsage = Usage,
        ReadLimit = _ => null,
        Judge = TokenVerdict,
    };

    /// <summary>The org-wide <c>api-usage=n/N</c> of a <c>Sforce-Limit-Info</c> header, or null.</summary>
    public static (long Used, long Limit)? ParseUsage(string header)
    {
        var match = UsagePattern().Match(header);
        return match.Success
            && long.TryParse(match.Groups[1].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var used)
            && long.TryParse(match.Groups[2].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var limit)
            ? (used, limit)
            : null;
    }

    /// <summary>The answer as the connector reads it, made once.</summary>
    public static SalesforceAnswer Read(TransportAnswer answer) => answer.As(a => new SalesforceAnswer(a.Status, a.Body));

    private static ServiceCallException Describe(TransportFault fault) => fault.Kind switch
    {
        TransportFaultKind.Unreachable => new ServiceCallException($"could not reach Salesforce for the {fault.Tag.Kind} request; nothing was sent", ServiceCallFailure.Transient, null, fault.Exception),
        TransportFaultKind.TimedOut => new ServiceCallException($"the Salesforce {fault.Tag.Kind} request timed out; it may or may not have been applied", ServiceCallFailure.Unknown, null, fault.Exception),
        _ => new ServiceCallException($"the answer to the Salesforce {fault.Tag.Kind} request was lost ({fault.Error}); it may or may not have been applied", ServiceCallFailure.Unknown, null, fault.Exception),
    };

    /// <summary><c>Sforce-Limit-Info: api-usage=18/5000[; per-app-api-usage=..]</c> → <see cref="ServiceSignal.Usage"/>.</summary>
    private static ServiceSignal? Usage(TransportAnswer answer) =>
        answer.Headers.TryGetValues("Sforce-Limit-Info", out var values) && ParseUsage(string.Join(';', values)) is { } usage
            ? ServiceSignal.Usage(usage.Used, usage.Limit)
            : null;

    private static ServiceLimit? Limit(TransportAnswer answer)
    {
        var (code, message) = Read(answer).FirstError();
        if (answer.Status != 403 || code != "REQUEST_LIMIT_EXCEEDED")
        {
            return null;
        }

        // "TotalRequests Limit exceeded." is the rolling 24-hour allocation;
        // "ConcurrentRequests (Concurrent API Requests) Limit exceeded." the long-running-request cap.
        var concurrent = message?.Contains("ConcurrentRequests", StringComparison.OrdinalIgnoreCase) == true;
        return new ServiceLimit(concurrent ? ServiceSignal.TooManyConcurrent() : ServiceSignal.QuotaReached(), $"Salesforce refused the {answer.Tag.Kind} request: {message}", code);
    }

    private static TransportVerdict RestVerdict(TransportAnswer answer)
    {
        var (code, message) = Read(answer).FirstError();
        if (answer.Status == 401)
        {
            var refused = new ServiceCallException($"credentials refused (HTTP 401 {code}, with a new session)", ServiceCallFailure.Unauthorized, code ?? "401");
            return code == "INVALID_SESSION_ID" ? TransportVerdict.CredentialsRefused(refused) : TransportVerdict.Fail(refused);
        }

        if (answer.Status >= 500)
        {
            return TransportVerdict.Fail(new ServiceCallException(
                $"Salesforce answered HTTP {answer.Status} ({code}: {message}) to the {answer.Tag.Kind} request; it may or may not have been applied",
                ServiceCallFailure.Unknown,
                code ?? answer.StatusCode));
        }

        if (answer.Status == 403)
        {
            return TransportVerdict.Fail(new ServiceCallException($"Salesforce refused the {answer.Tag.Kind} request with HTTP {answer.Status}: {code}: {message}", ServiceCallFailure.Permanent, code));
        }

        return TransportVerdict.Accept;
    }

    private static TransportVerdict TokenVerdict(TransportAnswer answer)
    {
        var (code, message) = Read(answer).FirstError();
        if (answer.Status >= 500)
        {
            return TransportVerdict.Fail(new ServiceCallException($"Salesforce's token endpoint answered HTTP {answer.Status}", ServiceCallFailure.Transient, code));
        }

        return answer.IsSuccess
            ? TransportVerdict.Accept
            : TransportVerdict.Fail(new ServiceCallException($"credentials refused (HTTP {answer.Status} {code} from the token endpoint: {message})", ServiceCallFailure.Unauthorized, code));
    }

    [GeneratedRegex(@"(?:^|[;,\s])api-usage=(\d+)/(\d+)")]
    private static partial Regex UsagePattern();
}
