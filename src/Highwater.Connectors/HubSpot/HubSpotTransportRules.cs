using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Highwater.Connectors.Transport;
using Highwater.Core.Connectors;
using Highwater.Core.Governor;

namespace Highwater.Connectors.HubSpot;

/// <summary>
/// What HubSpot plugs into the shared transport. Every answer but search's carries
/// <c>X-HubSpot-RateLimit-*</c> headers, the service's own count of the day and of the rolling 10
/// seconds; a 429 names its <c>policyName</c> (<c>DAILY</c>: the day is spent;
/// <c>TEN_SECONDLY_ROLLING</c>: the burst window; <c>SECONDLY</c>: search's second) and may carry a
/// Retry-After; 401 refuses the token (a private app's token does not expire, so that is final; an
/// OAuth access token is taken afresh once), 403 lacks a scope, 423 is a lock to wait out, a 5xx
/// leaves a write's outcome unknown.
/// </summary>
internal static class HubSpotTransportRules
{
    /// <summary>
    /// The API's rules; <paramref name="rateLimitBackoff"/> is the wait after a 429 that names neither
    /// policy nor Retry-After; with <paramref name="oauth"/> a 401 takes a fresh access token once.
    /// </summary>
    public static TransportRules Create(TimeSpan rateLimitBackoff, bool oauth = false) => new()
    {
        Service = "HubSpot",
        DescribeFault = Describe,
        ReadUsage = WindowUsage,
        ReadLimit = a => Limit(a, rateLimitBackoff),
        Judge = a => Verdict(a, oauth),
    };

    /// <summary>
    /// The token endpoint's rules: no usage headers; a 5xx loses the answer (nothing was changed);
    /// every other answer, a refused refresh token's 400 included, is for <see cref="HubSpotOAuth"/> to read.
    /// </summary>
    public static TransportRules Token { get; } = new()
    {
        Service = "HubSpot",
        DescribeFault = Describe,
        Judge = a => a.Status >= 500
            ? TransportVerdict.Fail(new ServiceCallException($"HubSpot's token endpoint answered HTTP {a.StatusCode}", ServiceCallFailure.Transient, a.StatusCode))
            : TransportVerdict.Accept,
    };

    /// <summary>The answer as the connector reads it, made once, over the body the transport parsed (null when empty, not JSON or not an object, as a proxy's HTML error page).</summary>
    public static HubSpotAnswer Read(TransportAnswer answer) => answer.As(a => new HubSpotAnswer(a.Status, a.Json as JsonObject));

    /// <summary><c>X-HubSpot-RateLimit-Daily</c> and <c>-Daily-Remaining</c>: the day's usage, other integrations' calls included.</summary>
    public static ServiceSignal? DailyUsage(HttpResponseHeaders headers) =>
        Number(headers, "X-HubSpot-RateLimit-Daily") is { } daily && Number(headers, "X-HubSpot-RateLimit-Daily-Remaining") is { } left
            ? ServiceSignal.Remaining(left, daily)
            : null;

    /// <summary><c>X-HubSpot-RateLimit-Max</c> and <c>-Remaining</c> when <c>-Interval-Milliseconds</c> is 10000: the 10-second window's usage.</summary>
    private static ServiceSignal? WindowUsage(TransportAnswer answer) =>
        Number(answer.Headers, "X-HubSpot-RateLimit-Interval-Milliseconds") == 10_000
        && Number(answer.Headers, "X-HubSpot-RateLimit-Max") is { } max && Number(answer.Headers, "X-HubSpot-RateLimit-Remaining") is { } left
            ? ServiceSignal.Remaining(left, max, HubSpotService.TenSecondWindow)
            : null;

    /// <summary>A 429's signal by its policy (the day spent, the burst window exceeded, search's second), or the wait its Retry-After names; a 423's two seconds.</summary>
    private static ServiceLimit? Limit(TransportAnswer answer, TimeSpan backoff)
    {
        if (answer.Status == 423)
        {
            // "Locked": HubSpot asks for a wait of at least 2 seconds; nothing was applied.
            return new ServiceLimit(ServiceSignal.Retry(TimeSpan.FromSeconds(2)), $"HubSpot {answer.Tag.Kind}: 423 Locked", "423");
        }

        if (answer.Status != 429)
        {
            return null;
        }

        var hubSpot = Read(answer);
        var policy = JsonText.Of(hubSpot.Body?["policyName"]);
        var retryAfter = answer.Headers.RetryAfter;
        var signal = (policy, retryAfter) switch
        {
            ("DAILY", _) => ServiceSignal.QuotaReached(),
            (_, { Delta: { } delta }) => ServiceSignal.Retry(delta),
            (_, { Date: { } date }) => ServiceSignal.RetryAt(date),
            ("TEN_SECONDLY_ROLLING", _) => ServiceSignal.RateWindowExceeded(HubSpotService.TenSecondWindow),
            ("SECONDLY", _) => ServiceSignal.Retry(TimeSpan.FromSeconds(1)),
            _ => ServiceSignal.Retry(backoff),
        };
        return new ServiceLimit(signal, $"HubSpot {answer.Tag.Kind}: 429 {policy ?? "RATE_LIMIT"}: {hubSpot.Error().Message}", policy ?? "429");
    }

    private static TransportVerdict Verdict(TransportAnswer answer, bool oauth)
    {
        var (category, message) = Read(answer).Error();
        return answer.Status switch
        {
            401 when oauth => TransportVerdict.CredentialsRefused(new ServiceCallException($"credentials refused (HTTP 401 {category}: a fresh OAuth access token was refused too: check the app's scopes and that it is still installed)", ServiceCallFailure.Unauthorized, "401")),
            401 => TransportVerdict.Fail(new ServiceCallException($"credentials refused (HTTP 401 {category}: check the private app's access token)", ServiceCallFailure.Unauthorized, "401")),
            403 => TransportVerdict.Fail(new ServiceCallException($"HubSpot refused the {answer.Tag.Kind} request (HTTP 403 {category}: {message}); the app may lack a scope", ServiceCallFailure.Permanent, category ?? "403")),
            >= 500 => TransportVerdict.Fail(new ServiceCallException(
                $"HubSpot {answer.Tag.Kind}: HTTP {answer.StatusCode}{(message is null ? "" : $" ({message})")}",
                answer.LostFailure,
                answer.StatusCode)),
            _ => TransportVerdict.Accept,
        };
    }

    private static ServiceCallException Describe(TransportFault fault) => fault.Kind switch
    {
        TransportFaultKind.Unreachable => new ServiceCallException($"could not reach HubSpot for the {fault.Tag.Kind} request; nothing was sent", ServiceCallFailure.Transient, null, fault.Exception),
        TransportFaultKind.TimedOut => new ServiceCallException($"HubSpot {fault.Tag.Kind}: the request timed out", fault.LostFailure, null, fault.Exception),
        _ => new ServiceCallException($"HubSpot {fault.Tag.Kind}: the answer was lost ({fault.Exception.Message})", fault.LostFailure, null, fault.Exception),
    };

    private static long? Number(HttpResponseHeaders headers, string name) =>
        headers.TryGetValues(name, out var values) && long.TryParse(values.FirstOrDefault(), NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : null;
}
