using System.Text.Json.Nodes;
using Highwater.Core.Connectors;

namespace Highwater.Connectors.Marketo;

public sealed partial class MarketoConnector : IRecordReader
{
    /// <inheritdoc />
    /// <remarks>Up to 300 keys a lookup, as many for the ids, and per list one Member of List call per 300 records found.</remarks>
    public int ReadCalls(int foreignKeys, int remoteIds, int lists)
    {
        var batch = _options.BatchSize;
        var reads = Chunks(foreignKeys, batch) + Chunks(remoteIds, batch);
        return reads + (lists * Chunks(Math.Max(foreignKeys, remoteIds), batch));
    }

    /// <inheritdoc />
    /// <remarks>
    /// Get Leads by Filter Type, by the foreign-key field and then by <c>id</c> for the ids not
    /// found so, with <c>fields=id,{key},{fields}</c>; then Member of List
    /// (<c>GET /rest/v1/lists/{id}/leads/ismember.json?id=..</c>, 300 ids a call) per list. A list
    /// that does not exist has no members.
    /// </remarks>
    public async Task<IReadOnlyList<RemoteRecord>> ReadRecordsAsync(RecordQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var fk = _options.ForeignKeyField;
        var fields = query.Fields.Where(f => f != "id").Distinct(StringComparer.Ordinal).ToList();
        var found = new Dictionary<string, (string? Key, Dictionary<string, string?> Fields)>(StringComparer.Ordinal);
        var keys = query.ForeignKeys.Where(k => k.Length > 0 && !k.Contains(',', StringComparison.Ordinal)).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        await ReadByAsync(fk, keys, fields, found, cancellationToken).ConfigureAwait(false);
        var ids = query.RemoteIds.Where(id => LeadId(id) is not null && !found.ContainsKey(id)).Distinct(StringComparer.Ordinal).ToList();
        await ReadByAsync("id", ids, fields, found, cancellationToken).ConfigureAwait(false);

        var lists = await MembershipsAsync(query.Lists, [.. found.Keys], cancellationToken).ConfigureAwait(false);
        return [.. found.Select(f => new RemoteRecord(f.Key, f.Value.Key, f.Value.Fields, query.Lists.Count == 0 ? null : lists.GetValueOrDefault(f.Key) ?? (IReadOnlySet<string>)new HashSet<string>(StringComparer.Ordinal)))];
    }

    private async Task ReadByAsync(string filterType, List<string> values, List<string> fields, Dictionary<string, (string? Key, Dictionary<string, string?> Fields)> found, CancellationToken cancellationToken)
    {
        var fk = _options.ForeignKeyField;
        var asked = "id," + fk + string.Concat(fields.Where(f => f != fk).Select(f => "," + f));
        foreach (var chunk in values.Chunk(_options.BatchSize))
        {
            string? page = null;
            do
            {
                var parameters = new List<KeyValuePair<string, string>>
                {
                    new("filterType", filterType),
                    new("filterValues", string.Join(',', chunk)),
                    new("fields", asked),
                };
                if (page is not null)
                {
                    parameters.Add(new("nextPageToken", page));
                }

                var answer = await _client.SendAsync(IRecordReader.ReadTag, () => LookupRequest(parameters), mayApply: false, cancellationToken).ConfigureAwait(false);
                var result = MarketoJson.Result(answer);
                foreach (var lead in result.OfType<JsonObject>())
                {
                    if (MarketoJson.Id(lead["id"]) is { } id)
                    {
                        found[id] = (MarketoJson.Text(lead[fk]), fields.ToDictionary(f => f, f => MarketoJson.Text(lead[f]), StringComparer.Ordinal));
                    }
                }

                var next = MarketoJson.Text(answer["nextPageToken"]);
                page = result.Count > 0 && next != page ? next : null;
            }
            while (page is not null);
        }
    }

    /// <summary>Per lead id, which of <paramref name="lists"/> it is in.</summary>
    private async Task<Dictionary<string, HashSet<string>>> MembershipsAsync(IReadOnlyCollection<string> lists, List<string> ids, CancellationToken cancellationToken)
    {
        var members = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        if (lists.Count == 0 || ids.Count == 0)
        {
            return members;
        }

        try
        {
            await EnsureListsAsync(lists, createMissing: false, cancellationToken).ConfigureAwait(false);
        }
        catch (ServiceCallException e) when (e.Failure == ServiceCallFailure.Permanent)
        {
            // A mapped list not made yet: nobody is in it. The ones found are cached.
        }

        foreach (var list in lists.Distinct(StringComparer.Ordinal))
        {
            if (!_listIds.TryGetValue(list, out var listId))
            {
                continue;
            }

            foreach (var chunk in ids.Chunk(_options.BatchSize))
            {
                var path = "v1/lists/" + Uri.EscapeDataString(listId) + "/leads/ismember.json?" + "id=" + string.Join(',', chunk);
                var answer = await _client.SendAsync(IRecordReader.ReadListsTag, () => new HttpRequestMessage(HttpMethod.Get, _client.Rest(path)), mayApply: false, cancellationToken).ConfigureAwait(false);
                foreach (var item in MarketoJson.Result(answer).OfType<JsonObject>())
                {
                    if (MarketoJson.Id(item["id"]) is { } id && string.Equals(MarketoJson.Text(item["status"]), "memberof", StringComparison.Ordinal))
                    {
                        if (!members.TryGetValue(id, out var set))
                        {
                            members[id] = set = new HashSet<string>(StringComparer.Ordinal);
                        }

                        set.Add(list);
                    }
                }
            }
        }

        return members;
    }

    private static int Chunks(int count, int size) => count <= 0 ? 0 : (int)Math.Ceiling(count / (double)size);
}
