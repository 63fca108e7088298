using System.Globalization;
using System.Text.Json.Nodes;
using Highwater.Core.Connectors;
using Highwater.Core.Model;
using Highwater.Core.Planning;

namespace Highwater.Connectors.Pardot;

public sealed partial class PardotConnector
{
    /// <summary>The messages batchUpsert answers per prospect, with their code on the error-code page, and whether trying again may help.</summary>
    private static readonly Dictionary<string, (string Code, bool Passes)> RecordErrors = new(StringComparer.Ordinal)
    {
        ["Invalid prospect email address"] = ("4", false),
        ["Invalid prospect ID"] = ("3", false),
        ["Non-existent prospect ID; No email address provided"] = ("14", false),
        ["Invalid list ID"] = ("55", true), // the list may have been deleted: resolved again next time
        ["One or more of the specified fields are invalid"] = ("130", false),
        ["Conflicting Update"] = ("62", true),
        ["Unable to save the prospect"] = ("85", true),
    };

    /// <summary>
    /// <c>GET read/email/&lt;email&gt;?format=json</c>, one request per key: every prospect with the
    /// e-mail (an object for one, an array for several), with the lists it subscribes to. Code 4 is
    /// "not found" (and an address Pardot would not take, which cannot be found either).
    /// </summary>
    public async Task<IReadOnlyList<RemoteMatch>> LookupAsync(PlannedCall call, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(call);
        var tag = CallTag.Data(CallKind.Lookup);
        var matches = new List<RemoteMatch>();
        foreach (var key in call.Records.Select(r => r.ForeignKey).OfType<string>().Where(k => k.Length > 0).Distinct(ForeignKeys.Comparer))
        {
            var response = await SendAsync(tag, HttpMethod.Get, $"api/prospect/version/4/do/read/email/{Uri.EscapeDataString(key)}?format=json", null, mayApply: false, cancellationToken).ConfigureAwait(false);
            if (response.ErrorCode == 4)
            {
                continue;
            }

            if (!response.IsSuccess)
            {
                throw Refused(tag, response);
            }

            foreach (var prospect in PardotResponse.Items(response.Json?["prospect"]))
            {
                if (PardotResponse.Text(prospect["id"]) is { } id)
                {
                    matches.Add(new RemoteMatch(key, id, ListsOf(prospect)));
                }
            }
        }

        return matches;
    }

    /// <summary>The names of the lists a read answer's <c>lists.list_subscription</c> holds: our names for lists we resolved, else Pardot's.</summary>
    private HashSet<string> ListsOf(JsonObject prospect)
    {
        var lists = new HashSet<string>(StringComparer.Ordinal);
        foreach (var subscription in PardotResponse.Items(prospect["lists"]?["list_subscription"]))
        {
            var list = subscription["list"];
            if (PardotResponse.Text(list?["id"]) is { } id)
            {
                lists.Add(_listNames.TryGetValue(id, out var name) ? name : PardotResponse.Text(list!["name"]) ?? id);
            }
        }

        return lists;
    }

    /// <summary>
    /// <c>POST batchUpsert?format=json</c> with the form field <c>prospects={"prospects":[..]}</c>, as
    /// the recording sends it. An update names the prospect by <c>id</c> (and sends the e-mail only when
    /// it changes); a create sends the e-mail and no id, which creates. Fields go by their v4 name,
    /// null as "" (which clears); memberships as <c>list_&lt;id&gt;</c> = 1 or 0. The answer's
    /// <c>errors</c> maps a failed prospect's index to its message; every other prospect was applied.
    /// The answer carries no ids.
    /// </summary>
    private async Task<CallResult> BatchUpsertAsync(PlannedCall call, CancellationToken cancellationToken)
    {
        if (call.Records.Count > _options.BatchSize)
        {
            throw new ArgumentException($"a Pardot batch call carries at most {_options.BatchSize} prospects (was {call.Records.Count})", nameof(call));
        }

        var listIds = await ListIdsAsync(call.Records, cancellationToken).ConfigureAwait(false);
        var prospects = new JsonArray();
        foreach (var record in call.Records)
        {
            prospects.Add(Prospect(call.Kind, record, listIds));
        }

        var payload = new JsonObject { ["prospects"] = prospects }.ToJsonString();
        var tag = CallTag.Data(call.Kind);
        var response = await SendAsync(
            tag,
            HttpMethod.Post,
            "api/prospect/version/4/do/batchUpsert?format=json",
            () => new MultipartFormDataContent { { new StringContent(payload), "prospects" } },
            mayApply: true,
            cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccess)
        {
            // Code 70 (over 50), 71 and 90 (the payload's shape) are ours to avoid: nothing was applied.
            throw Refused(tag, response);
        }

        var errors = response.Json?["errors"] as JsonObject;
        var outcomes = new List<RecordOutcome>(call.Records.Count);
        for (var i = 0; i < call.Records.Count; i++)
        {
            var record = call.Records[i];
            var message = errors?[i.ToString(CultureInfo.InvariantCulture)]?.ToString();
            if (message is null)
            {
                outcomes.Add(RecordOutcome.Done(record.ProfileKey, record.RemoteId));
                continue;
            }

            if (RecordErrors.TryGetValue(message, out var known) && known.Code == "55")
            {
                ForgetListIds();
            }

            outcomes.Add(RecordErrors.TryGetValue(message, out var error) && error.Passes
                ? RecordOutcome.RetryLater(record.ProfileKey, error.Code, message)
                : RecordOutcome.Rejected(record.ProfileKey, RecordErrors.TryGetValue(message, out var rejected) ? rejected.Code : null, message));
        }

        return new CallResult(outcomes);
    }

    private static JsonObject Prospect(CallKind kind, PlannedRecord record, IReadOnlyDictionary<string, string> listIds)
    {
        var prospect = new JsonObject();
        if (kind == CallKind.Update)
        {
            prospect["id"] = long.TryParse(record.RemoteId, NumberStyles.None, CultureInfo.InvariantCulture, out var id)
                ? id
                : throw new ArgumentException($"a Pardot update addresses prospects by id; '{record.ProfileKey}' has '{record.RemoteId}'", nameof(record));
            if (record.MatchForeignKey is { } current && !ForeignKeys.Comparer.Equals(current, record.ForeignKey))
            {
                prospect["email"] = record.ForeignKey;
            }
        }
        else
        {
            prospect["email"] = record.ForeignKey;
        }

        foreach (var (field, value) in record.Fields ?? new Dictionary<string, string?>())
        {
            if (field == "email" && kind == CallKind.Update && !prospect.ContainsKey("email"))
            {
                continue; // unchanged key: sending it could make an upsert of a vanished id create anew
            }

            prospect[field] = value ?? "";
        }

        foreach (var change in record.ListChanges ?? [])
        {
            prospect["list_" + listIds[change.List]] = change.Direction == MembershipDirection.Add ? 1 : 0;
        }

        return prospect;
    }

    /// <summary>
    /// <c>POST delete/id/&lt;id&gt;?format=json</c>, one request per prospect: HTTP 204. A prospect
    /// already gone (code 3) is done too. It goes to the recycle bin.
    /// </summary>
    private async Task<CallResult> DeleteAsync(PlannedCall call, CancellationToken cancellationToken)
    {
        var tag = CallTag.Data(CallKind.Delete);
        var outcomes = new List<RecordOutcome>(call.Records.Count);
        foreach (var record in call.Records)
        {
            if (!long.TryParse(record.RemoteId, NumberStyles.None, CultureInfo.InvariantCulture, out var id))
            {
                outcomes.Add(RecordOutcome.Rejected(record.ProfileKey, "3", $"'{record.RemoteId}' is not a Pardot prospect id"));
                continue;
            }

            var response = await SendAsync(tag, HttpMethod.Post, $"api/prospect/version/4/do/delete/id/{id.ToString(CultureInfo.InvariantCulture)}?format=json", null, mayApply: true, cancellationToken).ConfigureAwait(false);
            if (!response.IsSuccess && response.ErrorCode != 3)
            {
                throw Refused(tag, response);
            }

            outcomes.Add(RecordOutcome.Done(record.ProfileKey, record.RemoteId));
        }

        return new CallResult(outcomes);
    }
}
