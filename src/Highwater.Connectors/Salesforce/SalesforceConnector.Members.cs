using System.Text.Json.Nodes;
using Highwater.Core.Connectors;
using Highwater.Core.Planning;

namespace Highwater.Connectors.Salesforce;

public sealed partial class SalesforceConnector
{
    /// <summary>
    /// Every campaign's additions in one <c>POST /composite/sobjects</c> of CampaignMember
    /// <c>{CampaignId, ContactId}</c> rows. A Contact already in the campaign answers DUPLICATE_VALUE,
    /// which is what was wanted: done.
    /// </summary>
    private async Task<CallResult> AddMembersAsync(PlannedCall call, CancellationToken cancellationToken)
    {
        var tag = CallTag.Data(CallKind.ListAdd);
        var rows = await MembershipRowsAsync(call, MembershipDirection.Add, cancellationToken);
        var results = new SaveOutcome?[rows.Count];
        for (var start = 0; start < rows.Count; start += CollectionMax)
        {
            var chunk = rows.Skip(start).Take(CollectionMax).ToList();
            var records = new JsonArray([.. chunk.Select(r => (JsonNode)new JsonObject
            {
                ["attributes"] = new JsonObject { ["type"] = "CampaignMember" },
                ["CampaignId"] = r.CampaignId,
                ["ContactId"] = r.ContactId,
            })]);
            var body = new JsonObject { ["allOrNone"] = false, ["records"] = records }.ToJsonString();
            var answer = await SendAsync(tag, HttpMethod.Post, DataPath("composite/sobjects"), body, cancellationToken);
            var saved = answer.IsSuccess ? SalesforceJson.ReadSaveResults(answer.Body, chunk.Count) : throw Refused(tag, answer);
            for (var i = 0; i < chunk.Count; i++)
            {
                results[start + i] = saved[i].Code == "DUPLICATE_VALUE" ? saved[i] with { Success = true } : saved[i];
            }
        }

        return Combine(call, rows, results);
    }

    /// <summary>
    /// Every campaign's removals in one collection delete of their CampaignMember ids. Ids the
    /// batch's lookup answered are used as they are; the others are found first with <c>SELECT Id,
    /// ContactId, CampaignId FROM CampaignMember WHERE ContactId IN (..) AND CampaignId IN (..)</c>.
    /// A pair with no member, or a member already gone, is done.
    /// </summary>
    private async Task<CallResult> RemoveMembersAsync(PlannedCall call, CancellationToken cancellationToken)
    {
        var tag = CallTag.Data(CallKind.ListRemove);
        var rows = await MembershipRowsAsync(call, MembershipDirection.Remove, cancellationToken);
        var results = new SaveOutcome?[rows.Count];
        if (rows.Count == 0)
        {
            return Combine(call, rows, results);
        }

        var members = new Dictionary<(string, string), string>();
        var unknown = new List<(int Record, string CampaignId, string ContactId)>();
        foreach (var row in rows)
        {
            if (KnownMemberId(row.ContactId, row.CampaignId) is { } known)
            {
                members[(Id15(row.ContactId), Id15(row.CampaignId))] = known;
            }
            else
            {
                unknown.Add(row);
            }
        }

        if (unknown.Count > 0)
        {
            await FindMembersAsync(tag, unknown, members, cancellationToken);
        }

        var doomed = new List<(int Row, string MemberId)>();
        for (var i = 0; i < rows.Count; i++)
        {
            if (members.TryGetValue((Id15(rows[i].ContactId), Id15(rows[i].CampaignId)), out var memberId))
            {
                doomed.Add((i, memberId));
            }
            else
            {
                results[i] = new SaveOutcome(null, true, null, null);
            }
        }

        foreach (var chunk in doomed.Chunk(CollectionMax))
        {
            var deleted = await DeleteIdsAsync(tag, [.. chunk.Select(d => d.MemberId)], cancellationToken);
            for (var i = 0; i < chunk.Length; i++)
            {
                results[chunk[i].Row] = Gone(deleted[i]) ? deleted[i] with { Success = true } : deleted[i];
            }
        }

        return Combine(call, rows, results);
    }

    /// <summary>Queries the CampaignMember ids of <paramref name="rows"/>' pairs into <paramref name="members"/>.</summary>
    private async Task FindMembersAsync(CallTag tag, List<(int Record, string CampaignId, string ContactId)> rows, Dictionary<(string, string), string> members, CancellationToken cancellationToken)
    {
        var campaigns = string.Join(", ", rows.Select(r => r.CampaignId).Distinct(StringComparer.Ordinal).Select(Soql.Quote));
        var instance = (await SessionAsync(cancellationToken)).InstanceUrl;
        foreach (var (_, soql) in Soql.InChunks(
            [.. rows.Select(r => r.ContactId).Distinct(StringComparer.Ordinal)],
            list => $"SELECT Id, ContactId, CampaignId FROM CampaignMember WHERE ContactId IN ({list}) AND CampaignId IN ({campaigns})",
            s => QueryUriBytes(instance, s),
            _options.MaxQueryUriBytes))
        {
            foreach (var row in await QueryAsync(tag, soql, cancellationToken))
            {
                if (SalesforceJson.Text(row, "Id") is { } id && SalesforceJson.Text(row, "ContactId") is { } contact && SalesforceJson.Text(row, "CampaignId") is { } campaign)
                {
                    members[(Id15(contact), Id15(campaign))] = id;
                }
            }
        }
    }

    /// <summary>One (record, campaign id, contact id) row per membership change of the direction.</summary>
    private async Task<List<(int Record, string CampaignId, string ContactId)>> MembershipRowsAsync(PlannedCall call, MembershipDirection direction, CancellationToken cancellationToken)
    {
        var changes = call.Records
            .Select((r, i) => (Index: i, Record: r, Lists: (r.ListChanges ?? []).Where(c => c.Direction == direction).Select(c => c.List).ToList()))
            .ToList();
        if (call.List is not null)
        {
            // A per-list call names its list once for all records.
            changes = [.. changes.Select(c => c with { Lists = c.Lists.Count > 0 ? c.Lists : [call.List] })];
        }

        var names = changes.SelectMany(c => c.Lists).Distinct(StringComparer.Ordinal).ToList();
        var ids = names.Count > 0 ? await ResolveListsAsync(names, createMissing: false, cancellationToken) : new Dictionary<string, string>();
        return [.. changes.SelectMany(c => c.Lists.Select(list => (c.Index, ids[list], RemoteIdOf(c.Record))))];
    }

    /// <summary>Each record's outcome from its rows': rejected if one was, retry later if one must be, else done.</summary>
    private static CallResult Combine(PlannedCall call, List<(int Record, string CampaignId, string ContactId)> rows, SaveOutcome?[] results)
    {
        var outcomes = new List<RecordOutcome>(call.Records.Count);
        for (var i = 0; i < call.Records.Count; i++)
        {
            var record = call.Records[i];
            var mine = rows.Select((r, j) => (r.Record, Result: results[j])).Where(x => x.Record == i).Select(x => x.Result!.ToOutcome(record.ProfileKey, record.RemoteId)).ToList();
            outcomes.Add(mine.FirstOrDefault(o => o.Status == RecordStatus.Rejected)
                ?? mine.FirstOrDefault(o => o.Status == RecordStatus.RetryLater)
                ?? RecordOutcome.Done(record.ProfileKey, record.RemoteId));
        }

        return new CallResult(outcomes);
    }

    private static string Id15(string id) => id.Length >= 15 ? id[..15] : id;
}
