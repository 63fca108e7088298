using System.Text.Json.Nodes;
using Highwater.Core.Connectors;

namespace Highwater.Connectors.Marketo;

public sealed partial class MarketoConnector : IListMemberReader
{
    private static readonly CallTag MembersTag = CallTag.Metadata("listMembers");

    /// <inheritdoc />
    /// <remarks>Get Leads by List Id, 300 a page: <c>GET /rest/v1/lists/{id}/leads.json?fields=id,email&amp;batchSize=300&amp;nextPageToken=..</c>.</remarks>
    public async Task<IReadOnlyList<RemoteMember>> ReadListMembersAsync(string list, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(list);
        if (!_listIds.TryGetValue(list, out var listId))
        {
            var resolved = await EnsureListsAsync([list], createMissing: false, cancellationToken).ConfigureAwait(false);
            listId = resolved[list];
        }

        var fk = _options.ForeignKeyField;
        var members = new List<RemoteMember>();
        string? page = null;
        do
        {
            var query = $"v1/lists/{Uri.EscapeDataString(listId)}/leads.json?fields=id,{Uri.EscapeDataString(fk)}&batchSize={_options.BatchSize}"
                + (page is null ? "" : "&nextPageToken=" + Uri.EscapeDataString(page));
            var answer = await _client.SendAsync(MembersTag, () => new HttpRequestMessage(HttpMethod.Get, _client.Rest(query)), mayApply: false, cancellationToken).ConfigureAwait(false);
            var result = MarketoJson.Result(answer);
            foreach (var lead in result.OfType<JsonObject>())
            {
                if (MarketoJson.Id(lead["id"]) is { } id)
                {
                    members.Add(new RemoteMember(id, MarketoJson.Text(lead[fk])));
                }
            }

            var next = MarketoJson.Text(answer["nextPageToken"]);
            page = result.Count > 0 && next != page ? next : null;
        }
        while (page is not null);

        return members;
    }
}
