using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Highwater.Simulators.HubSpot;

public sealed partial class HubSpotSimulator
{
    private const string ContactObjectType = "0-1";

    private void MapLists(WebApplication app)
    {
        app.MapGet("/crm/v3/lists/object-type-id/{objectTypeId}/name/{listName}", ListByNameAsync);
        app.MapPost("/crm/v3/lists", CreateListAsync);
        app.MapPut("/crm/v3/lists/{listId}/memberships/add-and-remove", AddAndRemoveAsync);
        app.MapGet("/crm/v3/lists/{listId}/memberships", MembershipsAsync);
    }

    /// <summary>A list by name, whatever its case (404 <c>OBJECT_NOT_FOUND</c> when none has it).</summary>
    private async Task ListByNameAsync(HttpContext context, string objectTypeId, string listName)
    {
        JsonNode answer;
        int status;
        lock (_lock)
        {
            Count("lists");
            var list = objectTypeId == ContactObjectType ? ListNamed(listName) : null;
            (status, answer) = list is null
                ? (404, Error($"List does not exist with name {listName} and object type id {objectTypeId}.", "OBJECT_NOT_FOUND"))
                : (200, new JsonObject { ["list"] = Json(list) });
        }

        await WriteAsync(context, status, answer);
    }

    /// <summary>Creates a contact list: its name unique in the account whatever its case, its processing type MANUAL, SNAPSHOT or DYNAMIC.</summary>
    private async Task CreateListAsync(HttpContext context)
    {
        var body = await ReadObjectAsync(context);
        JsonNode answer;
        int status;
        lock (_lock)
        {
            Count("lists");
            var name = Str(body?["name"]);
            var type = Str(body?["processingType"]);
            if (string.IsNullOrWhiteSpace(name) || Str(body?["objectTypeId"]) != ContactObjectType || type is not ("MANUAL" or "SNAPSHOT" or "DYNAMIC"))
            {
                (status, answer) = (400, Error("Invalid list: name, objectTypeId 0-1 and processingType (MANUAL, SNAPSHOT or DYNAMIC) are required.", "VALIDATION_ERROR"));
            }
            else if (ListNamed(name) is not null)
            {
                (status, answer) = (400, Error($"A list with the name '{name}' already exists.", "VALIDATION_ERROR"));
            }
            else
            {
                (status, answer) = (200, new JsonObject { ["list"] = Json(AddList(name, type)) });
            }
        }

        await WriteAsync(context, status, answer);
    }

    /// <summary>
    /// Adds and removes record ids in one call (MANUAL and SNAPSHOT lists only). Ids no contact has are
    /// answered in <c>recordIdsMissing</c>; the additions come back in <c>recordsIdsAdded</c>, as the
    /// Lists v3 schema spells it.
    /// </summary>
    private async Task AddAndRemoveAsync(HttpContext context, string listId)
    {
        var body = await ReadObjectAsync(context);
        JsonNode answer;
        int status;
        lock (_lock)
        {
            Count("listUpdate");
            if (!_lists.TryGetValue(listId, out var list))
            {
                (status, answer) = (404, Error($"List {listId} does not exist.", "OBJECT_NOT_FOUND"));
            }
            else if (list.ProcessingType is not ("MANUAL" or "SNAPSHOT"))
            {
                (status, answer) = (400, Error($"List {listId} has processingType {list.ProcessingType}; only MANUAL and SNAPSHOT lists take records.", "VALIDATION_ERROR"));
            }
            else if (body?["recordIdsToAdd"] is not JsonArray add || body["recordIdsToRemove"] is not JsonArray remove)
            {
                (status, answer) = (400, Error("recordIdsToAdd and recordIdsToRemove are required.", "VALIDATION_ERROR"));
            }
            else
            {
                var added = new JsonArray();
                var removed = new JsonArray();
                var missing = new JsonArray();
                var now = _time.GetUtcNow();
                foreach (var id in add.Select(Str).OfType<string>())
                {
                    if (!_contacts.ContainsKey(id))
                    {
                        missing.Add(id);
                    }
                    else if (list.Members.TryAdd(id, now))
                    {
                        added.Add(id);
                    }
                }

                foreach (var id in remove.Select(Str).OfType<string>())
                {
                    if (!_contacts.ContainsKey(id))
                    {
                        missing.Add(id);
                    }
                    else if (list.Members.Remove(id))
                    {
                        removed.Add(id);
                    }
                }

                (status, answer) = (200, new JsonObject { ["recordIdsMissing"] = missing, ["recordIdsRemoved"] = removed, ["recordsIdsAdded"] = added });
            }
        }

        await WriteAsync(context, status, answer);
    }

    /// <summary>A list's members in record id order, <c>limit</c> (at most 250) a page, the next page <c>after</c> the last id.</summary>
    private async Task MembershipsAsync(HttpContext context, string listId)
    {
        JsonNode answer;
        int status;
        lock (_lock)
        {
            Count("listMembers");
            var limit = int.TryParse(context.Request.Query["limit"], NumberStyles.None, CultureInfo.InvariantCulture, out var l) ? Math.Clamp(l, 1, 250) : 100;
            var after = long.TryParse(context.Request.Query["after"], NumberStyles.None, CultureInfo.InvariantCulture, out var a) ? a : -1;
            if (!_lists.TryGetValue(listId, out var list))
            {
                (status, answer) = (404, Error($"List {listId} does not exist.", "OBJECT_NOT_FOUND"));
            }
            else
            {
                var page = list.Members.Select(m => (Id: long.Parse(m.Key, CultureInfo.InvariantCulture), At: m.Value)).Where(m => m.Id > after).OrderBy(m => m.Id).Take(limit + 1).ToList();
                var results = new JsonArray([.. page.Take(limit).Select(m => (JsonNode)new JsonObject { ["recordId"] = Text(m.Id), ["membershipTimestamp"] = Iso(m.At) })]);
                var response = new JsonObject { ["results"] = results, ["total"] = list.Members.Count };
                if (page.Count > limit)
                {
                    response["paging"] = new JsonObject { ["next"] = new JsonObject { ["after"] = Text(page[limit - 1].Id) } };
                }

                (status, answer) = (200, response);
            }
        }

        await WriteAsync(context, status, answer);
    }

    private JsonObject Json(HubSpotSimList list) => new()
    {
        ["listId"] = list.Id,
        ["listVersion"] = 1,
        ["name"] = list.Name,
        ["objectTypeId"] = ContactObjectType,
        ["processingType"] = list.ProcessingType,
        ["processingStatus"] = "COMPLETE",
        ["size"] = list.Members.Count,
        ["createdAt"] = Iso(list.CreatedAt),
        ["updatedAt"] = Iso(_time.GetUtcNow()),
    };
}
