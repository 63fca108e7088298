using System.Net;
using System.Text.Json.Nodes;
using Highwater.Core.Connectors;

namespace Highwater.Connectors.Eloqua;

public sealed partial class EloquaConnector
{
    /// <inheritdoc />
    /// <remarks>
    /// <c>GET /assets/contact/lists?search=name='..'</c> for each name not yet resolved, and
    /// <c>POST /assets/contact/list</c> for a missing one when allowed: metadata requests.
    /// </remarks>
    public async Task<IReadOnlyDictionary<string, string>> EnsureListsAsync(IReadOnlyCollection<string> names, bool createMissing, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(names);
        var tag = CallTag.Metadata("lists");
        foreach (var name in names.Distinct(StringComparer.Ordinal))
        {
            if (_listIds.ContainsKey(name))
            {
                continue;
            }

            var search = Uri.EscapeDataString($"name='{name}'");
            var (status, body) = await SendAsync(tag, HttpMethod.Get, $"{Rest}/assets/contact/lists?search={search}&depth=minimal", null, cancellationToken).ConfigureAwait(false);
            Expect(tag, status, body, HttpStatusCode.OK);
            var found = (body?["elements"] as JsonArray ?? []).OfType<JsonObject>()
                .FirstOrDefault(e => string.Equals(Text(e["name"]), name, StringComparison.OrdinalIgnoreCase));
            var id = Text(found?["id"]);
            if (id is null)
            {
                if (!createMissing)
                {
                    throw new ServiceCallException($"Eloqua has no contact list '{name}', and creating lists is off", ServiceCallFailure.Permanent, "list");
                }

                (status, body) = await SendAsync(tag, HttpMethod.Post, $"{Rest}/assets/contact/list", new JsonObject { ["name"] = name }, cancellationToken).ConfigureAwait(false);
                Expect(tag, status, body, HttpStatusCode.Created, HttpStatusCode.OK);
                id = Text(body?["id"]) ?? throw new ServiceCallException($"Eloqua: the new contact list '{name}' came back without an id", ServiceCallFailure.Unknown, "list");
            }

            _listIds[name] = id;
        }

        return names.Distinct(StringComparer.Ordinal).ToDictionary(n => n, n => _listIds[n], StringComparer.Ordinal);
    }
}
