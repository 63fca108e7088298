using System.Text.Json;
using Highwater.Core.Connectors;
using Highwater.Core.Model;
using Highwater.Core.Planning;

namespace Highwater.Connectors.Salesforce;

public sealed partial class SalesforceConnector
{
    /// <summary>
    /// <c>SELECT Id, Email, (SELECT Id, CampaignId FROM CampaignMembers) FROM Contact WHERE Email IN (..)</c>:
    /// every Contact under one of the keys with the campaigns it is in (by name). Keys whose query
    /// would not fit one URI go in several requests; pages beyond the first follow <c>nextRecordsUrl</c>.
    /// </summary>
    public async Task<IReadOnlyList<RemoteMatch>> LookupAsync(PlannedCall call, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(call);
        var requested = new Dictionary<string, string>(ForeignKeys.Comparer);
        foreach (var record in call.Records)
        {
            if (!string.IsNullOrEmpty(record.ForeignKey))
            {
                requested.TryAdd(record.ForeignKey, record.ForeignKey);
            }
        }

        if (requested.Count == 0)
        {
            return [];
        }

        var tag = CallTag.Data(CallKind.Lookup);
        var field = _options.ForeignKeyField;
        var instance = (await SessionAsync(cancellationToken)).InstanceUrl;
        var rows = new List<JsonElement>();
        foreach (var (_, soql) in Soql.InChunks(
            [.. requested.Keys],
            list => $"SELECT Id, {field}, (SELECT Id, CampaignId FROM CampaignMembers) FROM Contact WHERE {field} IN ({list})",
            s => QueryUriBytes(instance, s),
            _options.MaxQueryUriBytes))
        {
            rows.AddRange(await QueryAsync(tag, soql, cancellationToken));
        }

        var found = new List<(string Key, string Id, List<string> Campaigns)>(rows.Count);
        foreach (var row in rows)
        {
            var id = SalesforceJson.Text(row, "Id");
            var key = SalesforceJson.Text(row, field);
            if (id is null || key is null || !requested.TryGetValue(key, out var asked))
            {
                continue;
            }

            var members = await CampaignMembersAsync(tag, row, cancellationToken);
            RememberMembers(id, members);
            found.Add((asked, id, [.. members.Select(m => m.CampaignId)]));
        }

        var names = await CampaignNamesAsync(found.SelectMany(f => f.Campaigns), cancellationToken);
        return [.. found.Select(f => new RemoteMatch(
            f.Key,
            f.Id,
            f.Campaigns.Where(names.ContainsKey).Select(c => names[c]).ToHashSet(StringComparer.Ordinal)))];
    }

    /// <summary>The (member id, CampaignId) pairs of a Contact row's <c>CampaignMembers</c> (null when none), paging a long child list.</summary>
    private async Task<List<(string MemberId, string CampaignId)>> CampaignMembersAsync(CallTag tag, JsonElement row, CancellationToken cancellationToken)
    {
        var members = new List<JsonElement>();
        if (row.TryGetProperty("CampaignMembers", out var child) && child.ValueKind == JsonValueKind.Object)
        {
            var next = SalesforceJson.ReadPage(child, members);
            while (next is not null)
            {
                var answer = await SendAsync(tag, HttpMethod.Get, next, null, cancellationToken);
                if (!answer.IsSuccess)
                {
                    throw Refused(tag, answer);
                }

                next = SalesforceJson.ReadPage(answer.Body, members);
            }
        }

        var pairs = new List<(string, string)>(members.Count);
        foreach (var member in members)
        {
            if (SalesforceJson.Text(member, "Id") is { } memberId && SalesforceJson.Text(member, "CampaignId") is { } campaign)
            {
                pairs.Add((memberId, campaign));
            }
        }

        return pairs;
    }
}
