using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;

namespace Highwater.Simulators.Eloqua;

public sealed partial class EloquaSimulator
{
    /// <summary>
    /// <c>POST /contacts/exports</c>: fields (<c>{{Contact.Id}}</c> or field statements) and a filter,
    /// of which this simulator knows <c>EXISTS('{{ContactList[id]}}')</c> and none.
    /// </summary>
    private async Task CreateExportAsync(HttpContext context)
    {
        var body = await ReadJsonAsync(context) as JsonObject;
        int status;
        JsonNode answer;
        lock (_lock)
        {
            Count("definition");
            (status, answer) = CreateExport(body);
        }

        await WriteAsync(context, status, answer);
    }

    private (int Status, JsonNode Answer) CreateExport(JsonObject? body)
    {
        var bad = StatusCodes.Status400BadRequest;
        var name = Text(body?["name"]);
        if (body is null || string.IsNullOrWhiteSpace(name))
        {
            return (bad, Failure("name", name, "Must be a non-empty string"));
        }

        if (body["fields"] is not JsonObject fieldsJson || fieldsJson.Count == 0 || fieldsJson.Count > 250)
        {
            return (bad, Failure("fields", null, "Must contain 1 to 250 fields"));
        }

        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in fieldsJson)
        {
            var statement = Text(value) ?? "";
            if (statement != "{{Contact.Id}}" && FieldOf(statement) is null)
            {
                return (bad, Failure("fields", statement, "Must be a valid contact field statement"));
            }

            fields[key] = statement;
        }

        var filter = Text(body["filter"]);
        string? listId = null;
        if (!string.IsNullOrWhiteSpace(filter))
        {
            var match = Regex.Match(filter, @"^\s*EXISTS\('\{\{ContactList\[(\d+)\]\}\}'\)\s*$", RegexOptions.None, TimeSpan.FromSeconds(1));
            if (!match.Success || !_lists.ContainsKey(match.Groups[1].Value))
            {
                return (bad, Failure("filter", filter, "Must be EXISTS('{{ContactList[id]}}') of an existing list (the simulator knows no other filter)"));
            }

            listId = match.Groups[1].Value;
        }

        var now = Iso(_time.GetUtcNow());
        var uri = "/contacts/exports/" + (_nextDefinition++).ToString(CultureInfo.InvariantCulture);
        var json = new JsonObject
        {
            ["name"] = name,
            ["fields"] = fieldsJson.DeepClone(),
            ["filter"] = filter,
            ["dataRetentionDuration"] = "PT12H",
            ["uri"] = uri,
            ["createdBy"] = _options.Username,
            ["createdAt"] = now,
            ["updatedBy"] = _options.Username,
            ["updatedAt"] = now,
        };
        _definitions[uri] = new EloquaDefinition
        {
            Uri = uri,
            IsImport = false,
            IsExport = true,
            FilterListId = listId,
            Name = name,
            Fields = fields,
            IdentifierFieldName = fields.Keys.First(),
            SyncActions = [],
            Json = json,
        };
        return (StatusCodes.Status201Created, json.DeepClone());
    }

    private void Export(EloquaSync sync)
    {
        var definition = sync.Definition;
        var members = definition.FilterListId is { } listId && _lists.TryGetValue(listId, out var list) ? list.Members : null;
        foreach (var contact in _contacts.Values.OrderBy(c => long.Parse(c.Id, CultureInfo.InvariantCulture)))
        {
            if (members is not null && !members.Contains(contact.Id))
            {
                continue;
            }

            var row = new JsonObject();
            foreach (var (key, statement) in definition.Fields)
            {
                row[key] = statement == "{{Contact.Id}}" ? contact.Id : FieldOf(statement) is { } f ? contact.Fields.GetValueOrDefault(f) : null;
            }

            sync.Data.Add(row);
        }

        sync.Status = "success";
        Log(sync, "information", "ELQ-00102", "Successfully exported members to csv file.", sync.Data.Count);
        Log(sync, "information", "ELQ-00101", $"Sync processed for sync {sync.Id}, resulting in Success status.", 0);
    }
}
