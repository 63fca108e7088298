using System.Globalization;
using System.Text.Json.Nodes;

namespace Highwater.Simulators.Mailchimp;

public sealed partial class MailchimpSimulator
{
    /// <summary><c>GET /lists/{list_id}/segments</c>: the static segments (tags), <c>count</c> (at most 1,000) from <c>offset</c>.</summary>
    private MailchimpSimAnswer ListSegments(IReadOnlyDictionary<string, string> query)
    {
        var (count, offset) = Page(query);
        var all = query.TryGetValue("type", out var type) && type is not ("static" or "") ? [] : _segments.Values.OrderBy(s => s.Id).ToList();
        return new(200, new JsonObject
        {
            ["segments"] = new JsonArray([.. all.Skip(offset).Take(count).Select(s => (JsonNode)SegmentJson(s))]),
            ["list_id"] = _options.ListId,
            ["total_items"] = all.Count,
        });
    }

    /// <summary><c>POST /lists/{list_id}/segments</c> with <c>static_segment</c>: a new tag, with the e-mails given that are members.</summary>
    private MailchimpSimAnswer CreateSegment(JsonObject? body)
    {
        if (Str(body?["name"]) is not { Length: > 0 } name || body?["static_segment"] is not JsonArray emails)
        {
            return new(400, Problem(400, "Invalid Resource", "The resource submitted could not be validated. For field-specific details, see the 'errors' array.", new JsonArray(new JsonObject { ["field"] = "static_segment", ["message"] = "A name and a static_segment are required." })));
        }

        if (SegmentNamed(name) is not null)
        {
            return new(400, Problem(400, "Invalid Resource", "Sorry, that tag already exists."));
        }

        var segment = AddSegment(name);
        foreach (var email in emails.Select(Str).OfType<string>())
        {
            if (Member(Hash(email)) is { } member)
            {
                segment.Members.Add(member.ContactId);
            }
        }

        return new(200, SegmentJson(segment));
    }

    /// <summary>
    /// <c>POST /lists/{list_id}/segments/{segment_id}</c>: <c>members_to_add</c> and
    /// <c>members_to_remove</c>, 500 each, by e-mail; an address the audience does not have is
    /// named in <c>errors</c>.
    /// </summary>
    private MailchimpSimAnswer ChangeSegment(string id, JsonObject? body)
    {
        if (!int.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var segmentId) || !_segments.TryGetValue(segmentId, out var segment))
        {
            return NotFound();
        }

        var add = (body?["members_to_add"] as JsonArray ?? []).Select(Str).OfType<string>().ToList();
        var remove = (body?["members_to_remove"] as JsonArray ?? []).Select(Str).OfType<string>().ToList();
        if (add.Count > _options.MaxBatch || remove.Count > _options.MaxBatch)
        {
            return new(400, Problem(400, "Invalid Resource", $"Maximum allowed member items exceeded. You can add or remove up to {_options.MaxBatch} members at a time."));
        }

        var added = new JsonArray();
        var removed = new JsonArray();
        var missing = new JsonArray();
        foreach (var email in add)
        {
            if (Member(Hash(email)) is { Status: not "archived" } member)
            {
                segment.Members.Add(member.ContactId);
                added.Add(MemberJson(member));
            }
            else
            {
                _counter.Rejected();
                missing.Add(email);
            }
        }

        foreach (var email in remove)
        {
            if (Member(Hash(email)) is { } member && segment.Members.Remove(member.ContactId))
            {
                removed.Add(MemberJson(member));
            }
        }

        var errors = missing.Count == 0 ? new JsonArray() : new JsonArray(new JsonObject { ["email_addresses"] = missing, ["error"] = "Email addresses do not belong to this audience" });
        return new(200, new JsonObject
        {
            ["members_added"] = added,
            ["members_removed"] = removed,
            ["errors"] = errors,
            ["total_added"] = added.Count,
            ["total_removed"] = removed.Count,
            ["error_count"] = missing.Count,
        });
    }

    /// <summary><c>GET /lists/{list_id}/segments/{segment_id}/members</c>, <c>count</c> (at most 1,000) from <c>offset</c>.</summary>
    private MailchimpSimAnswer SegmentMembers(string id, IReadOnlyDictionary<string, string> query)
    {
        if (!int.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var segmentId) || !_segments.TryGetValue(segmentId, out var segment))
        {
            return NotFound();
        }

        var (count, offset) = Page(query);
        var members = _members.Values.Where(m => segment.Members.Contains(m.ContactId)).OrderBy(m => m.CreatedAt).ThenBy(m => m.ContactId, StringComparer.Ordinal).ToList();
        return new(200, new JsonObject
        {
            ["members"] = new JsonArray([.. members.Skip(offset).Take(count).Select(m => (JsonNode)MemberJson(m))]),
            ["total_items"] = members.Count,
        });
    }

    /// <summary><c>GET /lists/{list_id}/merge-fields</c>: every merge field, as text fields.</summary>
    private MailchimpSimAnswer MergeFieldsAnswer() => new(200, new JsonObject
    {
        ["merge_fields"] = new JsonArray([.. _mergeFields.Select((tag, i) => (JsonNode)new JsonObject
        {
            ["merge_id"] = i + 1,
            ["tag"] = tag,
            ["name"] = tag,
            ["type"] = "text",
            ["required"] = false,
            ["default_value"] = "",
            ["public"] = true,
            ["display_order"] = i + 2,
            ["options"] = new JsonObject { ["size"] = 25 },
            ["help_text"] = "",
            ["list_id"] = _options.ListId,
        })]),
        ["list_id"] = _options.ListId,
        ["total_items"] = _mergeFields.Count,
    });

    private JsonObject SegmentJson(MailchimpSimSegment segment) => new()
    {
        ["id"] = segment.Id,
        ["name"] = segment.Name,
        ["member_count"] = segment.Members.Count,
        ["type"] = "static",
        ["created_at"] = Iso(segment.CreatedAt),
        ["updated_at"] = Iso(segment.CreatedAt),
        ["list_id"] = _options.ListId,
    };

    private static (int Count, int Offset) Page(IReadOnlyDictionary<string, string> query)
    {
        var count = query.TryGetValue("count", out var c) && int.TryParse(c, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? Math.Clamp(n, 1, 1000) : 10;
        var offset = query.TryGetValue("offset", out var o) && int.TryParse(o, NumberStyles.None, CultureInfo.InvariantCulture, out var m) ? m : 0;
        return (count, offset);
    }
}
