using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Highwater.Core.Connectors;

namespace Highwater.Connectors.HubSpot;

public sealed partial class HubSpotConnector
{
    /// <summary>
    /// Sends one request through the shared transport (<see cref="HubSpotTransportRules"/>, a
    /// Bearer token: the private app's, or an OAuth access token) and answers it unless it failed as a whole.
    /// </summary>
    private async Task<HubSpotAnswer> SendAsync(CallTag tag, HttpMethod method, string path, JsonNode? body, bool mayApply, CancellationToken cancellationToken)
    {
        var text = body?.ToJsonString();
        var answer = await _transport.SendAsync(
            tag,
            () =>
            {
                var request = new HttpRequestMessage(method, new Uri(_options.BaseAddress, path));
                request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
                if (text is not null)
                {
                    request.Content = new StringContent(text, Encoding.UTF8, "application/json");
                }

                return request;
            },
            mayApply,
            cancellationToken).ConfigureAwait(false);
        return HubSpotTransportRules.Read(answer);
    }
}
