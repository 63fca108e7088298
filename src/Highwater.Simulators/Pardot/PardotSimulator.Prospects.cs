using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Highwater.Simulators.Pardot;

public sealed partial class PardotSimulator
{
    /// <summary>
    /// <c>read/email/&lt;email&gt;</c>: every prospect with the e-mail (an object for one, an array for
    /// several, as AMPSEA business units answer), with its list subscriptions; none is HTTP 400 code 4.
    /// </summary>
    private PardotAnswer ReadByEmail(PardotRequest request, string email)
    {
        var found = _store.ByEmail(email);
        if (found.Count == 0)
        {
            return PardotAnswer.Fail(4);
        }

        var answer = PardotWire.Ok();
        answer["prospect"] = PardotWire.OneOrMany([.. found.OrderBy(p => p.Id).Select(p => ProspectJson(p, withLists: true))]);
        return PardotAnswer.Ok(answer);
    }

    /// <summary><c>read/id/&lt;id&gt;</c>: the prospect with its list subscriptions; none is HTTP 400 code 3.</summary>
    private PardotAnswer ReadById(PardotRequest request, string id)
    {
        if (!long.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var n) || _store.Active(n) is not { } prospect)
        {
            return PardotAnswer.Fail(3);
        }

        var answer = PardotWire.Ok();
        answer["prospect"] = ProspectJson(prospect, withLists: true);
        return PardotAnswer.Ok(answer);
    }

    /// <summary><c>delete/id/&lt;id&gt;</c> (POST or DELETE): to the recycle bin, HTTP 204; an unknown id is code 3.</summary>
    private PardotAnswer Delete(string id)
    {
        if (!long.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var n) || _store.Active(n) is not { } prospect)
        {
            return PardotAnswer.Fail(3);
        }

        prospect.Deleted = true;
        prospect.UpdatedAt = _time.GetUtcNow();
        foreach (var list in _store.Lists.Values)
        {
            list.Members.Remove(prospect.Id);
        }

        return PardotAnswer.NoContent;
    }

    /// <summary>
    /// <c>batchUpsert</c>: <c>prospects={"prospects":[..]}</c> (query or form field), at most 50
    /// (else code 70 for the whole call). A prospect with an <c>id</c> is updated (restored from the
    /// recycle bin if it is there; created from its e-mail if no prospect has the id); one without
    /// is always created, as the v4 docs say ("Using an Email Address as the identifier is not
    /// supported and will create new entries every time"). <c>list_&lt;id&gt;</c> = 1 joins and 0
    /// leaves a list; an empty value clears a field. Answers HTTP 201 when it created any, else
    /// 200, with <c>errors</c> mapping each failed prospect's index to its message.
    /// </summary>
    private PardotAnswer BatchUpsert(PardotRequest request)
    {
        var text = request.Param("prospects");
        if (string.IsNullOrEmpty(text))
        {
            return PardotAnswer.Fail(13);
        }

        JsonNode? payload;
        try
        {
            payload = JsonNode.Parse(text);
        }
        catch (JsonException)
        {
            return PardotAnswer.Fail(71);
        }

        if (payload?["prospects"] is not JsonArray prospects)
        {
            return payload?["prospects"] is JsonObject ? PardotAnswer.Fail(90) : PardotAnswer.Fail(71);
        }

        if (prospects.Count > _options.MaxBatch)
        {
            return PardotAnswer.Fail(70);
        }

        var now = _time.GetUtcNow();
        var errors = new JsonObject();
        var created = false;
        for (var i = 0; i < prospects.Count; i++)
        {
            var error = prospects[i] is JsonObject input ? UpsertOne(input, now, ref created) : PardotWire.Message(90);
            if (error is not null)
            {
                errors[i.ToString(CultureInfo.InvariantCulture)] = error;
                _counter.Rejected();
            }
        }

        var answer = PardotWire.Ok();
        answer["errors"] = errors;
        return PardotAnswer.Ok(answer, created ? 201 : 200);
    }

    /// <summary>Applies one prospect of a batch; answers its error message, or null.</summary>
    private string? UpsertOne(JsonObject input, DateTimeOffset now, ref bool created)
    {
        var values = new Dictionary<string, string?>(StringComparer.Ordinal);
        var lists = new List<(PardotList List, bool Join)>();
        long? id = null;
        foreach (var (name, node) in input)
        {
            var value = Scalar(node);
            if (name == "id")
            {
                if (!long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n))
                {
                    return PardotWire.Message(3);
                }

                id = n;
            }
            else if (name.StartsWith("list_", StringComparison.Ordinal))
            {
                if (!long.TryParse(name.AsSpan(5), NumberStyles.None, CultureInfo.InvariantCulture, out var listId) || !_store.Lists.TryGetValue(listId, out var list))
                {
                    return PardotWire.Message(55);
                }

                lists.Add((list, value is "1" or "true"));
            }
            else if (name == "campaign_id")
            {
                values[name] = value;
            }
            else if (!_fields.IsWritable(name))
            {
                return PardotWire.Message(130);
            }
            else
            {
                values[name] = value;
            }
        }

        if (values.TryGetValue("email", out var email) && !IsEmail(email))
        {
            return PardotWire.Message(4);
        }

        var prospect = id is { } known && _store.Prospects.TryGetValue(known, out var existing) ? existing : null;
        if (prospect is null)
        {
            if (email is null)
            {
                return PardotWire.Message(id is null ? 4 : 14);
            }

            prospect = _store.AddProspect(null, now);
            prospect.CampaignId = long.TryParse(values.GetValueOrDefault("campaign_id"), NumberStyles.None, CultureInfo.InvariantCulture, out var campaign) ? campaign : _options.DefaultCampaignId;
            created = true;
        }

        prospect.Deleted = false;
        foreach (var (name, value) in values)
        {
            if (name == "email")
            {
                prospect.Email = value;
            }
            else if (name != "campaign_id")
            {
                prospect.Set(name, value);
            }
        }

        foreach (var (list, join) in lists)
        {
            if (join)
            {
                _store.Join(list, prospect.Id, now);
            }
            else
            {
                list.Members.Remove(prospect.Id);
            }
        }

        prospect.UpdatedAt = now;
        return null;
    }

    /// <summary>
    /// <c>query</c>: prospects by <c>id_greater_than</c>, <c>id_less_than</c>, <c>list_id</c>,
    /// <c>deleted</c>, paged by <c>limit</c> (at most 200 unless <c>output=mobile</c>) and <c>offset</c>,
    /// sorted by id. There is no e-mail criterion in v4.
    /// </summary>
    private PardotAnswer QueryProspects(PardotRequest request)
    {
        long? Number(string name) => long.TryParse(request.Param(name), NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : null;
        var deleted = request.Param("deleted") == "true";
        var listId = Number("list_id");
        if (listId is { } l && !_store.Lists.ContainsKey(l))
        {
            return PardotAnswer.Fail(55);
        }

        var matches = _store.Prospects.Values
            .Where(p => p.Deleted == deleted)
            .Where(p => Number("id_greater_than") is not { } gt || p.Id > gt)
            .Where(p => Number("id_less_than") is not { } lt || p.Id < lt)
            .Where(p => listId is not { } list || _store.Lists[list].Members.ContainsKey(p.Id))
            .OrderBy(p => p.Id)
            .ToList();
        var mobile = request.Param("output") == "mobile";
        var limit = (int)Math.Min(Number("limit") ?? 200, mobile ? int.MaxValue : 200);
        var page = matches.Skip((int)(Number("offset") ?? 0)).Take(mobile && request.Param("limit") is null ? int.MaxValue : limit);
        var result = new JsonObject { ["total_results"] = matches.Count };
        if (PardotWire.OneOrMany([.. page.Select(p => mobile ? MobileJson(p) : ProspectJson(p, withLists: false))]) is { } found)
        {
            result["prospect"] = found;
        }

        var answer = PardotWire.Ok();
        answer["result"] = result;
        return PardotAnswer.Ok(answer);
    }

    private JsonObject ProspectJson(PardotProspect p, bool withLists)
    {
        var json = new JsonObject { ["id"] = p.Id, ["campaign_id"] = p.CampaignId };
        foreach (var field in PardotFields.Standard)
        {
            json[field] = field == "email" ? p.Email : PardotWire.Value(p.Get(field));
        }

        foreach (var field in _fields.Custom)
        {
            json[field] = PardotWire.Value(p.Get(field));
        }

        json["score"] = 0;
        json["grade"] = null;
        json["last_activity_at"] = null;
        json["recent_interaction"] = "Never active.";
        foreach (var field in (string[])["crm_lead_fid", "crm_contact_fid", "crm_owner_fid", "crm_account_fid", "salesforce_fid", "crm_last_sync", "crm_url", "is_do_not_email", "is_do_not_call", "opted_out", "is_reviewed", "is_starred"])
        {
            json[field] = null;
        }

        json["created_at"] = PardotWire.Date(p.CreatedAt, _zone);
        json["updated_at"] = PardotWire.Date(p.UpdatedAt, _zone);
        json["campaign"] = new JsonObject { ["id"] = p.CampaignId, ["name"] = p.CampaignId == _options.DefaultCampaignId ? "Website Tracking" : "Campaign " + Text(p.CampaignId) };
        json["profile"] = new JsonObject { ["id"] = 1009, ["name"] = "Default" };
        json["visitors"] = null;
        json["visitor_activities"] = null;
        if (withLists)
        {
            var subscriptions = _store.ListsOf(p.Id).Select(l => SubscriptionJson(l, l.Members[p.Id])).ToList();
            json["lists"] = subscriptions.Count == 0 ? null : new JsonObject { ["list_subscription"] = PardotWire.OneOrMany(subscriptions) };
        }

        return json;
    }

    private static JsonObject MobileJson(PardotProspect p) => new()
    {
        ["id"] = p.Id,
        ["first_name"] = p.Get("first_name"),
        ["last_name"] = p.Get("last_name"),
        ["email"] = p.Email,
        ["company"] = p.Get("company"),
    };

    private JsonObject SubscriptionJson(PardotList list, PardotMembership membership) => new()
    {
        ["id"] = membership.Id,
        ["did_opt_in"] = false,
        ["did_opt_out"] = false,
        ["created_at"] = PardotWire.Date(membership.CreatedAt, _zone),
        ["updated_at"] = PardotWire.Date(membership.CreatedAt, _zone),
        ["list"] = ListJson(list),
    };

    /// <summary>A JSON scalar as text: numbers and booleans as written, null as null.</summary>
    private static string? Scalar(JsonNode? node) => node switch
    {
        null => null,
        JsonValue value when value.GetValueKind() == JsonValueKind.String => value.GetValue<string>(),
        JsonValue value when value.GetValueKind() == JsonValueKind.True => "1",
        JsonValue value when value.GetValueKind() == JsonValueKind.False => "0",
        _ => node.ToJsonString(),
    };

    /// <summary>An address Pardot would take: local part, one @, a dotted domain, at most 255 characters.</summary>
    private static bool IsEmail(string? email) => email is { Length: > 0 and <= 255 } && EmailPattern().IsMatch(email);

    [GeneratedRegex(@"^[^@\s]+@[^@\s]+\.[^@\s]+$")]
    private static partial Regex EmailPattern();
}
