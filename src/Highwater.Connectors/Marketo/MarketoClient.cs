using System.Text.Json.Nodes;
using Highwater.Connectors.Transport;

namespace Highwater.Connectors.Marketo;

/// <summary>
/// Sends Marketo REST requests through the shared transport (gate, bearer token with one refresh
/// after 601/602, Marketo's limits and failures: <see cref="MarketoTransportRules.Rest"/>) and
/// answers the JSON of a <c>success:true</c> answer.
/// </summary>
internal sealed class MarketoClient(ServiceTransport transport, MarketoConnectorOptions options)
{
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
    public async Task<JsonObject> SendAsync(Highwater.Core.Connectors.CallTag tag, Func<HttpRequestMessage> build, bool mayApply, CancellationToken cancellationToken)
    {
        var answer = await transport.SendAsync(tag, build, mayApply, cancellationToken).ConfigureAwait(false);

        // The rules accept only a JSON object with success:true.
        return (JsonObject)answer.Json!;
    }
}
