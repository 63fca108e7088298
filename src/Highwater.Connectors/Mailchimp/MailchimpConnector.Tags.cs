using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json.Nodes;
using Highwater.Core.Connectors;
using Highwater.Core.Planning;

namespace Highwater.Connectors.Mailchimp;

public sealed partial class MailchimpConnector : IListMemberReader
{
    private static readonly CallTag ListsTag = CallTag.Metadata("lists");

    private readonly ConcurrentDictionary<string, string> _segmentIds = new(StringComparer.OrdinalIgnoreCase);

    /// <inheritdoc />
    /// <remarks>
    /// A tag is a static segment of the audience. The audience's static segments are read by pages of
    /// 1,000 (<c>GET /lists/{list_id}/segments?type=static</c>), and a missing one is created empty
    /// (<c>POST /lists/{list_id}/segments</c> with <c>static_segment: []</c>).
    /// </remarks>
    public async Task<IReadOnlyDictionary<string, string>> EnsureListsAsync(IReadOnlyCollection<string> names, bool createMissing, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(names);
        var wanted = names.Distinct(StringComparer.OrdinalIgnoreCase).Where(n => !_segmentIds.ContainsKey(n)).ToList();
        if (wanted.Count > 0)
        {
            await ReadSegmentsAsync(cancellationToken).ConfigureAwait(false);
        }

        var absent = new List<string>();
        foreach (var name in wanted.Where(n => !_segmentIds.ContainsKey(n)))
        {
            if (!createMissing)
            {
                absent.Add(name);
                continue;
            }

            var made = await SendAsync(ListsTag, HttpMethod.Post, $"lists/{Uri.EscapeDataString(_options.ListId)}/segments", new JsonObject { ["name"] = name, ["static_segment"] = new JsonArray() }, mayApply: true, cancellationToken).ConfigureAwait(false);
            if (made.Status != 200 || MailchimpJson.Text(made.Body?["id"]) is not { } id)
            {
                throw TagFailure("create", name, made);
            }

            _segmentIds[name] = id;
        }

        if (absent.Count > 0)
        {
            throw new ServiceCallException($"Mailchimp's audience has no tag named {string.Join(", ", absent.Select(n => $"'{n}'"))}, and tags may not be created", ServiceCallFailure.Permanent, "404");
        }

        return names.Distinct(StringComparer.Ordinal).ToDictionary(n => n, n => _segmentIds[n], StringComparer.Ordinal);
    }

    /// <inheritdoc />
    /// <remarks><c>GET /lists/{list_id}/segments/{segment_id}/members</c>, 1,000 a page, each member's id and e-mail.</remarks>
    public async Task<IReadOnlyList<RemoteMember>> ReadListMembersAsync(string list, CancellationToken cancellationToken)
    {
        var id = (await EnsureListsAsync([list], createMissing: false, cancellationToken).ConfigureAwait(false))[list];
        var members = new List<RemoteMember>();
        for (var offset = 0; ; offset += MemberPage)
        {
            var path = string.Create(CultureInfo.InvariantCulture, $"lists/{Uri.EscapeDataString(_options.ListId)}/segments/{id}/members?count={MemberPage}&offset={offset}&fields=members.id,members.email_address,total_items");
            var answer = await SendAsync(CallTag.Metadata("listMembers"), HttpMethod.Get, path, null, mayApply: false, cancellationToken).ConfigureAwait(false);
            if (answer.Status != 200)
            {
                throw TagFailure("read the members of", list, answer);
            }

            var page = MailchimpJson.Objects(answer.Body?["members"]).ToList();
            members.AddRange(page.Where(m => MailchimpJson.Text(m["id"]) is not null).Select(m => new RemoteMember(MailchimpJson.Text(m["id"])!, MailchimpJson.Text(m["email_address"]))));
            var total = int.TryParse(MailchimpJson.Text(answer.Body?["total_items"]), NumberStyles.None, CultureInfo.InvariantCulture, out var t) ? t : 0;
            if (page.Count < MemberPage || offset + MemberPage >= total)
            {
                return members;
            }
        }
    }

    /// <summary>
    /// One tag's additions and removals, by e-mail. Through the tag's static segment
    /// (<c>POST /lists/{list_id}/segments/{segment_id}</c>, <c>members_to_add</c> and
    /// <c>members_to_remove</c>, 500 each) or through each member's tags
    /// (<c>POST .../members/{hash}/tags</c>, one request a member), whichever costs fewer requests
    /// (the member's tags on a tie), unless <see cref="MailchimpConnectorOptions.MembershipStyle"/>
    /// names one.
    /// </summary>
    private async Task<RecordOutcome[]> ChangeTagsAsync(PlannedCall call, CancellationToken cancellationToken)
    {
        var outcomes = new RecordOutcome[call.Records.Count];
        var tag = call.List ?? call.Records.SelectMany(r => r.ListChanges ?? []).Select(c => c.List).FirstOrDefault()
            ?? throw new ArgumentException("a membership call names its list", nameof(call));
        var changes = new List<(int Index, string Email, bool Add)>();
        for (var i = 0; i < call.Records.Count; i++)
        {
            var record = call.Records[i];
            var add = record.ListChanges is [var change, ..] ? change.Direction == MembershipDirection.Add : call.Kind != CallKind.ListRemove;
            if (record.ForeignKey is not { Length: > 0 } email)
            {
                outcomes[i] = RecordOutcome.Rejected(record.ProfileKey, null, "the record has no e-mail address to tag");
                continue;
            }

            changes.Add((i, email, add));
        }

        if (changes.Count > 0)
        {
            if (TagPath(tag, changes.Count(c => c.Add), changes.Count(c => !c.Add)) == "tags")
            {
                await TagMembersAsync(call, tag, changes, outcomes, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                await ChangeSegmentAsync(call, tag, changes, outcomes, cancellationToken).ConfigureAwait(false);
            }
        }

        return outcomes;
    }

    /// <summary>The cheaper way to change one tag's members: <c>tags</c> (a request a member) or <c>segments</c> (a request per 500 of each direction, and the segment's id when not known).</summary>
    internal string TagPath(string tag, int adds, int removes)
    {
        if (_options.MembershipStyle is "tags" or "segments")
        {
            return _options.MembershipStyle;
        }

        var segment = Math.Max(Calls(adds), Calls(removes)) + (_segmentIds.ContainsKey(tag) ? 0 : 1);
        var tags = adds + removes;
        return tags <= segment ? "tags" : "segments";

        static int Calls(int members) => (members + MailchimpService.MembersPerRequest - 1) / MailchimpService.MembersPerRequest;
    }

    private async Task TagMembersAsync(PlannedCall call, string tag, List<(int Index, string Email, bool Add)> changes, RecordOutcome[] outcomes, CancellationToken cancellationToken)
    {
        var operations = changes.Select(c => new MailchimpOperation(c.Index, HttpMethod.Post, Members + SubscriberHash(c.Email) + "/tags", new JsonObject
        {
            ["tags"] = new JsonArray(new JsonObject { ["name"] = tag, ["status"] = c.Add ? "active" : "inactive" }),
        })).ToList();
        var answers = await RunAsync(CallTag.Data(call.Kind), operations, cancellationToken).ConfigureAwait(false);
        foreach (var (index, email, add) in changes)
        {
            var key = call.Records[index].ProfileKey;
            outcomes[index] = answers.TryGetValue(index, out var answer) switch
            {
                false => RecordOutcome.RetryLater(key, null, "Mailchimp answered nothing for this member"),
                true when answer!.Status is 204 or 200 => RecordOutcome.Done(key, SubscriberHash(email)),
                true when answer!.Status == 404 && !add => RecordOutcome.Done(key),
                true when answer!.Status == 404 => RecordOutcome.Rejected(key, "404", $"Mailchimp's audience has no member {email} to tag '{tag}'"),
                _ => Refused(key, answer),
            };
        }
    }

    private async Task ChangeSegmentAsync(PlannedCall call, string tag, List<(int Index, string Email, bool Add)> changes, RecordOutcome[] outcomes, CancellationToken cancellationToken)
    {
        var id = (await EnsureListsAsync([tag], createMissing: false, cancellationToken).ConfigureAwait(false))[tag];
        var adds = changes.Where(c => c.Add).ToList();
        var removes = changes.Where(c => !c.Add).ToList();
        for (var part = 0; part * MailchimpService.MembersPerRequest < Math.Max(adds.Count, removes.Count); part++)
        {
            var addPart = adds.Skip(part * MailchimpService.MembersPerRequest).Take(MailchimpService.MembersPerRequest).ToList();
            var removePart = removes.Skip(part * MailchimpService.MembersPerRequest).Take(MailchimpService.MembersPerRequest).ToList();
            var body = new JsonObject
            {
                ["members_to_add"] = new JsonArray([.. addPart.Select(c => (JsonNode)c.Email)]),
                ["members_to_remove"] = new JsonArray([.. removePart.Select(c => (JsonNode)c.Email)]),
            };
            var answer = await SendAsync(CallTag.Data(call.Kind), HttpMethod.Post, $"lists/{Uri.EscapeDataString(_options.ListId)}/segments/{id}", body, mayApply: true, cancellationToken).ConfigureAwait(false);
            if (answer.Status != 200)
            {
                if (answer.Status == 404)
                {
                    _segmentIds.TryRemove(tag, out _);
                }

                throw TagFailure("change the members of", tag, answer);
            }

            var refused = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            foreach (var error in MailchimpJson.Objects(answer.Body?["errors"]))
            {
                foreach (var email in MailchimpJson.Strings(error["email_addresses"]))
                {
                    refused.TryAdd(email, MailchimpJson.Text(error["error"]) ?? "refused");
                }
            }

            foreach (var (index, email, add) in addPart.Concat(removePart))
            {
                var key = call.Records[index].ProfileKey;

                // A removal refused (the address is not in the audience) leaves it out of the tag all the same.
                outcomes[index] = add && refused.TryGetValue(email, out var why)
                    ? RecordOutcome.Rejected(key, "segment", $"Mailchimp would not tag {email} '{tag}': {why}")
                    : RecordOutcome.Done(key, SubscriberHash(email));
            }
        }
    }

    private async Task ReadSegmentsAsync(CancellationToken cancellationToken)
    {
        for (var offset = 0; ; offset += MemberPage)
        {
            var path = string.Create(CultureInfo.InvariantCulture, $"lists/{Uri.EscapeDataString(_options.ListId)}/segments?type=static&count={MemberPage}&offset={offset}&fields=segments.id,segments.name,total_items");
            var answer = await SendAsync(ListsTag, HttpMethod.Get, path, null, mayApply: false, cancellationToken).ConfigureAwait(false);
            if (answer.Status != 200)
            {
                throw TagFailure("list the tags of", _options.ListId, answer);
            }

            var page = MailchimpJson.Objects(answer.Body?["segments"]).ToList();
            foreach (var segment in page)
            {
                if (MailchimpJson.Text(segment["name"]) is { } name && MailchimpJson.Text(segment["id"]) is { } id)
                {
                    _segmentIds.TryAdd(name, id);
                }
            }

            var total = int.TryParse(MailchimpJson.Text(answer.Body?["total_items"]), NumberStyles.None, CultureInfo.InvariantCulture, out var t) ? t : 0;
            if (page.Count < MemberPage || offset + MemberPage >= total)
            {
                return;
            }
        }
    }

    private static ServiceCallException TagFailure(string what, string name, MailchimpAnswer answer) =>
        new(
            $"Mailchimp could not {what} tag '{name}': {answer.Describe()}",
            answer.Status >= 500 ? ServiceCallFailure.Transient : ServiceCallFailure.Permanent,
            answer.Status.ToString(CultureInfo.InvariantCulture));
}
