using System.Text.Json.Nodes;
using Highwater.Connectors.Transport;
using Highwater.Core.Connectors;
using Highwater.Core.Governor;

namespace Highwater.Connectors.Marketo;

/// <summary>
/// What Marketo plugs into the shared transport: its REST API answers HTTP 200 with
/// <c>success:false</c> and a code for most failures (601/602 a token to refresh, 603 access
/// denied, 606/607/615 limits, 6xx others), and its identity endpoint, whose failures read apart.
/// </summary>
internal static class MarketoTransportRules
{
    /// <summary>Response-level codes after which nothing was applied and a retry may succeed (error-codes.md: 6xx = not executed).</summary>
    private static readonly HashSet<string> TransientCodes = new(StringComparer.Ordinal) { "604", "608", "611", "614", "713" };

    /// <summary>The REST API's rules.</summary>
    public static TransportRules Rest { get; } = new()
    {
        Service = "Marketo",
        DescribeFault = f => f.Kind switch
        {
            TransportFaultKind.Unreachable => new ServiceCallException("Marketo could not be reached", ServiceCallFailure.Transient, null, f.Exception),
            TransportFaultKind.TimedOut => new ServiceCallException("Marketo did not answer in time", f.LostFailure, null, f.Exception),
            _ => new ServiceCallException("the connection to Marketo broke before its answer came", f.LostFailure, null, f.Exception),
        },
        ReadLimit = RestLimit,
        Judge = RestVerdict,
    };

    /// <summary>
    /// How Marketo's batch writes split: a body over <paramref name="maxBodyBytes"/> (Marketo answers
    /// 413 above 1 MB, error-codes.md) is halved before it is sent, a record too large alone is
    /// refused unsent. Its per-record results say which record is at fault otherwise.
    /// </summary>
    public static BatchSplitRule<JsonObject> Batches(int maxBodyBytes) => new() { Service = "Marketo", MaxBodyBytes = maxBodyBytes };

    /// <summary>The identity endpoint's rules: every failure to get an answer is transient (a token request changes nothing).</summary>
    public static TransportRules Identity { get; } = new()
    {
        Service = "Marketo identity",
        DescribeFault = f => f.Kind == TransportFaultKind.TimedOut
            ? new ServiceCallException("Marketo identity timed out", ServiceCallFailure.Transient, null, f.Exception)
            : new ServiceCallException("Marketo identity could not be reached", ServiceCallFailure.Transient, null, f.Exception),
        ReadLimit = _ => null,
        Judge = a => a.Status switch
        {
            401 => TransportVerdict.Fail(new ServiceCallException("credentials refused (HTTP 401 from identity)", ServiceCallFailure.Unauthorized, "401")),
            >= 500 => TransportVerdict.Fail(new ServiceCallException($"Marketo identity answered HTTP {a.StatusCode}", ServiceCallFailure.Transient, a.StatusCode)),
            _ when !a.IsSuccess => TransportVerdict.Fail(new ServiceCallException($"Marketo identity answered HTTP {a.StatusCode}", ServiceCallFailure.Permanent, a.StatusCode)),
            _ => TransportVerdict.Accept,
        },
    };

    /// <summary>HTTP 429 (Retry-After, else the short window), or a 200 whose first error is 606, 607 or 615.</summary>
    private static ServiceLimit? RestLimit(TransportAnswer answer)
    {
        if (TransportRules.TooManyRequests(answer, ServiceSignal.RateWindowExceeded()) is { } retry)
        {
            return new ServiceLimit(retry, "Marketo answered HTTP 429", "429");
        }

        if (!answer.IsSuccess || answer.Json is not JsonObject json || Succeeded(json))
        {
            return null;
        }

        var (code, message) = FirstError(json);
        ServiceSignal? signal = code switch
        {
            "606" => ServiceSignal.RateWindowExceeded(),
            "607" => ServiceSignal.QuotaReached(),
            "615" => ServiceSignal.TooManyConcurrent(),
            _ => null,
        };
        return signal is { } limit ? new ServiceLimit(limit, $"Marketo refused the request: {code} {message}", code) : null;
    }

    private static TransportVerdict RestVerdict(TransportAnswer answer)
    {
        var lost = answer.LostFailure;
        if (answer.Status >= 500)
        {
            return Fail($"Marketo answered HTTP {answer.StatusCode}", lost, answer.StatusCode);
        }

        if (answer.Status == 401)
        {
            return Fail("credentials refused (HTTP 401)", ServiceCallFailure.Unauthorized, answer.StatusCode);
        }

        if (!answer.IsSuccess)
        {
            // 413 (body over 1 MB) and 414 (URL over 8 KB) are ours to avoid; 403/404 will not pass by themselves.
            return Fail($"Marketo answered HTTP {answer.StatusCode}", ServiceCallFailure.Permanent, answer.StatusCode);
        }

        if (answer.JsonError is { } notJson)
        {
            return TransportVerdict.Fail(new ServiceCallException("Marketo answered something that is not JSON", lost, null, notJson));
        }

        if (answer.Json is not JsonObject json)
        {
            return Fail("Marketo answered JSON that is not an object", lost, null);
        }

        if (Succeeded(json))
        {
            return TransportVerdict.Accept;
        }

        var (code, message) = FirstError(json);
        if (code is "601" or "602")
        {
            // Starred codes: nothing ran and nothing counted. The transport takes a fresh token and
            // resends once; refused again, the credentials are at fault, not the request.
            return TransportVerdict.CredentialsRefused(new ServiceCallException($"credentials refused ({code} {message}, with a fresh token)", ServiceCallFailure.Unauthorized, code));
        }

        if (code == "603")
        {
            // Access denied: no fresh token helps, and no record is to blame.
            return Fail($"credentials refused ({code} {message})", ServiceCallFailure.Unauthorized, code);
        }

        var failure = code is not null && TransientCodes.Contains(code) ? ServiceCallFailure.Transient : ServiceCallFailure.Permanent;
        return Fail($"Marketo answered {code ?? "success:false"}: {message}", failure, code);
    }

    private static bool Succeeded(JsonObject answer) => answer["success"] is JsonValue success && success.TryGetValue<bool>(out var ok) && ok;

    private static (string? Code, string? Message) FirstError(JsonObject answer)
    {
        var first = (answer["errors"] as JsonArray)?.FirstOrDefault() as JsonObject;
        return (MarketoJson.Text(first?["code"]), MarketoJson.Text(first?["message"]));
    }

    private static TransportVerdict Fail(string message, ServiceCallFailure failure, string? code) =>
        TransportVerdict.Fail(new ServiceCallException(message, failure, code));
}
