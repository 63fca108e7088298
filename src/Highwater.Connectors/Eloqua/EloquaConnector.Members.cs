using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using Highwater.Core.Connectors;

namespace Highwater.Connectors.Eloqua;

public sealed partial class EloquaConnector : IListMemberReader
{
    /// <inheritdoc />
    /// <remarks>
    /// A Bulk API contact export filtered by <c>EXISTS('{{ContactList[id]}}')</c>: its definition
    /// (once per list), a sync, polls, and the rows from <c>GET /syncs/{id}/data</c>, 50,000 a page.
    /// Metadata requests, counted against the hourly 2,000 exports.
    /// </remarks>
    public async Task<IReadOnlyList<RemoteMember>> ReadListMembersAsync(string list, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(list);
        var listId = (await EnsureListsAsync([list], createMissing: false, cancellationToken).ConfigureAwait(false))[list];
        var tag = CallTag.Metadata("members");
        var definition = new JsonObject
        {
            ["name"] = DefinitionName("members", listId),
            ["fields"] = new JsonObject { ["contactId"] = "{{Contact.Id}}", [EloquaFields.Email] = EloquaFields.Statement(EloquaFields.Email, _options.CustomFields) },
            ["filter"] = $"EXISTS('{{{{ContactList[{listId}]}}}}')",
        };
        var made = await DefinitionAsync("contacts/exports", definition, cancellationToken).ConfigureAwait(false);
        await made.InUse.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var (status, body) = await SendAsync(tag, HttpMethod.Post, $"{Bulk}/syncs", new JsonObject { ["syncedInstanceUri"] = made.Uri }, cancellationToken).ConfigureAwait(false);
            Expect(tag, status, body, HttpStatusCode.Created, HttpStatusCode.OK);
            var syncUri = Text(body?["uri"]) ?? throw new ServiceCallException("Eloqua export: the sync answer has no uri", ServiceCallFailure.Unknown, "sync");
            var final = await PollAsync(tag, syncUri, cancellationToken).ConfigureAwait(false);
            if (final == "error")
            {
                throw new ServiceCallException($"Eloqua export: sync {syncUri} ended in error", ServiceCallFailure.Transient, "error");
            }

            var members = new List<RemoteMember>();
            for (var offset = 0; ; )
            {
                (status, body) = await ReadAsync(tag, $"{Bulk}{syncUri}/data?limit=50000&offset={offset.ToString(CultureInfo.InvariantCulture)}", cancellationToken).ConfigureAwait(false);
                Expect(tag, status, body, HttpStatusCode.OK);
                var page = (body?["items"] as JsonArray ?? []).OfType<JsonObject>().ToList();
                members.AddRange(page.Where(r => Text(r["contactId"]) is { Length: > 0 })
                    .Select(r => new RemoteMember(Text(r["contactId"])!, Text(r[EloquaFields.Email]))));
                offset += page.Count;
                if (body?["hasMore"]?.GetValue<bool>() != true || page.Count == 0)
                {
                    return members;
                }
            }
        }
        finally
        {
            made.InUse.Release();
        }
    }
}
