using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using Highwater.Core.Connectors;
using Highwater.Core.Governor;
using Microsoft.Extensions.Logging;

namespace Highwater.Connectors.Marketo;

/// <summary>
/// Sends one REST request through the call gate with a bearer token and turns every answer that
/// is not a success into a <see cref="ServiceCallException"/> (after reporting any rate signal on
/// the request's ticket). A 601 or 602 answer refreshes the token and resends the request once.
/// </summary>
internal sealed partial class MarketoClient(HttpClient http, MarketoConnectorOptions options, ICallGate gate, MarketoTokenSource tokens, ILogger logger)
{
    /// <summary>Response-level codes after which nothing was applied and a retry may succeed (error-codes.md: 6xx = not executed).</summary>
    private static readonly HashSet<string> TransientCodes = new(StringComparer.Ordinal) { "604", "608", "611", "614", "713" };

    /// <summary>The REST URL of <paramref name="relative"/> (e.g. <c>v1/leads.json?..</c>).</summary>
    public Uri Rest(string relative) => new(new Uri(options.BaseAddress!, "rest/"), relative);

    /// <summary>
    /// Sends the request <paramref name="build"/> makes (called again for a resend) and answers the
    /// JSON of a <c>success:true</c> answer.
    /// </summary>
    /// <param name="tag">What the request is, for the gate.</param>
    /// <param name="build">Makes the request.</param>
    /// <param name="mayApply">Whether the request changes data, so that a lost answer leaves its effect unknown.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    public async Task<JsonObject> SendAsync(CallTag tag, Func<HttpRequestMessage> build, bool mayApply, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var token = await tokens.GetAsync(cancellationToken).ConfigureAwait(false);
            using var ticket = await gate.EnterAsync(tag, cancellationToken).ConfigureAwait(false);
            using var request = build();
            request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
            var answer = await ExchangeAsync(request, tag, mayApply, ticket, cancellationToken).ConfigureAwait(false);
            if (answer["success"] is JsonValue success && success.TryGetValue<bool>(out var ok) && ok)
            {
                return answer;
            }

            var (code, message) = FirstError(answer);
            if (code is "601" or "602" && attempt == 1)
            {
                // Starred codes: nothing ran and nothing counted; a fresh token and one resend.
                LogTokenRefused(logger, tag.Kind, code);
                tokens.Invalidate(token);
                continue;
            }

            if (code is "601" or "602" or "603")
            {
                // A fresh token refused too (601, 602), or access denied (603): the credentials are
                // at fault, not the request, and no record is to blame.
                var why = code == "603" ? "" : ", with a fresh token";
                throw Fail(tag, $"credentials refused ({code} {message}{why})", ServiceCallFailure.Unauthorized, code);
            }

            var signal = code switch
            {
                "606" => ServiceSignal.RateWindowExceeded(),
                "607" => ServiceSignal.QuotaReached(),
                "615" => ServiceSignal.TooManyConcurrent(),
                _ => (ServiceSignal?)null,
            };
            if (signal is { } limit)
            {
                await ticket.ReportAsync(limit, cancellationToken).ConfigureAwait(false);
                throw Fail(tag, $"Marketo refused the request: {code} {message}", ServiceCallFailure.RateLimited, code);
            }

            var failure = code is not null && TransientCodes.Contains(code)
                ? ServiceCallFailure.Transient
                : ServiceCallFailure.Permanent;
            throw Fail(tag, $"Marketo answered {code ?? "success:false"}: {message}", failure, code);
        }
    }

    private async Task<JsonObject> ExchangeAsync(HttpRequestMessage request, CallTag tag, bool mayApply, ICallTicket ticket, CancellationToken cancellationToken)
    {
        var lost = mayApply ? ServiceCallFailure.Unknown : ServiceCallFailure.Transient;
        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException e) when (e.HttpRequestError is HttpRequestError.NameResolutionError or HttpRequestError.ConnectionError or HttpRequestError.SecureConnectionError)
        {
            throw Fail(tag, "Marketo could not be reached", ServiceCallFailure.Transient, null, e);
        }
        catch (HttpRequestException e)
        {
            throw Fail(tag, "the connection to Marketo broke before its answer came", lost, null, e);
        }
        catch (OperationCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw Fail(tag, "Marketo did not answer in time", lost, null, e);
        }

        using (response)
        {
            var status = (int)response.StatusCode;
            var code = status.ToString(CultureInfo.InvariantCulture);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                var retry = response.Headers.RetryAfter;
                var signal = retry?.Delta is { } delta ? ServiceSignal.Retry(delta)
                    : retry?.Date is { } date ? ServiceSignal.RetryAt(date)
                    : ServiceSignal.RateWindowExceeded();
                await ticket.ReportAsync(signal, cancellationToken).ConfigureAwait(false);
                throw Fail(tag, "Marketo answered HTTP 429", ServiceCallFailure.RateLimited, code);
            }

            if (status >= 500)
            {
                throw Fail(tag, $"Marketo answered HTTP {code}", lost, code);
            }

            if (response.StatusCode is HttpStatusCode.Unauthorized)
            {
                throw Fail(tag, "credentials refused (HTTP 401)", ServiceCallFailure.Unauthorized, code);
            }

            if (!response.IsSuccessStatusCode)
            {
                // 413 (body over 1 MB) and 414 (URL over 8 KB) are ours to avoid; 401/403/404 will not pass by themselves.
                throw Fail(tag, $"Marketo answered HTTP {code}", ServiceCallFailure.Permanent, code);
            }

            try
            {
                var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
                return JsonNode.Parse(body) as JsonObject ?? throw Fail(tag, "Marketo answered JSON that is not an object", lost, null);
            }
            catch (System.Text.Json.JsonException e)
            {
                throw Fail(tag, "Marketo answered something that is not JSON", lost, null, e);
            }
            catch (HttpRequestException e)
            {
                throw Fail(tag, "the connection to Marketo broke while its answer came", lost, null, e);
            }
        }
    }

    private static (string? Code, string? Message) FirstError(JsonObject answer)
    {
        var first = (answer["errors"] as JsonArray)?.FirstOrDefault() as JsonObject;
        return (MarketoJson.Text(first?["code"]), MarketoJson.Text(first?["message"]));
    }

    private ServiceCallException Fail(CallTag tag, string message, ServiceCallFailure failure, string? code, Exception? inner = null)
    {
        LogCallFailed(logger, tag.Kind, failure, code);
        return new ServiceCallException(message, failure, code, inner);
    }

    [LoggerMessage(EventId = 5001, Level = LogLevel.Information, Message = "Marketo refused the access token on a {Kind} request ({Code}); refreshing it and resending once")]
    private static partial void LogTokenRefused(ILogger logger, string kind, string code);

    [LoggerMessage(EventId = 5002, Level = LogLevel.Warning, Message = "Marketo {Kind} request failed: {Failure} ({Code})")]
    private static partial void LogCallFailed(ILogger logger, string kind, ServiceCallFailure failure, string? code);
}
