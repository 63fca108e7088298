using System.Text.Json.Nodes;
using Highwater.Core.Connectors;

namespace Highwater.Connectors.Marketo;

/// <summary>
/// Per-record results (<c>result[]</c>, in input order) to outcomes. Marketo's record codes are
/// 1xxx (error-codes.md "Record-Level"); the ones that may pass by themselves are retried later,
/// the rest are rejections with Marketo's code and message.
/// </summary>
internal static class MarketoOutcomes
{
    /// <summary>
    /// 1005 "Lead already exists" on a create: someone made it since the lookup, so a fresh lookup
    /// finds it; 1016/1019/1029 are queue limits; 1008/1010 partitions and the rest do not pass.
    /// </summary>
    private static readonly HashSet<string> RetryCodes = new(StringComparer.Ordinal) { "1005", "1016", "1019", "1029" };

    /// <summary>The outcome of one record of a Sync Leads or Delete Leads call, or of a list addition.</summary>
    public static RecordOutcome Write(string profileKey, JsonNode? result) => Map(profileKey, result, harmlessSkips: []);

    /// <summary>A delete whose lead is already gone (1004) is done.</summary>
    public static RecordOutcome Delete(string profileKey, JsonNode? result) => Map(profileKey, result, harmlessSkips: ["1004"]);

    /// <summary>A removal of a lead not in the list (1015) or gone (1004) is done: it is not a member.</summary>
    public static RecordOutcome Remove(string profileKey, JsonNode? result) => Map(profileKey, result, harmlessSkips: ["1015", "1004"]);

    /// <summary>A record the connector could not send (no Marketo id).</summary>
    public static RecordOutcome NoId(string profileKey) => RecordOutcome.Rejected(profileKey, null, "the record has no Marketo lead id to address it by");

    private static RecordOutcome Map(string profileKey, JsonNode? result, string[] harmlessSkips)
    {
        if (result is not JsonObject record)
        {
            return RecordOutcome.RetryLater(profileKey, null, "Marketo answered no result for this record");
        }

        var id = MarketoJson.Id(record["id"]);
        var status = MarketoJson.Text(record["status"]);
        if (status is "created" or "updated" or "deleted" or "added" or "removed")
        {
            return RecordOutcome.Done(profileKey, id) with { Matched = status == "updated" };
        }

        var reason = (record["reasons"] as JsonArray)?.FirstOrDefault() as JsonObject;
        var code = MarketoJson.Text(reason?["code"]);
        var message = MarketoJson.Text(reason?["message"]) ?? $"Marketo answered status '{status}'";
        if (code is not null && harmlessSkips.Contains(code))
        {
            return RecordOutcome.Done(profileKey, id);
        }

        return code is not null && RetryCodes.Contains(code)
            ? RecordOutcome.RetryLater(profileKey, code, message)
            : RecordOutcome.Rejected(profileKey, code, message);
    }
}
