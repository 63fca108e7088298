using System.Globalization;
using System.Text.Json.Nodes;
using Highwater.Core.Connectors;
using Highwater.Core.Planning;

namespace Highwater.Connectors.Mailchimp;

public sealed partial class MailchimpConnector
{
    /// <summary>
    /// One batch subscribe, <c>POST /lists/{list_id}</c> with <c>update_existing: true</c>: each member
    /// by e-mail with its merge fields and <see cref="MailchimpConnectorOptions.StatusIfNew"/> as its
    /// status. The answer's <c>new_members</c> and <c>updated_members</c> give each its id (the
    /// subscriber hash); its <c>errors</c> name members by e-mail. A member Mailchimp will not
    /// resubscribe (it unsubscribed, bounced or was cleaned: a compliance state) keeps its status and
    /// gets its merge fields by a <c>PATCH</c> of its own.
    /// </summary>
    private async Task<RecordOutcome[]> SubscribeAsync(PlannedCall call, CancellationToken cancellationToken)
    {
        var outcomes = new RecordOutcome[call.Records.Count];
        var byEmail = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        var members = new JsonArray();
        for (var i = 0; i < call.Records.Count; i++)
        {
            var record = call.Records[i];
            if (record.ForeignKey is not { Length: > 0 } email)
            {
                outcomes[i] = RecordOutcome.Rejected(record.ProfileKey, null, "the record has no e-mail address to subscribe");
                continue;
            }

            byEmail[email] = i;
            members.Add(new JsonObject { ["email_address"] = email, ["status"] = _options.StatusIfNew, ["merge_fields"] = MergeFields(record) });
        }

        if (members.Count == 0)
        {
            return outcomes;
        }

        var body = new JsonObject { ["members"] = members, ["update_existing"] = true };
        var answer = await SendAsync(CallTag.Data(call.Kind), HttpMethod.Post, $"lists/{Uri.EscapeDataString(_options.ListId)}", body, mayApply: true, cancellationToken).ConfigureAwait(false);
        if (answer.Status == 404)
        {
            throw new ServiceCallException($"Mailchimp has no audience '{_options.ListId}' ({answer.Describe()}); check listId", ServiceCallFailure.Permanent, "404");
        }

        if (answer.Status != 200)
        {
            foreach (var index in byEmail.Values)
            {
                outcomes[index] = RecordOutcome.Rejected(call.Records[index].ProfileKey, answer.Status.ToString(CultureInfo.InvariantCulture), answer.Describe());
            }

            return outcomes;
        }

        foreach (var (list, matched) in new[] { ("new_members", false), ("updated_members", true) })
        {
            foreach (var member in MailchimpJson.Objects(answer.Body?[list]))
            {
                if (MailchimpJson.Text(member["email_address"]) is { } email && byEmail.TryGetValue(email, out var index))
                {
                    outcomes[index] = RecordOutcome.Done(call.Records[index].ProfileKey, MailchimpJson.Text(member["id"]) ?? SubscriberHash(email)) with { Matched = matched };
                }
            }
        }

        var compliance = new List<MailchimpOperation>();
        foreach (var error in MailchimpJson.Objects(answer.Body?["errors"]))
        {
            if (MailchimpJson.Text(error["email_address"]) is not { } email || !byEmail.TryGetValue(email, out var index) || outcomes[index] is not null)
            {
                continue;
            }

            var message = MailchimpJson.Text(error["error"]) ?? "refused";
            if (message.Contains("compliance state", StringComparison.OrdinalIgnoreCase))
            {
                compliance.Add(new MailchimpOperation(index, HttpMethod.Patch, Members + SubscriberHash(email), new JsonObject { ["merge_fields"] = MergeFields(call.Records[index]) }));
                continue;
            }

            var field = MailchimpJson.Text(error["field"]) is { Length: > 0 } f ? $" ({f}: {MailchimpJson.Text(error["field_message"])})" : "";
            outcomes[index] = RecordOutcome.Rejected(call.Records[index].ProfileKey, MailchimpJson.Text(error["error_code"]), $"Mailchimp refused {email}: {message}{field}");
        }

        if (compliance.Count > 0)
        {
            var patched = await RunAsync(CallTag.Data(CallKind.Update), compliance, cancellationToken).ConfigureAwait(false);
            foreach (var operation in compliance)
            {
                var key = call.Records[operation.Index].ProfileKey;
                outcomes[operation.Index] = patched.TryGetValue(operation.Index, out var result) && result.Status == 200
                    ? RecordOutcome.Done(key, MailchimpJson.Text(result.Body?["id"])) with { Matched = true }
                    : Refused(key, result);
            }
        }

        for (var i = 0; i < outcomes.Length; i++)
        {
            outcomes[i] ??= RecordOutcome.RetryLater(call.Records[i].ProfileKey, null, "Mailchimp answered nothing for this member");
        }

        return outcomes;
    }

    /// <summary>
    /// Members whose e-mail changes: a <c>PATCH</c> of the member at the old address (its hash) with the
    /// new <c>email_address</c> and the changed merge fields. Where no member is at the old address any
    /// more, the member is written afresh at the new one (<c>PUT</c> with <c>status_if_new</c>); where an
    /// archived member holds the new address, it is restored in the moving member's place.
    /// </summary>
    private async Task<RecordOutcome[]> UpdateAsync(PlannedCall call, CancellationToken cancellationToken)
    {
        var outcomes = new RecordOutcome[call.Records.Count];
        var patches = new List<MailchimpOperation>();
        var fresh = new List<MailchimpOperation>();
        var moves = new Dictionary<int, string>(); // record -> the hash it moves from
        for (var i = 0; i < call.Records.Count; i++)
        {
            var record = call.Records[i];
            if (record.ForeignKey is not { Length: > 0 } email)
            {
                outcomes[i] = RecordOutcome.Rejected(record.ProfileKey, null, "the record has no e-mail address");
                continue;
            }

            var at = record.MatchForeignKey is { Length: > 0 } old ? SubscriberHash(old) : record.RemoteId;
            if (at is null)
            {
                fresh.Add(Put(i, record));
                continue;
            }

            var body = new JsonObject { ["merge_fields"] = MergeFields(record) };
            if (!string.Equals(at, SubscriberHash(email), StringComparison.Ordinal))
            {
                body["email_address"] = email;
                moves[i] = at;
            }

            patches.Add(new MailchimpOperation(i, HttpMethod.Patch, Members + at, body));
        }

        foreach (var (index, answer) in await RunAsync(CallTag.Data(CallKind.Update), patches, cancellationToken).ConfigureAwait(false))
        {
            var record = call.Records[index];
            if (answer.Status == 404)
            {
                fresh.Add(Put(index, record));
            }
            else if (answer.Status == 400 && answer.Problem().Title == "Member Exists" && moves.TryGetValue(index, out var from)
                && await MoveOntoArchivedAsync(record, from, cancellationToken).ConfigureAwait(false) is { } moved)
            {
                outcomes[index] = moved;
            }
            else
            {
                outcomes[index] = answer.Status == 200 ? RecordOutcome.Done(record.ProfileKey, MailchimpJson.Text(answer.Body?["id"])) : Refused(record.ProfileKey, answer);
            }
        }

        foreach (var (index, answer) in await RunAsync(CallTag.Data(CallKind.Update), fresh, cancellationToken).ConfigureAwait(false))
        {
            var key = call.Records[index].ProfileKey;
            outcomes[index] = answer.Status == 200 ? RecordOutcome.Done(key, MailchimpJson.Text(answer.Body?["id"])) : Refused(key, answer);
        }

        return Unanswered(call, outcomes);
    }

    /// <summary>
    /// Archives (<c>DELETE</c>) or deletes permanently (<c>POST .../actions/delete-permanent</c>) each
    /// member, as <see cref="MailchimpConnectorOptions.DeleteMode"/> says, by its id, or by its e-mail's
    /// hash when no member has that id (its e-mail changed since). A member that is not there is gone
    /// already; one Mailchimp will not archive is done when it is archived already.
    /// </summary>
    private async Task<RecordOutcome[]> DeleteAsync(PlannedCall call, CancellationToken cancellationToken)
    {
        var outcomes = new RecordOutcome[call.Records.Count];
        var first = new List<MailchimpOperation>();
        for (var i = 0; i < call.Records.Count; i++)
        {
            var record = call.Records[i];
            if ((record.RemoteId ?? (record.ForeignKey is { Length: > 0 } email ? SubscriberHash(email) : null)) is { } at)
            {
                first.Add(Delete(i, at));
            }
            else
            {
                outcomes[i] = RecordOutcome.Done(record.ProfileKey);
            }
        }

        var again = new List<MailchimpOperation>();
        var archived = new List<MailchimpOperation>();
        foreach (var (index, answer) in await RunAsync(CallTag.Data(CallKind.Delete), first, cancellationToken).ConfigureAwait(false))
        {
            var record = call.Records[index];
            var byKey = record.ForeignKey is { Length: > 0 } email ? SubscriberHash(email) : null;
            switch (answer.Status)
            {
                case 204 or 200:
                    outcomes[index] = RecordOutcome.Done(record.ProfileKey);
                    break;
                case 404 when byKey is not null && byKey != record.RemoteId && record.RemoteId is not null:
                    again.Add(Delete(index, byKey));
                    break;
                case 404:
                    outcomes[index] = RecordOutcome.Done(record.ProfileKey);
                    break;
                case 405:
                    archived.Add(new MailchimpOperation(index, HttpMethod.Get, Members + (record.RemoteId ?? byKey) + "?fields=status", null));
                    break;
                default:
                    outcomes[index] = Refused(record.ProfileKey, answer);
                    break;
            }
        }

        foreach (var (index, answer) in await RunAsync(CallTag.Data(CallKind.Delete), again, cancellationToken).ConfigureAwait(false))
        {
            outcomes[index] = answer.Status is 204 or 200 or 404 ? RecordOutcome.Done(call.Records[index].ProfileKey) : Refused(call.Records[index].ProfileKey, answer);
        }

        foreach (var (index, answer) in await RunAsync(CallTag.Metadata("memberStatus"), archived, cancellationToken).ConfigureAwait(false))
        {
            var key = call.Records[index].ProfileKey;
            outcomes[index] = answer.Status == 404 || MailchimpJson.Text(answer.Body?["status"]) == "archived"
                ? RecordOutcome.Done(key)
                : RecordOutcome.Rejected(key, "405", $"Mailchimp will not archive a member whose status is {MailchimpJson.Text(answer.Body?["status"]) ?? "unknown"} (bounced or pending members cannot be archived)");
        }

        return Unanswered(call, outcomes);
    }

    private MailchimpOperation Delete(int index, string at) => _options.DeleteMode == "delete-permanent"
        ? new MailchimpOperation(index, HttpMethod.Post, Members + at + "/actions/delete-permanent", null)
        : new MailchimpOperation(index, HttpMethod.Delete, Members + at, null);

    private MailchimpOperation Put(int index, PlannedRecord record) =>
        new(index, HttpMethod.Put, Members + SubscriberHash(record.ForeignKey!), new JsonObject
        {
            ["email_address"] = record.ForeignKey,
            ["status_if_new"] = _options.StatusIfNew,
            ["merge_fields"] = MergeFields(record),
        });

    /// <summary>The record's fields as merge fields by tag; an empty value clears one. The address is the member's <c>email_address</c>, never a merge field.</summary>
    private static JsonObject MergeFields(PlannedRecord record)
    {
        var fields = new JsonObject();
        foreach (var (tag, value) in record.Fields ?? new Dictionary<string, string?>())
        {
            if (!AddressFields.Contains(tag))
            {
                fields[tag] = value ?? "";
            }
        }

        return fields;
    }

    /// <summary>A member's refusal as its outcome: the problem's title as code, its detail (and field errors) as reason.</summary>
    private static RecordOutcome Refused(string key, MailchimpAnswer? answer)
    {
        if (answer is null)
        {
            return RecordOutcome.RetryLater(key, null, "Mailchimp answered nothing for this member");
        }

        var (title, _) = answer.Problem();
        var fields = string.Join("; ", MailchimpJson.Objects(answer.Body?["errors"]).Select(e => $"{MailchimpJson.Text(e["field"])}: {MailchimpJson.Text(e["message"])}"));
        var reason = answer.Describe() + (fields.Length > 0 ? $" ({fields})" : "");
        return answer.Status is 429 or >= 500
            ? RecordOutcome.RetryLater(key, title ?? answer.Status.ToString(CultureInfo.InvariantCulture), reason)
            : RecordOutcome.Rejected(key, title ?? answer.Status.ToString(CultureInfo.InvariantCulture), reason);
    }

    private static RecordOutcome[] Unanswered(PlannedCall call, RecordOutcome[] outcomes)
    {
        for (var i = 0; i < outcomes.Length; i++)
        {
            outcomes[i] ??= RecordOutcome.RetryLater(call.Records[i].ProfileKey, null, "Mailchimp answered nothing for this member");
        }

        return outcomes;
    }
}
