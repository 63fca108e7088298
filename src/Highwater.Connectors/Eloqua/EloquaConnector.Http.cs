using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Highwater.Core.Connectors;
using Highwater.Core.Governor;

namespace Highwater.Connectors.Eloqua;

public sealed partial class EloquaConnector
{
    /// <summary>
    /// Sends one request through the gate and answers its status and body. 401 is a permanent
    /// failure; 429 tells the governor (Retry-After, or the configured backoff) and fails the call as
    /// rate limited; 503 is transient (nothing applied); other 5xx, a timeout or a dropped
    /// connection leave the outcome unknown. Other statuses come back for the caller to read.
    /// </summary>
    private async Task<(HttpStatusCode Status, JsonNode? Body)> SendAsync(CallTag tag, HttpMethod method, string path, JsonNode? body, CancellationToken cancellationToken)
    {
        var baseUrl = await BaseAsync(cancellationToken).ConfigureAwait(false);
        return await SendToAsync(tag, method, new Uri(baseUrl, path), body, cancellationToken).ConfigureAwait(false);
    }

    private async Task<(HttpStatusCode Status, JsonNode? Body)> SendToAsync(CallTag tag, HttpMethod method, Uri uri, JsonNode? body, CancellationToken cancellationToken)
    {
        using var ticket = await _gate.EnterAsync(tag, cancellationToken).ConfigureAwait(false);
        using var request = new HttpRequestMessage(method, uri);
        request.Headers.TryAddWithoutValidation("Authorization", _authorization);
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
            throw new ServiceCallException($"Eloqua {tag.Kind}: the answer was lost ({ex.Message})", ServiceCallFailure.Unknown, null, ex);
        }

        using (response)
        {
            var status = response.StatusCode;
            switch ((int)status)
            {
                case 401:
                    throw new ServiceCallException("credentials refused (HTTP 401: check the company, user name and password)", ServiceCallFailure.Unauthorized, "401");
                case 429:
                    await ticket.ReportAsync(RetrySignal(response.Headers.RetryAfter), cancellationToken).ConfigureAwait(false);
                    throw new ServiceCallException($"Eloqua {tag.Kind}: 429 Too Many Requests", ServiceCallFailure.RateLimited, "429");
                case 503:
                    throw new ServiceCallException($"Eloqua {tag.Kind}: 503 Service Unavailable", ServiceCallFailure.Transient, "503");
                case >= 500:
                    throw new ServiceCallException($"Eloqua {tag.Kind}: HTTP {(int)status}", ServiceCallFailure.Unknown, ((int)status).ToString(System.Globalization.CultureInfo.InvariantCulture));
            }

            return (status, Parse(text));
        }
    }

    private ServiceSignal RetrySignal(RetryConditionHeaderValue? retryAfter) => retryAfter switch
    {
        { Delta: { } delta } => ServiceSignal.Retry(delta),
        { Date: { } date } => ServiceSignal.RetryAt(date),
        _ => ServiceSignal.Retry(_options.RateLimitBackoff),
    };

    /// <summary>The pod's base URL: configured, or asked once of the login service (<c>GET /id</c> → <c>urls.base</c>).</summary>
    private async Task<Uri> BaseAsync(CancellationToken cancellationToken)
    {
        if (Volatile.Read(ref _base) is { } known)
        {
            return known;
        }

        await _discovery.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_base is { } found)
            {
                return found;
            }

            var (status, body) = await SendToAsync(CallTag.Auth, HttpMethod.Get, new Uri(_options.LoginUrl, "id"), null, cancellationToken).ConfigureAwait(false);
            if (body is JsonValue message && message.TryGetValue<string>(out var text))
            {
                // A bad login is answered 200 with the JSON string "Not authenticated.".
                throw new ServiceCallException($"credentials refused (login: {text})", ServiceCallFailure.Unauthorized, "id");
            }

            if (status != HttpStatusCode.OK || body?["urls"]?["base"]?.GetValue<string>() is not { Length: > 0 } baseUrl
                || !Uri.TryCreate(baseUrl.EndsWith('/') ? baseUrl : baseUrl + "/", UriKind.Absolute, out var uri))
            {
                throw new ServiceCallException($"Eloqua login: HTTP {(int)status} without the instance's base URL", ServiceCallFailure.Transient, "id");
            }

            Volatile.Write(ref _base, uri);
            return uri;
        }
        finally
        {
            _discovery.Release();
        }
    }

    private static JsonNode? Parse(string text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        try
        {
            return JsonNode.Parse(text);
        }
        catch (System.Text.Json.JsonException)
        {
            return JsonValue.Create(text);
        }
    }

    /// <summary>A JSON value as text (Eloqua's REST answers carry numbers as strings).</summary>
    private static string? Text(JsonNode? node) => node switch
    {
        null => null,
        JsonValue v when v.TryGetValue<string>(out var s) => s,
        JsonValue v => v.ToJsonString(),
        _ => node.ToJsonString(),
    };

    /// <summary>The first message of an error answer: a validation error's requirement and property, or a Bulk failure's constraint.</summary>
    private static (string? Code, string Reason) Problem(HttpStatusCode status, JsonNode? body)
    {
        if (body is JsonArray { Count: > 0 } errors && errors[0] is JsonObject error)
        {
            var requirement = Text(error["requirement"]?["type"]);
            return (requirement ?? ((int)status).ToString(System.Globalization.CultureInfo.InvariantCulture), $"{requirement ?? "invalid"}: {Text(error["property"])} '{Text(error["value"])}'");
        }

        if (body?["failures"] is JsonArray { Count: > 0 } failures && failures[0] is JsonObject failure)
        {
            return (((int)status).ToString(System.Globalization.CultureInfo.InvariantCulture), $"{Text(failure["field"])}: {Text(failure["constraint"])}");
        }

        return (((int)status).ToString(System.Globalization.CultureInfo.InvariantCulture), $"HTTP {(int)status}");
    }
}
