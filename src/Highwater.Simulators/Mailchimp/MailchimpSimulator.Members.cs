using System.Text.Json.Nodes;

namespace Highwater.Simulators.Mailchimp;

public sealed partial class MailchimpSimulator
{
    /// <summary>
    /// Routes one API request (or one operation of a Batch Operation) to its endpoint, under the lock.
    /// A member is addressed by its subscriber hash, or by its e-mail, as Mailchimp also takes.
    /// </summary>
    private MailchimpSimAnswer Dispatch(string method, string path, IReadOnlyDictionary<string, string> query, JsonObject? body, bool inBatch)
    {
        var parts = path.Trim('/').Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (parts is ["batches"] && method == "POST" && !inBatch)
        {
            return SubmitBatch(body);
        }

        if (parts is ["batches", var batch] && method == "GET")
        {
            return BatchStatus(batch);
        }

        if (parts is not ["lists", var list, ..] || !string.Equals(list, _options.ListId, StringComparison.Ordinal))
        {
            return NotFound();
        }

        var hash = parts.Length > 3 && parts[2] == "members" ? (parts[3].Contains('@', StringComparison.Ordinal) ? Hash(Uri.UnescapeDataString(parts[3])) : parts[3].ToLowerInvariant()) : "";
        return (method, parts[2..]) switch
        {
            ("POST", []) => BatchSubscribe(body),
            ("GET", ["members", _]) => Counted("member", GetMember(hash)),
            ("PATCH", ["members", _]) => Counted("update", WriteMember(hash, body, put: false)),
            ("PUT", ["members", _]) => Counted("update", WriteMember(hash, body, put: true)),
            ("DELETE", ["members", _]) => Counted("delete", Archive(hash)),
            ("POST", ["members", _, "actions", "delete-permanent"]) => Counted("delete", DeletePermanently(hash)),
            ("POST", ["members", _, "tags"]) => Counted("tags", Tag(hash, body)),
            ("GET", ["segments"]) => Counted("lists", ListSegments(query)),
            ("POST", ["segments"]) => Counted("lists", CreateSegment(body)),
            ("POST", ["segments", var segment]) => Counted("segment", ChangeSegment(segment, body)),
            ("GET", ["segments", var segment, "members"]) => Counted("listMembers", SegmentMembers(segment, query)),
            ("GET", ["merge-fields"]) => Counted("fields", MergeFieldsAnswer()),
            _ => NotFound(),
        };
    }

    private MailchimpSimAnswer Counted(string kind, MailchimpSimAnswer answer)
    {
        Count(kind);
        return answer;
    }

    /// <summary>Mailchimp's words for an address that was permanently deleted.</summary>
    private static string Forgotten(string email) =>
        $"{email} was permanently deleted and cannot be re-imported. The contact must re-subscribe to get back on the list.";

    private MailchimpSimAnswer NotFound() => new(404, Problem(404, "Resource Not Found", "The requested resource could not be found."));

    /// <summary>
    /// <c>POST /lists/{list_id}</c>: up to 500 members, each added with its status, or (with
    /// <c>update_existing</c>) updated, merge fields and status; an archived member comes back. A
    /// member who unsubscribed or was cleaned is not subscribed again (a compliance state). Answers
    /// 200 with <c>new_members</c>, <c>updated_members</c> and <c>errors</c> by e-mail.
    /// </summary>
    private MailchimpSimAnswer BatchSubscribe(JsonObject? body)
    {
        Count("upsert");
        if (body?["members"] is not JsonArray members)
        {
            return new(400, Problem(400, "Invalid Resource", "The resource submitted could not be validated. For field-specific details, see the 'errors' array.", new JsonArray(new JsonObject { ["field"] = "members", ["message"] = "Required property members was not present" })));
        }

        if (members.Count > _options.MaxBatch)
        {
            return new(400, Problem(400, "Invalid Resource", $"You can only add or update {_options.MaxBatch} members at a time."));
        }

        var updateExisting = body["update_existing"] is JsonValue u && u.TryGetValue<bool>(out var b) && b;
        var created = new JsonArray();
        var updated = new JsonArray();
        var errors = new JsonArray();
        void Refuse(string email, string error, string code, string? field = null, string? fieldMessage = null)
        {
            _counter.Rejected();
            errors.Add(new JsonObject { ["email_address"] = email, ["error"] = error, ["error_code"] = code, ["field"] = field ?? "", ["field_message"] = fieldMessage ?? "" });
        }

        foreach (var item in members.OfType<JsonObject>())
        {
            var email = Str(item["email_address"]) ?? "";
            var status = Str(item["status"]);
            if (!IsEmail(email))
            {
                Refuse(email, "Please provide a valid email address.", "ERROR_GENERIC", "email_address", "Please provide a valid email address.");
                continue;
            }

            if (status is null || !Statuses.Contains(status, StringComparer.Ordinal))
            {
                Refuse(email, "Invalid status. Please use one of the following: subscribed, unsubscribed, cleaned, pending, transactional.", "ERROR_GENERIC", "status");
                continue;
            }

            var member = Member(Hash(email));
            if (member is not null && member.Status != "archived" && !updateExisting)
            {
                Refuse(email, $"{email} is already a list member. Use PUT to insert or update list members.", "ERROR_CONTACT_EXISTS");
                continue;
            }

            if (member is not null && member.Status is "unsubscribed" or "cleaned" && status is "subscribed" or "pending")
            {
                Refuse(email, $"{email} is in a compliance state due to unsubscribe, bounce, or compliance review and cannot be subscribed.", "ERROR_GENERIC");
                continue;
            }

            if (member is null && _forgotten.Contains(Hash(email)))
            {
                Refuse(email, Forgotten(email), "ERROR_GENERIC");
                continue;
            }

            var isNew = member is null;
            member ??= AddMember(email, status);
            member.Status = status;
            Apply(member, item["merge_fields"] as JsonObject);
            (isNew ? created : updated).Add(MemberJson(member));
        }

        return new(200, new JsonObject
        {
            ["new_members"] = created,
            ["updated_members"] = updated,
            ["errors"] = errors,
            ["total_created"] = created.Count,
            ["total_updated"] = updated.Count,
            ["error_count"] = errors.Count,
        });
    }

    private MailchimpSimAnswer GetMember(string hash) =>
        Member(hash) is { } member ? new(200, MemberJson(member)) : NotFound();

    /// <summary>
    /// <c>PATCH</c> updates the member at the hash (a new <c>email_address</c> moves it, unless another
    /// member has that address); <c>PUT</c> does too, or adds it with <c>status_if_new</c>.
    /// </summary>
    private MailchimpSimAnswer WriteMember(string hash, JsonObject? body, bool put)
    {
        var member = Member(hash);
        var email = Str(body?["email_address"]);
        var status = Str(body?["status"]);
        if (email is not null && !IsEmail(email))
        {
            _counter.Rejected();
            return new(400, Problem(400, "Invalid Resource", "Please provide a valid email address."));
        }

        if (status is not null && !Statuses.Contains(status, StringComparer.Ordinal))
        {
            return new(400, Problem(400, "Invalid Resource", "The resource submitted could not be validated. For field-specific details, see the 'errors' array.", new JsonArray(new JsonObject { ["field"] = "status", ["message"] = "Value is not one of the enum values" })));
        }

        if (member is null)
        {
            if (!put)
            {
                return NotFound();
            }

            var statusIfNew = status ?? Str(body?["status_if_new"]);
            if (email is null || statusIfNew is null || !Statuses.Contains(statusIfNew, StringComparer.Ordinal) || Hash(email) != hash)
            {
                return new(400, Problem(400, "Invalid Resource", "The resource submitted could not be validated. For field-specific details, see the 'errors' array.", new JsonArray(new JsonObject { ["field"] = "status_if_new", ["message"] = "A status_if_new and an email_address matching the subscriber hash are required for a new member." })));
            }

            if (_forgotten.Contains(hash))
            {
                _counter.Rejected();
                return new(400, Problem(400, "Forgotten Email Not Subscribed", Forgotten(email)));
            }

            member = AddMember(email, statusIfNew);
        }
        else
        {
            if (email is not null && Hash(email) != hash)
            {
                if (Member(Hash(email)) is not null)
                {
                    _counter.Rejected();
                    return new(400, Problem(400, "Member Exists", $"{email} is already a list member. Use PUT to insert or update list members."));
                }

                if (_forgotten.Contains(Hash(email)))
                {
                    _counter.Rejected();
                    return new(400, Problem(400, "Forgotten Email Not Subscribed", Forgotten(email)));
                }

                _members.Remove(hash);
                _members[Hash(email)] = member;
                member.Email = email;
            }

            if (status is not null && member.Status is "unsubscribed" or "cleaned" && status is "subscribed" or "pending")
            {
                _counter.Rejected();
                return new(400, Problem(400, "Member In Compliance State", $"{member.Email} is already a list member in compliance state due to unsubscribe, bounce, or compliance review."));
            }

            member.Status = status ?? member.Status;
        }

        Apply(member, body?["merge_fields"] as JsonObject);
        return new(200, MemberJson(member));
    }

    /// <summary><c>DELETE</c>: archives a member; one bounced, pending or archived already cannot be (405).</summary>
    private MailchimpSimAnswer Archive(string hash)
    {
        if (Member(hash) is not { } member)
        {
            return NotFound();
        }

        if (member.Status is "archived" or "pending" or "cleaned")
        {
            return new(405, Problem(405, "Method Not Allowed", "This list member cannot be removed. Can not archive a contact that is bounced, pending or archived"));
        }

        member.Status = "archived";
        member.LastChanged = _time.GetUtcNow();
        return new(204, null);
    }

    /// <summary>
    /// <c>actions/delete-permanent</c>: the member and its tags are gone, and its address can never be
    /// added again through the API (<c>Forgotten Email Not Subscribed</c>); only the person can, by a signup form.
    /// </summary>
    private MailchimpSimAnswer DeletePermanently(string hash)
    {
        if (Member(hash) is not { } member)
        {
            return NotFound();
        }

        _members.Remove(hash);
        _forgotten.Add(hash);
        foreach (var segment in _segments.Values)
        {
            segment.Members.Remove(member.ContactId);
        }

        return new(204, null);
    }

    /// <summary><c>POST .../tags</c>: each tag active (added, created when missing) or inactive (removed); 204.</summary>
    private MailchimpSimAnswer Tag(string hash, JsonObject? body)
    {
        if (Member(hash) is not { } member)
        {
            return NotFound();
        }

        foreach (var tag in (body?["tags"] as JsonArray ?? []).OfType<JsonObject>())
        {
            if (Str(tag["name"]) is not { Length: > 0 } name)
            {
                continue;
            }

            if (Str(tag["status"]) == "active")
            {
                (SegmentNamed(name) ?? AddSegment(name)).Members.Add(member.ContactId);
            }
            else
            {
                SegmentNamed(name)?.Members.Remove(member.ContactId);
            }
        }

        return new(204, null);
    }

    private void Apply(MailchimpSimMember member, JsonObject? fields)
    {
        foreach (var (tag, value) in fields ?? [])
        {
            // Mailchimp keeps only the audience's merge fields.
            if (_mergeFields.Contains(tag, StringComparer.Ordinal))
            {
                SetField(member, tag, Str(value));
            }
        }

        member.LastChanged = _time.GetUtcNow();
    }

    private JsonObject MemberJson(MailchimpSimMember member)
    {
        var fields = new JsonObject();
        foreach (var tag in _mergeFields)
        {
            fields[tag] = member.MergeFields.GetValueOrDefault(tag, "");
        }

        var tags = _segments.Values.Where(s => s.Members.Contains(member.ContactId)).OrderBy(s => s.Id).ToList();
        return new JsonObject
        {
            ["id"] = Hash(member.Email),
            ["email_address"] = member.Email,
            ["unique_email_id"] = member.ContactId[^10..],
            ["contact_id"] = member.ContactId,
            ["full_name"] = $"{member.MergeFields.GetValueOrDefault("FNAME")} {member.MergeFields.GetValueOrDefault("LNAME")}".Trim(),
            ["email_type"] = "html",
            ["status"] = member.Status,
            ["merge_fields"] = fields,
            ["timestamp_opt"] = Iso(member.CreatedAt),
            ["last_changed"] = Iso(member.LastChanged),
            ["tags_count"] = tags.Count,
            ["tags"] = new JsonArray([.. tags.Select(t => (JsonNode)new JsonObject { ["id"] = t.Id, ["name"] = t.Name })]),
            ["list_id"] = _options.ListId,
        };
    }
}
