using System.Text.Json;
using Highwater.Core.Connectors;
using Highwater.Core.Model;

namespace Highwater.Connectors.Salesforce;

public sealed partial class SalesforceConnector : IRecordReader
{
    /// <summary>What one e-mail or one id takes in a query's URI at most, escaped and quoted (for the estimate only).</summary>
    private const int KeyBytes = 60, IdBytes = 30;

    /// <inheritdoc />
    /// <remarks>As many keys (then ids) a query as fit its URI; memberships come with the rows.</remarks>
    public int ReadCalls(int foreignKeys, int remoteIds, int lists)
    {
        var room = Math.Max(1, _options.MaxQueryUriBytes - 600);
        return Chunks(foreignKeys, Math.Max(1, room / KeyBytes)) + Chunks(remoteIds, Math.Max(1, room / IdBytes));
    }

    /// <inheritdoc />
    /// <remarks>
    /// <c>SELECT Id, {key}, {fields}, (SELECT Id, CampaignId FROM CampaignMembers) FROM Contact WHERE {key} IN (..)</c>,
    /// then the same <c>WHERE Id IN (..)</c> for the ids not found so; campaign ids are named with
    /// one metadata query for those not known yet.
    /// </remarks>
    public async Task<IReadOnlyList<RemoteRecord>> ReadRecordsAsync(RecordQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var key = _options.ForeignKeyField;
        var fields = query.Fields.Where(f => !string.Equals(f, "Id", StringComparison.OrdinalIgnoreCase)).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        var select = "SELECT Id, " + key + string.Concat(fields.Where(f => !string.Equals(f, key, StringComparison.OrdinalIgnoreCase)).Select(f => ", " + f))
            + ", (SELECT Id, CampaignId FROM CampaignMembers) FROM Contact WHERE ";
        var instance = (await SessionAsync(cancellationToken)).InstanceUrl;
        var rows = new Dictionary<string, (JsonElement Row, List<string> Campaigns)>(StringComparer.Ordinal);

        async Task ReadAsync(string where, List<string> values)
        {
            foreach (var (_, soql) in Soql.InChunks(values, list => $"{select}{where} IN ({list})", s => QueryUriBytes(instance, s), _options.MaxQueryUriBytes))
            {
                foreach (var row in await QueryAsync(IRecordReader.ReadTag, soql, cancellationToken))
                {
                    if (SalesforceJson.Text(row, "Id") is { } id)
                    {
                        rows[id] = (row, [.. (await CampaignMembersAsync(IRecordReader.ReadTag, row, cancellationToken)).Select(m => m.CampaignId)]);
                    }
                }
            }
        }

        await ReadAsync(key, [.. query.ForeignKeys.Where(k => k.Length > 0).Distinct(ForeignKeys.Comparer)]);
        await ReadAsync("Id", [.. query.RemoteIds.Where(id => id.Length > 0 && !rows.ContainsKey(id)).Distinct(StringComparer.Ordinal)]);

        var names = await CampaignNamesAsync(rows.Values.SelectMany(r => r.Campaigns), cancellationToken);
        var wanted = query.Lists.ToHashSet(StringComparer.Ordinal);
        return [.. rows.Select(r => new RemoteRecord(
            r.Key,
            SalesforceJson.Text(r.Value.Row, key),
            fields.ToDictionary(f => f, f => Value(r.Value.Row, f), StringComparer.Ordinal),
            wanted.Count == 0 ? null : r.Value.Campaigns.Where(names.ContainsKey).Select(c => names[c]).Where(wanted.Contains).ToHashSet(StringComparer.Ordinal)))];
    }

    /// <summary>A field of a row as text: a string as it is, a number or flag as its JSON text, null as null.</summary>
    private static string? Value(JsonElement row, string field) =>
        row.TryGetProperty(field, out var value)
            ? value.ValueKind switch
            {
                JsonValueKind.String => value.GetString(),
                JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False => value.GetRawText(),
                _ => null,
            }
            : null;

    private static int Chunks(int count, int size) => count <= 0 ? 0 : (int)Math.Ceiling(count / (double)size);
}
