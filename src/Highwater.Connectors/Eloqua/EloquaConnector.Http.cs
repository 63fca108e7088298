using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Highwater.Connectors.Transport;
using Highwater.Core.Connectors;

namespace Highwater.Connectors.Eloqua;

public sealed partial class EloquaConnector
{
    /// <summary>
    /// Sends one request through the shared transport (<see cref="EloquaTransportRules"/>) and
    /// answers its status and body. 401 refuses the credentials; 429 tells the governor
    /// (Retry-After, or the configured backoff) and fails the call as rate limited; 503 is transient
    /// (nothing applied); other 5xx, a timeout or a dropped connection leave the outcome unknown.
    /// Other statuses come back for the caller to read. A relative <paramref name="path"/> goes to
    /// the pod, found first if need be.
    /// </summary>
    private async Task<(HttpStatusCode Status, JsonNode? Body)> SendAsync(CallTag tag, HttpMethod method, string path, JsonNode? body, CancellationToken cancellationToken)
    {
        var answer = await _transport.SendAsync(tag, () => Request(method, TransportUri.Of(path), body), mayApply: true, cancellationToken).ConfigureAwait(false);
        return ((HttpStatusCode)answer.Status, Parse(answer.Body));
    }

    /// <summary>A request without credentials (the transport adds them), asking for JSON.</summary>
    internal static HttpRequestMessage Request(HttpMethod method, Uri uri, JsonNode? body)
    {
        var request = new HttpRequestMessage(method, uri);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        if (body is not null)
        {
            request.Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json");
        }

        return request;
    }

    /// <summary>The body as JSON; a body that is not JSON as a JSON string; null for none.</summary>
    internal static JsonNode? Parse(string text)
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
