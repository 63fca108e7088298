using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Highwater.Simulators.Eloqua;

public sealed partial class EloquaSimulator
{
    private const string BulkPrefix = "/api/bulk/2.0";

    private void MapBulk(WebApplication app)
    {
        app.MapGet(BulkPrefix + "/contacts/fields", FieldsAsync);
        app.MapPost(BulkPrefix + "/contacts/imports", context => CreateDefinitionAsync(context, isImport: true));
        app.MapPost(BulkPrefix + "/contacts/syncActions", context => CreateDefinitionAsync(context, isImport: false));
        app.MapPost(BulkPrefix + "/contacts/exports", CreateExportAsync);
        app.MapGet(BulkPrefix + "/syncs/{id}/data", (HttpContext context, string id) => SyncItemsAsync(context, id, "data"));
        app.MapPost(BulkPrefix + "/contacts/imports/{id}/data", (HttpContext context, string id) => UploadAsync(context, "/contacts/imports/" + id));
        app.MapPost(BulkPrefix + "/contacts/syncActions/{id}/data", (HttpContext context, string id) => UploadAsync(context, "/contacts/syncActions/" + id));
        app.MapDelete(BulkPrefix + "/contacts/imports/{id}/data", (HttpContext context, string id) => ClearStagingAsync(context, "/contacts/imports/" + id));
        app.MapDelete(BulkPrefix + "/contacts/syncActions/{id}/data", (HttpContext context, string id) => ClearStagingAsync(context, "/contacts/syncActions/" + id));
        app.MapPost(BulkPrefix + "/syncs", CreateSyncAsync);
        app.MapGet(BulkPrefix + "/syncs", ListSyncsAsync);
        app.MapGet(BulkPrefix + "/syncs/{id}", PollSyncAsync);
        app.MapGet(BulkPrefix + "/syncs/{id}/logs", (HttpContext context, string id) => SyncItemsAsync(context, id, "logs"));
        app.MapGet(BulkPrefix + "/syncs/{id}/rejects", (HttpContext context, string id) => SyncItemsAsync(context, id, "rejects"));
    }

    private async Task FieldsAsync(HttpContext context)
    {
        JsonObject body;
        lock (_lock)
        {
            Count("fields");
            var items = _options.Fields.Select((f, i) => (JsonNode)new JsonObject
            {
                ["name"] = f.Key,
                ["internalName"] = f.Value.InternalName,
                ["dataType"] = string.Equals(f.Key, "emailAddress", StringComparison.OrdinalIgnoreCase) ? "emailAddress" : "string",
                ["hasReadOnlyConstraint"] = false,
                ["hasNotNullConstraint"] = string.Equals(f.Key, "emailAddress", StringComparison.OrdinalIgnoreCase),
                ["hasUniquenessConstraint"] = string.Equals(f.Key, "emailAddress", StringComparison.OrdinalIgnoreCase),
                ["statement"] = $"{{{{Contact.Field({f.Value.InternalName})}}}}",
                ["uri"] = "/contacts/fields/" + (100001 + i).ToString(CultureInfo.InvariantCulture),
            }).ToList();
            body = Items(items, 0, items.Count, items.Count);
        }

        await WriteAsync(context, StatusCodes.Status200OK, body);
    }

    /// <summary>
    /// <c>POST /contacts/imports</c> and <c>/contacts/syncActions</c>: checks the field statements
    /// (at most <see cref="EloquaSimulatorOptions.MaxDefinitionFields"/>), the identifier (the e-mail
    /// field; a sync-action definition may use <c>{{Contact.Id}}</c>) and the sync actions
    /// (<c>add</c>/<c>remove</c> to an existing <c>{{ContactList[id]}}</c>).
    /// </summary>
    private async Task CreateDefinitionAsync(HttpContext context, bool isImport)
    {
        var body = await ReadJsonAsync(context) as JsonObject;
        int status;
        JsonNode answer;
        lock (_lock)
        {
            Count("definition");
            (status, answer) = CreateDefinition(body, isImport);
        }

        await WriteAsync(context, status, answer);
    }

    private (int Status, JsonNode Answer) CreateDefinition(JsonObject? body, bool isImport)
    {
        var bad = StatusCodes.Status400BadRequest;
        if (body is null)
        {
            return (bad, Failure("body", null, "Must be a JSON object"));
        }

        var name = Text(body["name"]);
        if (string.IsNullOrWhiteSpace(name))
        {
            return (bad, Failure("name", name, "Must be a non-empty string"));
        }

        if (body["fields"] is not JsonObject fieldsJson || fieldsJson.Count == 0)
        {
            return (bad, Failure("fields", null, "Must contain at least one field"));
        }

        if (fieldsJson.Count > _options.MaxDefinitionFields)
        {
            return (bad, Failure("fields", fieldsJson.Count.ToString(CultureInfo.InvariantCulture), $"Must contain at most {_options.MaxDefinitionFields} fields"));
        }

        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in fieldsJson)
        {
            var statement = Text(value) ?? "";
            var isId = statement == "{{Contact.Id}}";
            if (!(isId && !isImport) && FieldOf(statement) is null)
            {
                return (bad, Failure("fields", statement, "Must be a valid contact field statement"));
            }

            fields[key] = statement;
        }

        var identifier = Text(body["identifierFieldName"]);
        if (identifier is null || !fields.TryGetValue(identifier, out var idStatement)
            || !(idStatement == "{{Contact.Id}}" || string.Equals(FieldOf(idStatement), "emailAddress", StringComparison.OrdinalIgnoreCase)))
        {
            return (bad, Failure("identifierFieldName", identifier, "Must name the e-mail address field (or {{Contact.Id}} for sync actions) of the definition's fields"));
        }

        if (!isImport && fields.Count != 1)
        {
            return (bad, Failure("fields", fields.Count.ToString(CultureInfo.InvariantCulture), "A sync action definition takes exactly one field, its identifier"));
        }

        var actions = new List<(string, string, string)>();
        foreach (var node in body["syncActions"] as JsonArray ?? [])
        {
            var action = Text(node?["action"]);
            var destination = Text(node?["destination"]) ?? "";
            var match = Regex.Match(destination, @"^\{\{ContactList\[(\d+)\]\}\}$", RegexOptions.None, TimeSpan.FromSeconds(1));
            if (action is not ("add" or "remove"))
            {
                return (bad, Failure("syncActions.action", action, "Must be add or remove for a contact list"));
            }

            if (!match.Success || !_lists.ContainsKey(match.Groups[1].Value))
            {
                return (bad, Failure("syncActions.destination", destination, "Must reference an existing contact list"));
            }

            actions.Add((action, match.Groups[1].Value, destination));
        }

        if (!isImport && actions.Count == 0)
        {
            return (bad, Failure("syncActions", null, "Must contain at least one sync action"));
        }

        var now = Iso(_time.GetUtcNow());
        var uri = (isImport ? "/contacts/imports/" : "/contacts/syncActions/") + (_nextDefinition++).ToString(CultureInfo.InvariantCulture);
        var json = new JsonObject
        {
            ["name"] = name,
            ["fields"] = fieldsJson.DeepClone(),
            ["identifierFieldName"] = identifier,
            ["isSyncTriggeredOnImport"] = false,
        };
        if (isImport)
        {
            json["dataRetentionDuration"] = "P7D";
            json["isUpdatingMultipleMatchedRecords"] = body["isUpdatingMultipleMatchedRecords"]?.DeepClone() ?? false;
        }

        if (actions.Count > 0)
        {
            json["syncActions"] = new JsonArray([.. actions.Select(a => (JsonNode)new JsonObject { ["action"] = a.Item1, ["destination"] = a.Item3 })]);
        }

        json["uri"] = uri;
        json["createdBy"] = _options.Username;
        json["createdAt"] = now;
        json["updatedBy"] = _options.Username;
        json["updatedAt"] = now;
        _definitions[uri] = new EloquaDefinition
        {
            Uri = uri,
            IsImport = isImport,
            Name = name,
            Fields = fields,
            IdentifierFieldName = identifier,
            SyncActions = actions,
            Json = json,
        };
        return (StatusCodes.Status201Created, json.DeepClone());
    }

    /// <summary><c>POST {definition}/data</c>: stages a JSON array of rows; over 32 MB the Bulk API answers 404.</summary>
    private async Task UploadAsync(HttpContext context, string uri)
    {
        using var buffer = new MemoryStream();
        await context.Request.Body.CopyToAsync(buffer, context.RequestAborted);
        int status;
        JsonNode? answer = null;
        lock (_lock)
        {
            Count("upload");
            if (!_definitions.TryGetValue(uri, out var definition) || buffer.Length > _options.MaxStagingBytes)
            {
                status = StatusCodes.Status404NotFound;
            }
            else
            {
                JsonNode? rows;
                try
                {
                    rows = JsonNode.Parse(Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length));
                }
                catch (System.Text.Json.JsonException)
                {
                    rows = null;
                }

                if (rows is not JsonArray array || array.Any(r => r is not JsonObject))
                {
                    status = StatusCodes.Status400BadRequest;
                    answer = Failure("data", null, "Must be a JSON array of objects");
                }
                else
                {
                    definition.Staging.AddRange(array.Select(r => (JsonObject)r!.DeepClone()));
                    status = StatusCodes.Status204NoContent;
                }
            }
        }

        await WriteAsync(context, status, answer);
    }

    /// <summary><c>DELETE {definition}/data</c>: empties the staging area.</summary>
    private async Task ClearStagingAsync(HttpContext context, string uri)
    {
        bool found;
        lock (_lock)
        {
            Count("clear");
            found = _definitions.TryGetValue(uri, out var definition);
            definition?.Staging.Clear();
        }

        await WriteAsync(context, found ? StatusCodes.Status204NoContent : StatusCodes.Status404NotFound, null);
    }

    /// <summary>The REST name of the field a <c>{{Contact.Field(C_..)}}</c> statement names, or null.</summary>
    private string? FieldOf(string statement)
    {
        const string Open = "{{Contact.Field(";
        const string Close = ")}}";
        if (!statement.StartsWith(Open, StringComparison.Ordinal) || !statement.EndsWith(Close, StringComparison.Ordinal))
        {
            return null;
        }

        var internalName = statement[Open.Length..^Close.Length];
        return _options.Fields.FirstOrDefault(f => string.Equals(f.Value.InternalName, internalName, StringComparison.OrdinalIgnoreCase)).Key;
    }
}
