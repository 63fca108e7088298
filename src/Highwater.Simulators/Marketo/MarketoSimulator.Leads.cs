using System.Globalization;
using System.Text.Json.Nodes;

namespace Highwater.Simulators.Marketo;

public sealed partial class MarketoSimulator
{
    /// <summary>The fields a lookup answers when it names none (leads.md "Query").</summary>
    private static readonly string[] DefaultLookupFields = ["id", "firstName", "lastName", "email", "updatedAt", "createdAt"];

    /// <summary>
    /// Get Leads by Filter Type: <c>filterType</c>, up to 300 comma-separated <c>filterValues</c>,
    /// optional <c>fields</c>, <c>batchSize</c> (≤300) and <c>nextPageToken</c>. Misses are simply
    /// absent; more than 1,000 matches is 1003. It answers no list memberships.
    /// </summary>
    private JsonObject Lookup(MarketoRequest request)
    {
        var id = request.RequestId;
        var filterType = request.Param("filterType");
        if (string.IsNullOrEmpty(filterType) || request.Param("filterValues") is null)
        {
            return MarketoWire.Error(id, "701", (string.IsNullOrEmpty(filterType) ? "filterType" : "filterValues") + " cannot be blank");
        }

        if (filterType != "id" && !_options.Fields.ContainsKey(filterType))
        {
            return MarketoWire.Error(id, "1011", $"Field '{filterType}' not supported");
        }

        var values = request.Values("filterValues").ToList();
        if (values.Count > _options.MaxBatch)
        {
            return MarketoWire.Error(id, "1003", $"Too many values in filterValues, the maximum is {_options.MaxBatch}");
        }

        if (ReadFields(request) is not { } fields)
        {
            return MarketoWire.Error(id, "1006", $"Field '{UnknownField(request)}' not found");
        }

        var comparer = filterType == "id" ? StringComparer.Ordinal : StringComparer.OrdinalIgnoreCase;
        lock (_store.Gate)
        {
            var matches = _store.FindBy(filterType, values.ToHashSet(comparer));
            if (matches.Count > _options.MaxFilterMatches)
            {
                return MarketoWire.Error(id, "1003", "Too many results match the filter");
            }

            return LeadPage(request, matches, fields);
        }
    }

    /// <summary>The fields a read asks for (the default set when none); null when one of them does not exist.</summary>
    private List<string>? ReadFields(MarketoRequest request)
    {
        var fields = request.Values("fields").ToList();
        return UnknownField(request) is not null ? null : fields.Count == 0 ? [.. DefaultLookupFields] : fields;
    }

    private string? UnknownField(MarketoRequest request) =>
        request.Values("fields").FirstOrDefault(f => f is not ("id" or "createdAt" or "updatedAt") && !_options.Fields.ContainsKey(f));

    /// <summary>One page of leads (<c>batchSize</c>, at most 300, from <c>nextPageToken</c>), with the next token while more remain.</summary>
    private static JsonObject LeadPage(MarketoRequest request, IReadOnlyList<MarketoLead> leads, List<string> fields)
    {
        var batchSize = int.TryParse(request.Param("batchSize"), CultureInfo.InvariantCulture, out var size) ? Math.Clamp(size, 1, 300) : 300;
        var offset = int.TryParse(request.Param("nextPageToken")?.TrimStart('P'), CultureInfo.InvariantCulture, out var o) ? Math.Max(0, o) : 0;
        var page = new JsonArray();
        foreach (var lead in leads.Skip(offset).Take(batchSize))
        {
            page.Add(LeadJson(lead, fields));
        }

        var answer = MarketoWire.Result(request.RequestId, page);
        if (offset + batchSize < leads.Count)
        {
            answer["nextPageToken"] = "P" + (offset + batchSize).ToString(CultureInfo.InvariantCulture);
        }

        return answer;
    }

    private static JsonObject LeadJson(MarketoLead lead, IEnumerable<string> fields)
    {
        var json = new JsonObject { ["id"] = lead.Id };
        foreach (var field in fields)
        {
            json[field] = field switch
            {
                "id" => lead.Id,
                "createdAt" => MarketoWire.LeadTime(lead.CreatedAt),
                "updatedAt" => MarketoWire.LeadTime(lead.UpdatedAt),
                _ => lead.Get(field),
            };
        }

        return json;
    }

    /// <summary>
    /// Sync Leads: <c>{action, lookupField, input:[≤300]}</c>. Each record is answered in input order
    /// with <c>created</c> or <c>updated</c> and its id, or <c>skipped</c> with a reason: 1003 invalid
    /// data (an id outside updateOnly, a bad e-mail, a value too long), 1004 not found (updateOnly),
    /// 1005 already exists (createOnly), 1006 unknown field, 1007 several leads match.
    /// </summary>
    private JsonObject SyncLeads(MarketoRequest request)
    {
        var id = request.RequestId;
        if (request.Json() is not { } body)
        {
            return MarketoWire.Error(id, "609", "Invalid JSON");
        }

        var action = (body["action"] as JsonValue)?.ToString() ?? "createOrUpdate";
        var lookupField = (body["lookupField"] as JsonValue)?.ToString() ?? "email";
        if (action is not ("createOnly" or "updateOnly" or "createOrUpdate" or "createDuplicate"))
        {
            return MarketoWire.Error(id, "1003", $"Invalid action '{action}'");
        }

        if (lookupField != "id" && !_options.Fields.ContainsKey(lookupField))
        {
            return MarketoWire.Error(id, "1011", $"Field '{lookupField}' not supported");
        }

        if (body["input"] is not JsonArray input || input.Count == 0)
        {
            return MarketoWire.Error(id, "701", "input cannot be blank");
        }

        if (input.Count > _options.MaxBatch)
        {
            return MarketoWire.Error(id, "1003", $"Too many records in input, the maximum is {_options.MaxBatch}");
        }

        var results = new JsonArray();
        var now = _time.GetUtcNow();
        lock (_store.Gate)
        {
            foreach (var item in input)
            {
                var result = SyncOne(item as JsonObject, action, lookupField, now);
                if ((string?)result["status"] == "skipped")
                {
                    _counter.Rejected();
                }

                results.Add(result);
            }
        }

        return MarketoWire.Result(id, results);
    }

    private JsonObject SyncOne(JsonObject? record, string action, string lookupField, DateTimeOffset now)
    {
        if (record is null)
        {
            return MarketoWire.Status(null, "skipped", "1003", "Invalid data");
        }

        var values = new Dictionary<string, string?>(StringComparer.Ordinal);
        long? givenId = null;
        foreach (var (field, node) in record)
        {
            if (field == "id")
            {
                givenId = MarketoWire.Id(node);
                if (action != "updateOnly" || givenId is null)
                {
                    return MarketoWire.Status(null, "skipped", "1003", "Invalid data: id is only accepted with action updateOnly");
                }

                continue;
            }

            if (!_options.Fields.TryGetValue(field, out var maxLength))
            {
                return MarketoWire.Status(givenId, "skipped", "1006", $"Field '{field}' not found");
            }

            if (!MarketoWire.TryText(node, out var text))
            {
                return MarketoWire.Status(givenId, "skipped", "1003", $"Invalid value for field '{field}'");
            }

            if (text is not null && text.Length > maxLength)
            {
                return MarketoWire.Status(givenId, "skipped", "1003", $"Value for field '{field}' exceeds the maximum length of {maxLength}");
            }

            if (field == "email" && text is not null && !LooksLikeEmail(text))
            {
                return MarketoWire.Status(givenId, "skipped", "1003", $"Invalid email address '{text}'");
            }

            values[field] = text;
        }

        if (lookupField == "id" && action != "updateOnly")
        {
            return MarketoWire.Status(null, "skipped", "1003", "Invalid data: lookupField id is only accepted with action updateOnly");
        }

        List<MarketoLead> matches;
        if (lookupField == "id")
        {
            matches = givenId is { } key && _store.Leads.TryGetValue(key, out var byId) ? [byId] : [];
        }
        else if (values.GetValueOrDefault(lookupField) is { } keyValue)
        {
            matches = _store.FindBy(lookupField, new HashSet<string>([keyValue], StringComparer.OrdinalIgnoreCase));
        }
        else if (action is "createOnly" or "createDuplicate")
        {
            matches = [];
        }
        else
        {
            return MarketoWire.Status(null, "skipped", "1003", $"Invalid data: missing value for lookup field '{lookupField}'");
        }

        if (action == "createDuplicate" || (matches.Count == 0 && action is "createOnly" or "createOrUpdate"))
        {
            var lead = _store.AddLead(null, now);
            Apply(lead, values, now);
            return MarketoWire.Status(lead.Id, "created");
        }

        if (matches.Count == 0)
        {
            return MarketoWire.Status(givenId, "skipped", "1004", "Lead not found");
        }

        if (action == "createOnly")
        {
            return MarketoWire.Status(null, "skipped", "1005", "Lead already exists");
        }

        if (matches.Count > 1)
        {
            return MarketoWire.Status(null, "skipped", "1007", "Multiple leads match the lookup criteria");
        }

        Apply(matches[0], values, now);
        return MarketoWire.Status(matches[0].Id, "updated");
    }

    private static void Apply(MarketoLead lead, Dictionary<string, string?> values, DateTimeOffset now)
    {
        foreach (var (field, value) in values)
        {
            lead.Set(field, value);
        }

        lead.UpdatedAt = now;
    }

    /// <summary>ASCII only (leads.md "Create and Update"), one @, a dot in the domain, no spaces.</summary>
    private static bool LooksLikeEmail(string text)
    {
        var at = text.IndexOf('@', StringComparison.Ordinal);
        return at > 0
            && at == text.LastIndexOf('@')
            && text.IndexOf('.', at) > at + 1
            && !text.EndsWith('.')
            && text.All(c => c is > ' ' and < (char)127);
    }

    /// <summary>Delete Leads: <c>{input:[{id}]}</c> (≤300) → <c>deleted</c>, or <c>skipped</c> 1004.</summary>
    private JsonObject DeleteLeads(MarketoRequest request)
    {
        var id = request.RequestId;
        if (IdsOf(request) is not { } ids)
        {
            return MarketoWire.Error(id, "609", "Invalid JSON");
        }

        if (ids.Count == 0)
        {
            return MarketoWire.Error(id, "701", "input cannot be blank");
        }

        if (ids.Count > _options.MaxBatch)
        {
            return MarketoWire.Error(id, "1003", $"Too many records in input, the maximum is {_options.MaxBatch}");
        }

        var results = new JsonArray();
        lock (_store.Gate)
        {
            foreach (var leadId in ids)
            {
                if (leadId is { } existing && _store.Leads.ContainsKey(existing))
                {
                    _store.RemoveLead(existing);
                    results.Add(MarketoWire.Status(existing, "deleted"));
                }
                else
                {
                    _counter.Rejected();
                    results.Add(MarketoWire.Status(leadId, "skipped", "1004", "Lead not found"));
                }
            }
        }

        return MarketoWire.Result(id, results);
    }

    /// <summary>
    /// Lead ids from a JSON body <c>{input:[{id}]}</c> or from <c>id</c> parameters; null for a body
    /// that is not JSON. An entry that is no integer is a null id.
    /// </summary>
    private static List<long?>? IdsOf(MarketoRequest request)
    {
        var fromQuery = request.Values("id").ToList();
        if (fromQuery.Count > 0 || request.Body.Length == 0 || request.FormBody)
        {
            return fromQuery.Select(v => long.TryParse(v, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : (long?)null).ToList();
        }

        if (request.Json() is not { } body)
        {
            return null;
        }

        return body["input"] is JsonArray input ? input.Select(i => MarketoWire.Id((i as JsonObject)?["id"])).ToList() : [];
    }

    /// <summary>Describe Lead: <c>GET /rest/v1/leads/describe.json</c>, every field with its REST name, type, length and whether it is read-only (recorded shape).</summary>
    private JsonObject Describe(MarketoRequest request)
    {
        var result = new JsonArray();
        var id = 1;
        foreach (var (field, length) in _options.Fields.OrderBy(f => f.Key, StringComparer.Ordinal))
        {
            result.Add(new JsonObject
            {
                ["id"] = id++,
                ["displayName"] = field,
                ["dataType"] = field == "email" ? "email" : "string",
                ["length"] = length,
                ["rest"] = new JsonObject { ["name"] = field, ["readOnly"] = false },
                ["soap"] = new JsonObject { ["name"] = char.ToUpperInvariant(field[0]) + field[1..], ["readOnly"] = false },
            });
        }

        foreach (var readOnly in new[] { "id", "createdAt", "updatedAt" })
        {
            result.Add(new JsonObject
            {
                ["id"] = id++,
                ["displayName"] = readOnly,
                ["dataType"] = readOnly == "id" ? "integer" : "datetime",
                ["rest"] = new JsonObject { ["name"] = readOnly, ["readOnly"] = true },
            });
        }

        return MarketoWire.Result(request.RequestId, result);
    }
}
