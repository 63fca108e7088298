using System.Text.Json.Nodes;
using Highwater.Core.Connectors;
using Highwater.Core.Planning;

namespace Highwater.Connectors.Mailchimp;

public sealed partial class MailchimpConnector
{
    /// <summary>
    /// A member moving to the address of an archived member (one of ours, deleted by archiving: the
    /// engine moves a record only to a key no one else holds), which Mailchimp refuses as "Member
    /// Exists": an archived member keeps its address. The archived member is restored in its place
    /// (<c>PUT</c> with the moving member's status and merge fields, these changes on top), takes its
    /// tags (and leaves its own), and the moving member is archived; answers the outcome, or null when
    /// the member at the new address is not archived (a real conflict: the refusal stands).
    /// </summary>
    private async Task<RecordOutcome?> MoveOntoArchivedAsync(PlannedRecord record, string at, CancellationToken cancellationToken)
    {
        var tag = CallTag.Data(CallKind.Update);
        var to = SubscriberHash(record.ForeignKey!);
        var target = await SendAsync(tag with { Kind = "member", IsData = false }, HttpMethod.Get, Members + to, null, mayApply: false, cancellationToken).ConfigureAwait(false);
        if (target.Status != 200 || MailchimpJson.Text(target.Body?["status"]) != "archived")
        {
            return null;
        }

        var moving = await SendAsync(tag with { Kind = "member", IsData = false }, HttpMethod.Get, Members + at, null, mayApply: false, cancellationToken).ConfigureAwait(false);
        if (moving.Status != 200)
        {
            return Refused(record.ProfileKey, moving);
        }

        var fields = moving.Body?["merge_fields"] is JsonObject kept ? (JsonObject)kept.DeepClone() : new JsonObject();
        foreach (var (name, value) in MergeFields(record))
        {
            fields[name] = value?.DeepClone();
        }

        var status = MailchimpJson.Text(moving.Body?["status"]) is { } s && s != "archived" ? s : _options.StatusIfNew;
        var restored = await SendAsync(tag, HttpMethod.Put, Members + to, new JsonObject
        {
            ["email_address"] = record.ForeignKey,
            ["status_if_new"] = _options.StatusIfNew,
            ["status"] = status,
            ["merge_fields"] = fields,
        }, mayApply: true, cancellationToken).ConfigureAwait(false);
        if (restored.Status != 200)
        {
            return Refused(record.ProfileKey, restored);
        }

        var theirs = TagNames(moving.Body);
        var tags = new JsonArray([
            .. theirs.Select(name => (JsonNode)new JsonObject { ["name"] = name, ["status"] = "active" }),
            .. TagNames(target.Body).Where(name => !theirs.Contains(name)).Select(name => (JsonNode)new JsonObject { ["name"] = name, ["status"] = "inactive" }),
        ]);
        if (tags.Count > 0)
        {
            var tagged = await SendAsync(CallTag.Data(CallKind.ListUpdate), HttpMethod.Post, Members + to + "/tags", new JsonObject { ["tags"] = tags }, mayApply: true, cancellationToken).ConfigureAwait(false);
            if (tagged.Status is not (200 or 204))
            {
                return Refused(record.ProfileKey, tagged);
            }
        }

        var archived = await SendAsync(CallTag.Data(CallKind.Delete), HttpMethod.Delete, Members + at, null, mayApply: true, cancellationToken).ConfigureAwait(false);
        return archived.Status is 204 or 200 or 404
            ? RecordOutcome.Done(record.ProfileKey, MailchimpJson.Text(restored.Body?["id"]) ?? to)
            : Refused(record.ProfileKey, archived);
    }

    private static HashSet<string> TagNames(JsonNode? member) =>
        MailchimpJson.Objects(member?["tags"]).Select(t => MailchimpJson.Text(t["name"])).OfType<string>().ToHashSet(StringComparer.Ordinal);
}
