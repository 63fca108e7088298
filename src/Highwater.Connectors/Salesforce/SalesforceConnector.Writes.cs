using System.Text.Json.Nodes;
using Highwater.Core.Connectors;
using Highwater.Core.Model;
using Highwater.Core.Planning;

namespace Highwater.Connectors.Salesforce;

public sealed partial class SalesforceConnector
{
    /// <summary>
    /// Whole-request 400 codes that speak about the data rather than the request: a field the org
    /// does not have or will not let us write, a value of the wrong type. Every record of the call
    /// carries the mapping that caused it, so every record is rejected with the reason.
    /// </summary>
    private static readonly HashSet<string> DataErrors = new(StringComparer.Ordinal)
    {
        "INVALID_FIELD",
        "INVALID_FIELD_FOR_INSERT_UPDATE",
        "INVALID_TYPE_ON_FIELD_IN_RECORD",
        "JSON_PARSER_ERROR",
    };

    private const int CollectionMax = 200;

    /// <summary><c>POST /composite/sobjects</c>: new Contacts with their fields and the foreign key; each answer carries its id.</summary>
    private Task<CallResult> CreateAsync(PlannedCall call, CancellationToken cancellationToken) =>
        WriteAsync(call, HttpMethod.Post, record =>
        {
            var json = Contact(record.Fields, skipNulls: true);
            if (record.ForeignKey is not null)
            {
                json[_options.ForeignKeyField] = record.ForeignKey;
            }

            return json;
        }, cancellationToken);

    /// <summary>
    /// <c>PATCH /composite/sobjects</c>: the given fields of Contacts by id (a null clears one), and
    /// the new foreign key where it moves.
    /// </summary>
    private Task<CallResult> UpdateAsync(PlannedCall call, CancellationToken cancellationToken) =>
        WriteAsync(call, new HttpMethod("PATCH"), record =>
        {
            var json = Contact(record.Fields, skipNulls: false);
            json["id"] = RemoteIdOf(record);
            if (record.ForeignKey is not null && record.MatchForeignKey is not null && !ForeignKeys.Comparer.Equals(record.ForeignKey, record.MatchForeignKey))
            {
                json[_options.ForeignKeyField] = record.ForeignKey;
            }

            return json;
        }, cancellationToken);

    /// <summary>
    /// <c>DELETE /composite/sobjects?ids=..&amp;allOrNone=false</c>. A Contact already gone
    /// (ENTITY_IS_DELETED, INVALID_CROSS_REFERENCE_KEY) counts as deleted. Its CampaignMembers go with it.
    /// </summary>
    private async Task<CallResult> DeleteAsync(PlannedCall call, CancellationToken cancellationToken)
    {
        var outcomes = new List<RecordOutcome>(call.Records.Count);
        foreach (var chunk in call.Records.Chunk(CollectionMax))
        {
            var ids = chunk.Select(RemoteIdOf).ToList();
            var results = await DeleteIdsAsync(CallTag.Data(CallKind.Delete), ids, cancellationToken);
            outcomes.AddRange(chunk.Select((r, i) => Gone(results[i]) ? RecordOutcome.Done(r.ProfileKey, ids[i]) : results[i].ToOutcome(r.ProfileKey, ids[i])));
        }

        return new CallResult(outcomes);
    }

    private async Task<List<SaveOutcome>> DeleteIdsAsync(CallTag tag, IReadOnlyList<string> ids, CancellationToken cancellationToken)
    {
        var path = DataPath("composite/sobjects?ids=" + string.Join(',', ids.Select(Uri.EscapeDataString)) + "&allOrNone=false");
        var answer = await SendAsync(tag, HttpMethod.Delete, path, null, cancellationToken);
        return answer.IsSuccess ? SalesforceJson.ReadSaveResults(answer.Body, ids.Count) : throw Refused(tag, answer);
    }

    private static bool Gone(SaveOutcome result) => result.Success || result.Code is "ENTITY_IS_DELETED" or "INVALID_CROSS_REFERENCE_KEY";

    private async Task<CallResult> WriteAsync(PlannedCall call, HttpMethod method, Func<PlannedRecord, JsonObject> shape, CancellationToken cancellationToken)
    {
        var tag = CallTag.Data(call.Kind);
        var outcomes = new List<RecordOutcome>(call.Records.Count);
        foreach (var chunk in call.Records.Chunk(CollectionMax))
        {
            var records = new JsonArray();
            foreach (var record in chunk)
            {
                var json = new JsonObject { ["attributes"] = new JsonObject { ["type"] = "Contact" } };
                foreach (var (name, value) in shape(record))
                {
                    json[name] = value?.DeepClone();
                }

                records.Add(json);
            }

            var body = new JsonObject { ["allOrNone"] = false, ["records"] = records }.ToJsonString();
            var answer = await SendAsync(tag, method, DataPath("composite/sobjects"), body, cancellationToken);
            if (!answer.IsSuccess)
            {
                var (code, message) = answer.FirstError();
                if (answer.Status == 400 && code is not null && DataErrors.Contains(code))
                {
                    outcomes.AddRange(chunk.Select(r => RecordOutcome.Rejected(r.ProfileKey, code, message ?? code)));
                    continue;
                }

                throw Refused(tag, answer);
            }

            var results = SalesforceJson.ReadSaveResults(answer.Body, chunk.Length);
            outcomes.AddRange(chunk.Select((r, i) => results[i].ToOutcome(r.ProfileKey, r.RemoteId)));
        }

        return new CallResult(outcomes);
    }

    private static JsonObject Contact(IReadOnlyDictionary<string, string?>? fields, bool skipNulls)
    {
        var json = new JsonObject();
        foreach (var (name, value) in fields ?? new Dictionary<string, string?>())
        {
            if (value is not null || !skipNulls)
            {
                json[name] = value;
            }
        }

        return json;
    }

    private static string RemoteIdOf(PlannedRecord record) =>
        record.RemoteId ?? throw new ArgumentException($"record of profile '{record.ProfileKey}' has no remote id; the executor fills it in before this call", nameof(record));
}
