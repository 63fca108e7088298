using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using Highwater.Connectors.Transport;
using Highwater.Core.Connectors;
using Highwater.Core.Governor;

namespace Highwater.Connectors.Eloqua;

/// <summary>
/// What Eloqua plugs into the shared transport: 401 refuses the credentials (Basic ones: nothing
/// to refresh); 429 tells the governor its Retry-After, or the configured backoff; 503 applied
/// nothing; any other 5xx, and any answer that never came, leave the request's effect unknown.
/// </summary>
internal static class EloquaTransportRules
{
    /// <summary>
    /// How a sync's rows are staged: in uploads of at most <paramref name="maxUploadBytes"/> (the Bulk
    /// API answers 404 above 32 MB a POST), a row too large alone refused unsent. A sync's rejects
    /// name each bad row, so no answer refuses an upload for one row.
    /// </summary>
    public static BatchSplitRule<(HttpStatusCode Status, JsonNode? Body)> Uploads(int maxUploadBytes) => new() { Service = "Eloqua", MaxBodyBytes = maxUploadBytes, TooLargeStatus = 404 };

    /// <summary>The rules, with <paramref name="rateLimitBackoff"/> for a 429 without Retry-After.</summary>
    public static TransportRules For(TimeSpan rateLimitBackoff) => new()
    {
        Service = "Eloqua",
        DescribeFault = f => new ServiceCallException($"Eloqua {f.Tag.Kind}: the answer was lost ({f.Exception.Message})", ServiceCallFailure.Unknown, null, f.Exception),
        ReadLimit = a => TransportRules.TooManyRequests(a, ServiceSignal.Retry(rateLimitBackoff)) is { } signal
            ? new ServiceLimit(signal, $"Eloqua {a.Tag.Kind}: 429 Too Many Requests", "429")
            : null,
        Judge = a => a.Status switch
        {
            401 => TransportVerdict.Fail(new ServiceCallException("credentials refused (HTTP 401: check the company, user name and password)", ServiceCallFailure.Unauthorized, "401")),
            503 => TransportVerdict.Fail(new ServiceCallException($"Eloqua {a.Tag.Kind}: 503 Service Unavailable", ServiceCallFailure.Transient, "503")),
            >= 500 => TransportVerdict.Fail(new ServiceCallException($"Eloqua {a.Tag.Kind}: HTTP {a.Status.ToString(CultureInfo.InvariantCulture)}", ServiceCallFailure.Unknown, a.StatusCode)),
            _ => TransportVerdict.Accept,
        },
    };
}
