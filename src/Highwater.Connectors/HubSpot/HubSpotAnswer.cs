using System.Text.Json.Nodes;
using Highwater.Connectors.Transport;

namespace Highwater.Connectors.HubSpot;

/// <summary>One HubSpot answer that did not fail as a whole: its status and JSON body (null when empty).</summary>
/// <param name="Status">The HTTP status.</param>
/// <param name="Body">The body.</param>
internal sealed record HubSpotAnswer(int Status, JsonNode? Body)
{
    /// <summary>The error answer's <c>category</c> and <c>message</c> (HubSpot's <c>Error</c> schema), each null when absent.</summary>
    public (string? Category, string? Message) Error() =>
        (JsonText.Of(Body?["category"]), JsonText.Of(Body?["message"]));
}
