using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Highwater.Simulators.HubSpot;

public sealed partial class HubSpotSimulator
{
    private static readonly string[] ReadOnlyProperties = ["hs_object_id", "createdate", "lastmodifieddate"];

    private void MapContacts(WebApplication app)
    {
        const string Batch = "/crm/v3/objects/contacts/batch/";
        app.MapPost(Batch + "read", ReadAsync);
        app.MapPost(Batch + "create", context => WriteBatchAsync(context, "create"));
        app.MapPost(Batch + "update", context => WriteBatchAsync(context, "update"));
        app.MapPost(Batch + "upsert", context => WriteBatchAsync(context, "upsert"));
        app.MapPost(Batch + "archive", ArchiveAsync);
        app.MapPost("/crm/v3/objects/contacts/search", SearchAsync);
        app.MapGet("/crm/v3/properties/contacts", PropertiesAsync);
    }

    /// <summary>
    /// <c>batch/read</c>: by record id, or by <c>idProperty: "email"</c>. Ids nothing has come back in
    /// one <c>OBJECT_NOT_FOUND</c> error naming them (207).
    /// </summary>
    private async Task ReadAsync(HttpContext context)
    {
        var body = await ReadObjectAsync(context);
        JsonNode answer;
        int status;
        lock (_lock)
        {
            Count("lookup");
            if (Inputs(body, out var problem) is not { } inputs)
            {
                (status, answer) = (400, problem!);
            }
            else
            {
                var byEmail = Str(body!["idProperty"]) is { } property && property == "email";
                var wanted = (body["properties"] as JsonArray ?? []).Select(Str).OfType<string>().ToList();
                var results = new JsonArray();
                var missing = new JsonArray();
                foreach (var id in inputs.Select(i => Str(i?["id"]) ?? ""))
                {
                    var contact = byEmail ? ContactByEmail(id) : _contacts.GetValueOrDefault(id);
                    if (contact is null)
                    {
                        missing.Add(id);
                    }
                    else
                    {
                        results.Add(Json(contact, wanted));
                    }
                }

                var response = Envelope(results);
                if (missing.Count > 0)
                {
                    response["numErrors"] = 1;
                    response["errors"] = new JsonArray(BatchError("OBJECT_NOT_FOUND", "Could not get some CONTACT objects, they may be deleted or not exist. Check that ids are valid.", new JsonObject { ["ids"] = missing }));
                }

                (status, answer) = (missing.Count > 0 ? 207 : 200, response);
            }
        }

        await WriteAsync(context, status, answer);
    }

    /// <summary>
    /// <c>batch/create</c>, <c>batch/update</c> (by record id) and <c>batch/upsert</c> (by
    /// <c>idProperty: "email"</c>). An input whose values are invalid, whose e-mail another contact
    /// has, or whose id nothing has, fails: in a create or update whose inputs all carry an
    /// <c>objectWriteTraceId</c> the others are applied and the answer is 207 with one error per
    /// failed input naming its trace id; otherwise (and always in an upsert by e-mail, which takes no
    /// partial success) nothing is applied and the whole batch is refused.
    /// </summary>
    private async Task WriteBatchAsync(HttpContext context, string operation)
    {
        var body = await ReadObjectAsync(context);
        JsonNode answer;
        int status;
        lock (_lock)
        {
            Count(operation);
            (status, answer) = Inputs(body, out var problem) is { } inputs ? Write(operation, inputs) : (400, problem!);
        }

        await WriteAsync(context, status, answer);
    }

    private (int Status, JsonNode Answer) Write(string operation, JsonArray inputs)
    {
        var plans = new List<(JsonObject Input, HubSpotContact? Target, Dictionary<string, string> Properties, string? Trace, JsonObject? Error)>();
        var claimed = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        foreach (var input in inputs.OfType<JsonObject>())
        {
            var trace = Str(input["objectWriteTraceId"]);
            var id = Str(input["id"]);
            var properties = (input["properties"] as JsonObject ?? []).ToDictionary(p => p.Key, p => Str(p.Value) ?? "", StringComparer.Ordinal);
            if (operation == "upsert")
            {
                if (Str(input["idProperty"]) != "email")
                {
                    return (400, Error($"Unable to perform update/upsert by non-unique 0-1 property {Str(input["idProperty"]) ?? "hs_object_id"}", "VALIDATION_ERROR"));
                }

                properties.TryAdd("email", id ?? "");
            }

            var target = operation switch
            {
                "update" => id is null ? null : _contacts.GetValueOrDefault(id),
                "upsert" => ContactByEmail(id),
                _ => null,
            };
            var error = Validate(operation, id, target, properties, claimed, plans.Count);
            plans.Add((input, target, properties, trace, error));
        }

        var failed = plans.Where(p => p.Error is not null).ToList();
        _counter.Rejected(failed.Count);
        var partial = operation != "upsert" && plans.All(p => p.Trace is not null);
        if (failed.Count > 0 && !partial)
        {
            // The first failure refuses the batch: nothing is applied.
            var first = failed[0].Error!;
            var category = Str(first["category"])!;
            return (category == "CONFLICT" ? 409 : category == "OBJECT_NOT_FOUND" ? 404 : 400, Error(Str(first["message"])!, category));
        }

        var results = new JsonArray();
        var now = _time.GetUtcNow();
        foreach (var (input, target, properties, trace, error) in plans.Where(p => p.Error is null))
        {
            var isNew = target is null;
            var contact = target ?? AddContact(NextContactId());
            foreach (var (name, value) in properties)
            {
                Set(contact, name, value);
            }

            contact.UpdatedAt = now;
            var result = Json(contact, [.. properties.Keys]);
            if (operation == "upsert")
            {
                result["new"] = isNew;
            }

            if (trace is not null)
            {
                result["objectWriteTraceId"] = trace;
            }

            results.Add(result);
        }

        var response = Envelope(results);
        if (failed.Count == 0)
        {
            return (operation == "create" ? 201 : 200, response);
        }

        response["numErrors"] = failed.Count;
        response["errors"] = new JsonArray([.. failed.Select(f =>
        {
            var error = f.Error!;
            var context = error["context"] as JsonObject ?? [];
            context["objectWriteTraceId"] = new JsonArray(f.Trace!);
            error["context"] = context;
            return (JsonNode)error;
        })]);
        return (207, response);
    }

    /// <summary>Why one input fails, as a batch error (<c>StandardError</c>), or null.</summary>
    private JsonObject? Validate(string operation, string? id, HubSpotContact? target, Dictionary<string, string> properties, Dictionary<string, int> claimed, int position)
    {
        if (operation == "update" && target is null)
        {
            return BatchError("OBJECT_NOT_FOUND", "Could not get some CONTACT objects, they may be deleted or not exist. Check that ids are valid.", new JsonObject { ["ids"] = new JsonArray(id ?? "") });
        }

        var invalid = new JsonArray();
        foreach (var (name, value) in properties)
        {
            if (!_properties.Contains(name) || ReadOnlyProperties.Contains(name))
            {
                invalid.Add(new JsonObject { ["isValid"] = false, ["message"] = $"Property \"{name}\" does not exist", ["error"] = "PROPERTY_DOESNT_EXIST", ["name"] = name });
            }
            else if (name == "email" && !IsEmail(value))
            {
                invalid.Add(new JsonObject { ["isValid"] = false, ["message"] = $"Email address {value} is invalid", ["error"] = "INVALID_EMAIL", ["name"] = "email" });
            }
        }

        if (invalid.Count > 0)
        {
            return BatchError("VALIDATION_ERROR", "Property values were not valid: " + invalid.ToJsonString());
        }

        if (properties.GetValueOrDefault("email") is { Length: > 0 } email)
        {
            var holder = ContactByEmail(email);
            if ((holder is not null && holder != target) || (claimed.TryGetValue(email, out var other) && other != position))
            {
                return BatchError("CONFLICT", $"Contact already exists. Existing ID: {holder?.Id ?? "(in this batch)"}");
            }

            claimed[email] = position;
        }

        return null;
    }

    /// <summary><c>batch/archive</c>: archives every contact it has of the ids (and its list memberships) and answers 204 whatever it had.</summary>
    private async Task ArchiveAsync(HttpContext context)
    {
        var body = await ReadObjectAsync(context);
        JsonNode? answer = null;
        int status = 204;
        lock (_lock)
        {
            Count("delete");
            if (Inputs(body, out var problem) is not { } inputs)
            {
                (status, answer) = (400, problem!);
            }
            else
            {
                foreach (var id in inputs.Select(i => Str(i?["id"])).OfType<string>())
                {
                    if (_contacts.Remove(id))
                    {
                        foreach (var list in _lists.Values)
                        {
                            list.Members.Remove(id);
                        }
                    }
                }
            }
        }

        await WriteAsync(context, status, answer);
    }

    /// <summary>CRM search, enough of it for e-mail filters (<c>EQ</c>) OR-ed across filter groups; its own per-second limit applies.</summary>
    private async Task SearchAsync(HttpContext context)
    {
        var body = await ReadObjectAsync(context);
        JsonObject answer;
        lock (_lock)
        {
            Count("search");
            var emails = (body?["filterGroups"] as JsonArray ?? []).OfType<JsonObject>()
                .SelectMany(g => (g["filters"] as JsonArray ?? []).OfType<JsonObject>())
                .Where(f => Str(f["propertyName"]) == "email" && Str(f["operator"]) == "EQ")
                .Select(f => Str(f["value"])).OfType<string>().ToList();
            var wanted = (body?["properties"] as JsonArray ?? []).Select(Str).OfType<string>().ToList();
            var found = emails.Select(ContactByEmail).OfType<HubSpotContact>().Distinct().ToList();
            answer = new JsonObject { ["total"] = found.Count, ["results"] = new JsonArray([.. found.Select(c => (JsonNode)Json(c, wanted))]) };
        }

        await WriteAsync(context, 200, answer);
    }

    /// <summary>A batch body's inputs, or null and the 400 answer for a missing or over-long one.</summary>
    private JsonArray? Inputs(JsonObject? body, out JsonObject? problem)
    {
        problem = null;
        if (body?["inputs"] is not JsonArray inputs)
        {
            problem = Error("Invalid input JSON on line 1, column 1: Cannot build BatchInput, some of required attributes are not set [inputs]", "VALIDATION_ERROR");
            return null;
        }

        if (inputs.Count > _options.MaxBatch)
        {
            problem = Error($"Batch input size limit exceeded: {inputs.Count} inputs; the limit is {_options.MaxBatch}", "VALIDATION_ERROR");
            return null;
        }

        return inputs;
    }

    /// <summary>A contact as the API answers it (<c>SimplePublicObject</c>): the properties asked for, and HubSpot's own.</summary>
    private static JsonObject Json(HubSpotContact contact, IEnumerable<string> wanted)
    {
        var properties = new JsonObject
        {
            ["createdate"] = Iso(contact.CreatedAt),
            ["hs_object_id"] = contact.Id,
            ["lastmodifieddate"] = Iso(contact.UpdatedAt),
        };
        foreach (var name in wanted.Append("email").Distinct(StringComparer.Ordinal))
        {
            properties[name] = contact.Properties.GetValueOrDefault(name);
        }

        return new JsonObject
        {
            ["id"] = contact.Id,
            ["properties"] = properties,
            ["createdAt"] = Iso(contact.CreatedAt),
            ["updatedAt"] = Iso(contact.UpdatedAt),
            ["archived"] = false,
        };
    }

    private JsonObject Envelope(JsonArray results)
    {
        var now = Iso(_time.GetUtcNow());
        return new JsonObject { ["status"] = "COMPLETE", ["results"] = results, ["startedAt"] = now, ["completedAt"] = now };
    }

    private static JsonObject BatchError(string category, string message, JsonObject? context = null) => new()
    {
        ["status"] = "error",
        ["category"] = category,
        ["message"] = message,
        ["context"] = context ?? [],
    };
}
