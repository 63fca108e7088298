using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Highwater.Connectors.Transport;
using Highwater.Core.Connectors;

namespace Highwater.Connectors.Salesforce;

public sealed partial class SalesforceConnector
{
    /// <summary>
    /// Sends one REST request through the shared transport (<see cref="SalesforceTransportRules.Rest"/>)
    /// and answers it, unless it failed as a whole: REQUEST_LIMIT_EXCEEDED is reported to the
    /// governor and thrown as <see cref="ServiceCallFailure.RateLimited"/>; a 5xx, a timeout or a
    /// connection lost after sending is <see cref="ServiceCallFailure.Unknown"/>; a connection never
    /// made is <see cref="ServiceCallFailure.Transient"/>. INVALID_SESSION_ID takes a new session and
    /// sends the request once more. Every answer's <c>Sforce-Limit-Info</c> is reported as usage.
    /// </summary>
    private async Task<SalesforceAnswer> SendAsync(CallTag tag, HttpMethod method, string path, string? json, CancellationToken cancellationToken)
    {
        var answer = await _transport.SendAsync(tag, () => Request(method, path, json), mayApply: true, cancellationToken);
        return SalesforceTransportRules.Read(answer);
    }

    /// <summary>A request to <paramref name="path"/> under the instance, which the session places.</summary>
    private static HttpRequestMessage Request(HttpMethod method, string path, string? json)
    {
        var request = new HttpRequestMessage(method, TransportUri.Of(path));
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        if (json is not null)
        {
            request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        }

        return request;
    }

    /// <summary>The org-wide <c>api-usage=n/N</c> of a <c>Sforce-Limit-Info</c> header, or null.</summary>
    internal static (long Used, long Limit)? ParseUsage(string header) => SalesforceTransportRules.ParseUsage(header);

    private Task<SalesforceSession> SessionAsync(CancellationToken cancellationToken) => _sessions.GetSessionAsync(cancellationToken);

    /// <summary>
    /// Runs a SOQL query and follows <c>nextRecordsUrl</c> to the last page, every page a request
    /// of <paramref name="tag"/>. Answers every row.
    /// </summary>
    private async Task<List<JsonElement>> QueryAsync(CallTag tag, string soql, CancellationToken cancellationToken)
    {
        var rows = new List<JsonElement>();
        string? next = DataPath("query?q=" + Uri.EscapeDataString(soql));
        while (next is not null)
        {
            var answer = await SendAsync(tag, HttpMethod.Get, next, null, cancellationToken);
            if (!answer.IsSuccess)
            {
                throw Refused(tag, answer);
            }

            next = SalesforceJson.ReadPage(answer.Body, rows);
        }

        return rows;
    }

    /// <summary>A query's URI length in bytes, to keep it under <see cref="SalesforceConnectorOptions.MaxQueryUriBytes"/>.</summary>
    private int QueryUriBytes(Uri instance, string soql) => instance.AbsoluteUri.Length + DataPath("query?q=").Length + Uri.EscapeDataString(soql).Length;

    private static ServiceCallException Refused(CallTag tag, SalesforceAnswer answer)
    {
        var (code, message) = answer.FirstError();
        return new ServiceCallException($"Salesforce refused the {tag.Kind} request with HTTP {answer.Status}: {code}: {message}", ServiceCallFailure.Permanent, code ?? answer.Status.ToString(CultureInfo.InvariantCulture));
    }
}
