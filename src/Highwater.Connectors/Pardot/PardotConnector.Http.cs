using System.Globalization;
using Highwater.Core.Connectors;

namespace Highwater.Connectors.Pardot;

public sealed partial class PardotConnector
{
    /// <summary>
    /// Sends one API request through the shared transport (<see cref="PardotTransportRules.Api"/>)
    /// with the session and the business unit, and answers it unless it failed as a whole: code 66
    /// (five in flight) and 122 (the day's calls spent) are reported to the governor and thrown as
    /// <see cref="ServiceCallFailure.RateLimited"/>, whatever the HTTP status; code 184 takes a new
    /// session and sends the request once more; 181 and 201 (the business unit) refuse the
    /// credentials; a 5xx, a timeout or a connection lost after sending is
    /// <see cref="ServiceCallFailure.Unknown"/> when the request changes data. Other failures are the
    /// caller's to read.
    /// </summary>
    /// <param name="tag">What the request is, for the gate.</param>
    /// <param name="method">The HTTP method.</param>
    /// <param name="path">The path and query under the API host, e.g. <c>api/prospect/version/4/do/read/email/a%40x.com?format=json</c>.</param>
    /// <param name="content">Makes the body (called again for a resend); null for none.</param>
    /// <param name="mayApply">Whether the request changes data, so that a lost answer leaves its effect unknown.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    private async Task<PardotResponse> SendAsync(CallTag tag, HttpMethod method, string path, Func<HttpContent>? content, bool mayApply, CancellationToken cancellationToken)
    {
        var api = PardotSessions.Root(_options.ApiBaseAddress);
        var answer = await _transport.SendAsync(
            tag,
            () =>
            {
                var request = new HttpRequestMessage(method, new Uri(api, path));
                request.Headers.TryAddWithoutValidation("Pardot-Business-Unit-Id", _options.BusinessUnitId);
                request.Content = content?.Invoke();
                return request;
            },
            mayApply,
            cancellationToken).ConfigureAwait(false);
        return PardotTransportRules.Read(answer);
    }

    private static string? Code(int? code) => code?.ToString(CultureInfo.InvariantCulture);

    private static ServiceCallException Refused(CallTag tag, PardotResponse response) => new(
        $"Pardot refused the {tag.Kind} request with HTTP {response.Status}: code {response.ErrorCode} ({response.ErrorMessage ?? Snippet(response.Body)})",
        ServiceCallFailure.Permanent,
        Code(response.ErrorCode) ?? response.Status.ToString(CultureInfo.InvariantCulture));

    private static string Snippet(string body) => body.Length <= 200 ? body : body[..200];
}
