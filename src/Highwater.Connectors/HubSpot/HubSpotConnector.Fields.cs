using System.Text.Json.Nodes;
using Highwater.Connectors.Transport;
using Highwater.Core.Connectors;

namespace Highwater.Connectors.HubSpot;

public sealed partial class HubSpotConnector
{
    /// <inheritdoc />
    /// <remarks>
    /// <c>GET /crm/v3/properties/contacts</c>: every contact property that is not archived, not
    /// calculated and whose value is not read-only (<c>modificationMetadata.readOnlyValue</c>), by its
    /// internal name (<c>firstname</c>, <c>jobtitle</c>).
    /// </remarks>
    public async Task<IReadOnlySet<string>> DescribeFieldsAsync(CancellationToken cancellationToken)
    {
        var answer = await SendAsync(CallTag.Metadata("fields"), HttpMethod.Get, "crm/v3/properties/contacts", null, mayApply: false, cancellationToken).ConfigureAwait(false);
        if (answer.Status != 200)
        {
            var (category, message) = answer.Error();
            throw new ServiceCallException($"HubSpot could not list the contact properties: HTTP {answer.Status} {category}: {message}", ServiceCallFailure.Permanent, category);
        }

        static bool True(JsonNode? node) => node is JsonValue value && value.TryGetValue<bool>(out var b) && b;
        return (answer.Body?["results"] as JsonArray ?? []).OfType<JsonObject>()
            .Where(p => !True(p["archived"]) && !True(p["calculated"]) && !True(p["modificationMetadata"]?["readOnlyValue"]))
            .Select(p => JsonText.Of(p["name"]))
            .OfType<string>()
            .ToHashSet(StringComparer.Ordinal);
    }
}
