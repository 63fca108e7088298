using System.Globalization;
using Highwater.Connectors.Transport;
using Highwater.Core.Connectors;
using Highwater.Core.Governor;

namespace Highwater.Connectors.Pardot;

/// <summary>
/// What Pardot plugs into the shared transport. Its failures are codes in the body, whatever the
/// HTTP status (Salesforce documents the body, not the status): 66 (five in flight) and 122 (the
/// day's calls spent) are limits; 184 asks for a new session; 181, 201 and 49 refuse the
/// credentials; 62 and 85 applied nothing. A bare 429 is a short-window limit; a 5xx loses the
/// answer. The token endpoint (Salesforce's) fails apart.
/// </summary>
internal static class PardotTransportRules
{
    /// <summary>Codes after which nothing was applied and a later try may succeed (62 conflicting update, 85 unable to save).</summary>
    private static readonly HashSet<int> TransientCodes = [62, 85];

    /// <summary>Codes the judge reads before the HTTP status: a 429 carrying one of them is read by its code.</summary>
    private static readonly HashSet<int> JudgedCodes = [184, 181, 201, 49, 62, 85];

    /// <summary>The API's rules.</summary>
    public static TransportRules Api { get; } = new()
    {
        Service = "Pardot",
        DescribeFault = Describe,
        ReadLimit = Limit,
        Judge = ApiVerdict,
    };

    /// <summary>The token endpoint's rules: a 5xx is transient; the session source reads the rest.</summary>
    public static TransportRules Token { get; } = new()
    {
        Service = "Pardot",
        DescribeFault = Describe,
        ReadLimit = _ => null,
        Judge = a => a.Status >= 500
            ? TransportVerdict.Fail(new ServiceCallException($"Salesforce's token endpoint answered HTTP {a.Status}", ServiceCallFailure.Transient, a.StatusCode))
            : TransportVerdict.Accept,
    };

    /// <summary>The answer as the connector reads it, made once.</summary>
    public static PardotResponse Read(TransportAnswer answer) => answer.As(a => new PardotResponse(a.Status, a.Body, a.MediaType));

    private static ServiceCallException Describe(TransportFault fault) => fault.Kind switch
    {
        TransportFaultKind.Unreachable => new ServiceCallException($"could not reach Pardot for the {fault.Tag.Kind} request; nothing was sent", ServiceCallFailure.Transient, null, fault.Exception),
        TransportFaultKind.TimedOut => new ServiceCallException($"the Pardot {fault.Tag.Kind} request timed out", fault.LostFailure, null, fault.Exception),
        _ => new ServiceCallException($"the answer to the Pardot {fault.Tag.Kind} request was lost ({fault.Error})", fault.LostFailure, null, fault.Exception),
    };

    private static ServiceLimit? Limit(TransportAnswer answer)
    {
        var response = Read(answer);
        if (response.ErrorCode is 66 or 122)
        {
            var signal = response.ErrorCode == 66 ? ServiceSignal.TooManyConcurrent() : ServiceSignal.QuotaReached();
            return new ServiceLimit(signal, $"Pardot refused the {answer.Tag.Kind} request: code {response.ErrorCode} ({response.ErrorMessage})", Code(response.ErrorCode));
        }

        if (answer.Status == 429 && (response.ErrorCode is not { } code || !JudgedCodes.Contains(code)))
        {
            return new ServiceLimit(ServiceSignal.RateWindowExceeded(), $"Pardot answered HTTP 429 to the {answer.Tag.Kind} request", "429");
        }

        return null;
    }

    private static TransportVerdict ApiVerdict(TransportAnswer answer)
    {
        var response = Read(answer);
        switch (response.ErrorCode)
        {
            case 184:
                // An expired session: the transport takes a new one and sends once more.
                return TransportVerdict.CredentialsRefused(Refused(response));
            case 181 or 201 or 49:
                return TransportVerdict.Fail(Refused(response));
            case { } code when TransientCodes.Contains(code):
                return TransportVerdict.Fail(new ServiceCallException($"Pardot could not apply the {answer.Tag.Kind} request now: code {code} ({response.ErrorMessage})", ServiceCallFailure.Transient, Code(code)));
        }

        if (answer.Status >= 500)
        {
            return TransportVerdict.Fail(new ServiceCallException(
                $"Pardot answered HTTP {answer.Status} to the {answer.Tag.Kind} request" + (answer.MayApply ? "; it may or may not have been applied" : ""),
                answer.LostFailure,
                answer.StatusCode));
        }

        return TransportVerdict.Accept;
    }

    private static ServiceCallException Refused(PardotResponse response) =>
        new($"credentials refused (code {response.ErrorCode}: {response.ErrorMessage})", ServiceCallFailure.Unauthorized, Code(response.ErrorCode));

    private static string? Code(int? code) => code?.ToString(CultureInfo.InvariantCulture);
}
