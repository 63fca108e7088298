using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Highwater.Simulators.Eloqua;

public sealed partial class EloquaSimulator
{
    private void MapRest(WebApplication app)
    {
        app.MapGet("/api/REST/1.0/data/contacts", SearchContactsAsync);
        app.MapPut("/api/REST/1.0/data/contact/{id}", UpdateContactAsync);
        app.MapDelete("/api/REST/1.0/data/contact/{id}", DeleteContactAsync);
        app.MapGet("/api/REST/2.0/data/contact/{id}/membership", MembershipAsync);
        app.MapGet("/api/REST/1.0/assets/contact/lists", SearchListsAsync);
        app.MapPost("/api/REST/1.0/assets/contact/list", CreateListAsync);
        app.MapPut("/api/REST/1.0/assets/contact/list/{id}", UpdateListAsync);
        app.MapDelete("/api/REST/1.0/assets/contact/list/{id}", DeleteListAsync);
    }

    /// <summary>
    /// <c>GET /data/contacts?search=..&amp;depth=..&amp;count=..&amp;page=..</c>: the search term is
    /// <c>emailAddress</c> or <c>C_EmailAddress</c> (or <c>id</c>), the value optionally in single
    /// quotes, a trailing <c>*</c> matching any suffix.
    /// </summary>
    private async Task SearchContactsAsync(HttpContext context)
    {
        var query = context.Request.Query;
        if (!Search(query["search"].ToString(), out var term, out var value, out var prefix)
            || term is not ("emailaddress" or "c_emailaddress" or "id"))
        {
            lock (_lock)
            {
                Count("lookup");
            }

            await WriteAsync(context, StatusCodes.Status400BadRequest, ValidationError("Contact", null, "search", "SearchRequirement", query["search"].ToString()));
            return;
        }

        var (page, count) = Paging(query);
        var depth = query["depth"].ToString() is { Length: > 0 } d ? d : "minimal";
        JsonObject body;
        lock (_lock)
        {
            Count("lookup");
            var matches = _contacts.Values
                .Where(c => Matches(term == "id" ? c.Id : c.Email, value, prefix))
                .OrderBy(c => long.Parse(c.Id, CultureInfo.InvariantCulture))
                .ToList();
            body = Page(matches.Skip((page - 1) * count).Take(count).Select(c => (JsonNode)ContactJson(c, depth)), page, count, matches.Count);
        }

        await WriteAsync(context, StatusCodes.Status200OK, body);
    }

    /// <summary><c>PUT /data/contact/{id}</c>: sets the fields the body names (unknown properties are ignored).</summary>
    private async Task UpdateContactAsync(HttpContext context, string id)
    {
        var body = await ReadJsonAsync(context) as JsonObject;
        int status;
        JsonNode? answer;
        lock (_lock)
        {
            Count("update");
            (status, answer) = UpdateContact(id, body);
        }

        await WriteAsync(context, status, answer);
    }

    private (int Status, JsonNode? Answer) UpdateContact(string id, JsonObject? body)
    {
        if (body is null)
        {
            return (StatusCodes.Status400BadRequest, ValidationError("Contact", id, "body", "JsonRequirement", null));
        }

        if (!_contacts.TryGetValue(id, out var contact))
        {
            return (StatusCodes.Status404NotFound, null);
        }

        var email = Text(body["emailAddress"]);
        if (email is null || !IsEmail(email))
        {
            return (StatusCodes.Status400BadRequest, ValidationError("Contact", id, "emailAddress", "EmailAddressRequirement", email));
        }

        if (ContactByEmail(email) is { } other && other.Id != id)
        {
            return (StatusCodes.Status409Conflict, ValidationError("Contact", id, "emailAddress", "UniquenessRequirement", email));
        }

        foreach (var (name, value) in body)
        {
            if (_options.Fields.TryGetValue(name, out var spec) && Text(value) is var text && text?.Length > spec.MaxLength)
            {
                return (StatusCodes.Status400BadRequest, ValidationError("Contact", id, name, "TextLengthRequirement", text));
            }
        }

        foreach (var (name, value) in body)
        {
            var field = _options.Fields.Keys.FirstOrDefault(k => string.Equals(k, name, StringComparison.OrdinalIgnoreCase));
            if (field is not null)
            {
                contact.Fields[field] = Text(value);
            }
        }

        contact.UpdatedAt = _time.GetUtcNow().ToUnixTimeSeconds();
        return (StatusCodes.Status200OK, ContactJson(contact, "complete"));
    }

    private async Task DeleteContactAsync(HttpContext context, string id)
    {
        bool found;
        lock (_lock)
        {
            Count("delete");
            found = _contacts.Remove(id);
            foreach (var list in _lists.Values)
            {
                list.Members.Remove(id);
            }
        }

        await WriteAsync(context, found ? StatusCodes.Status200OK : StatusCodes.Status404NotFound, null);
    }

    /// <summary><c>GET /api/REST/2.0/data/contact/{id}/membership</c>: the lists the contact is in.</summary>
    private async Task MembershipAsync(HttpContext context, string id)
    {
        JsonNode? body;
        lock (_lock)
        {
            Count("membership");
            body = _contacts.ContainsKey(id)
                ? new JsonArray([.. _lists.Values.Where(l => l.Members.Contains(id)).OrderBy(l => l.CreatedAt)
                    .Select(l => (JsonNode)new JsonObject { ["type"] = "ContactList", ["id"] = l.Id, ["name"] = l.Name })])
                : null;
        }

        await WriteAsync(context, body is null ? StatusCodes.Status404NotFound : StatusCodes.Status200OK, body);
    }

    private async Task SearchListsAsync(HttpContext context)
    {
        var query = context.Request.Query;
        var search = query["search"].ToString();
        string? value = null;
        var prefix = false;
        if (search.Length > 0 && (!Search(search, out var term, out value, out prefix) || term != "name"))
        {
            await WriteAsync(context, StatusCodes.Status400BadRequest, ValidationError("ContactList", null, "search", "SearchRequirement", search));
            return;
        }

        var (page, count) = Paging(query);
        var depth = query["depth"].ToString() is { Length: > 0 } d ? d : "minimal";
        JsonObject body;
        lock (_lock)
        {
            Count("lists");
            var matches = _lists.Values.Where(l => value is null || Matches(l.Name, value, prefix)).OrderBy(l => long.Parse(l.Id, CultureInfo.InvariantCulture)).ToList();
            body = Page(matches.Skip((page - 1) * count).Take(count).Select(l => (JsonNode)ListJson(l, depth)), page, count, matches.Count);
        }

        await WriteAsync(context, StatusCodes.Status200OK, body);
    }

    private async Task CreateListAsync(HttpContext context)
    {
        var body = await ReadJsonAsync(context) as JsonObject;
        var name = Text(body?["name"]);
        int status;
        JsonNode answer;
        lock (_lock)
        {
            Count("lists");
            if (string.IsNullOrWhiteSpace(name))
            {
                (status, answer) = (StatusCodes.Status400BadRequest, ValidationError("ContactList", null, "name", "NotNullRequirement", name));
            }
            else if (ListNamed(name) is not null)
            {
                (status, answer) = (StatusCodes.Status400BadRequest, ValidationError("ContactList", null, "name", "UniquenessRequirement", name));
            }
            else
            {
                (status, answer) = (StatusCodes.Status201Created, ListJson(AddList(name), "complete"));
            }
        }

        await WriteAsync(context, status, answer);
    }

    /// <summary><c>PUT /assets/contact/list/{id}</c> with <c>membershipAdditions</c> and <c>membershipDeletions</c> (contact ids).</summary>
    private async Task UpdateListAsync(HttpContext context, string id)
    {
        var body = await ReadJsonAsync(context) as JsonObject;
        int status;
        JsonNode? answer;
        lock (_lock)
        {
            Count("listUpdate");
            if (!_lists.TryGetValue(id, out var list))
            {
                (status, answer) = (StatusCodes.Status404NotFound, null);
            }
            else if (body is null)
            {
                (status, answer) = (StatusCodes.Status400BadRequest, ValidationError("ContactList", id, "body", "JsonRequirement", null));
            }
            else
            {
                foreach (var contact in Ids(body["membershipAdditions"]).Where(_contacts.ContainsKey))
                {
                    list.Members.Add(contact);
                }

                foreach (var contact in Ids(body["membershipDeletions"]))
                {
                    list.Members.Remove(contact);
                }

                if (Text(body["name"]) is { Length: > 0 } name)
                {
                    list.Name = name;
                }

                list.UpdatedAt = _time.GetUtcNow().ToUnixTimeSeconds();
                (status, answer) = (StatusCodes.Status200OK, ListJson(list, "complete"));
            }
        }

        await WriteAsync(context, status, answer);
    }

    private async Task DeleteListAsync(HttpContext context, string id)
    {
        bool found;
        lock (_lock)
        {
            Count("lists");
            found = _lists.Remove(id);
        }

        await WriteAsync(context, found ? StatusCodes.Status200OK : StatusCodes.Status404NotFound, null);
    }

    /// <summary>A contact at depth minimal, partial or complete, in the REST 1.0 shape (strings throughout).</summary>
    private static JsonObject ContactJson(EloquaContact contact, string depth)
    {
        var json = new JsonObject
        {
            ["type"] = "Contact",
            ["currentStatus"] = "Awaiting action",
            ["id"] = contact.Id,
            ["createdAt"] = Unix(contact.CreatedAt),
            ["depth"] = depth,
            ["name"] = contact.Email,
            ["updatedAt"] = Unix(contact.UpdatedAt),
            ["emailAddress"] = contact.Email,
        };
        if (!string.Equals(depth, "minimal", StringComparison.OrdinalIgnoreCase))
        {
            json["emailFormatPreference"] = "unspecified";
            foreach (var (name, value) in contact.Fields.OrderBy(f => f.Key, StringComparer.Ordinal))
            {
                if (!string.IsNullOrEmpty(value) && !string.Equals(name, "emailAddress", StringComparison.OrdinalIgnoreCase))
                {
                    json[name] = value;
                }
            }

            json["isBounceback"] = "false";
            json["isSubscribed"] = "true";
            json["subscriptionDate"] = Unix(contact.CreatedAt);
        }

        return json;
    }

    private JsonObject ListJson(EloquaList list, string depth) => new()
    {
        ["type"] = "ContactList",
        ["id"] = list.Id,
        ["createdAt"] = Unix(list.CreatedAt),
        ["createdBy"] = "222",
        ["depth"] = depth,
        ["folderId"] = "48",
        ["name"] = list.Name,
        ["permissions"] = "fullControl",
        ["updatedAt"] = Unix(list.UpdatedAt),
        ["updatedBy"] = "222",
        ["count"] = list.Members.Count(_contacts.ContainsKey).ToString(CultureInfo.InvariantCulture),
        ["dataLookupId"] = new Guid(int.Parse(list.Id, CultureInfo.InvariantCulture), 0, 0, new byte[8]).ToString(),
        ["scope"] = "global",
    };

    private static JsonObject Page(IEnumerable<JsonNode> elements, int page, int count, int total) => new()
    {
        ["elements"] = new JsonArray([.. elements]),
        ["page"] = page,
        ["pageSize"] = count,
        ["total"] = total,
    };

    private static (int Page, int Count) Paging(IQueryCollection query)
    {
        var page = int.TryParse(query["page"], NumberStyles.None, CultureInfo.InvariantCulture, out var p) && p > 0 ? p : 1;
        var count = int.TryParse(query["count"], NumberStyles.None, CultureInfo.InvariantCulture, out var c) && c is > 0 and <= 1000 ? c : 1000;
        return (page, count);
    }

    /// <summary>Parses <c>term=value</c>, <c>term='value'</c> or <c>term='val*'</c>; the term comes back lower-cased.</summary>
    private static bool Search(string search, out string term, out string value, out bool prefix)
    {
        term = value = "";
        prefix = false;
        var at = search.IndexOf('=', StringComparison.Ordinal);
        if (at <= 0)
        {
            return false;
        }

        term = search[..at].Trim().ToLowerInvariant();
        value = search[(at + 1)..].Trim();
        if (value.Length >= 2 && value[0] == '\'' && value[^1] == '\'')
        {
            value = value[1..^1];
        }

        if (value.EndsWith('*'))
        {
            prefix = true;
            value = value[..^1];
        }

        return true;
    }

    private static bool Matches(string actual, string value, bool prefix) =>
        prefix ? actual.StartsWith(value, StringComparison.OrdinalIgnoreCase) : string.Equals(actual, value, StringComparison.OrdinalIgnoreCase);

    private static IEnumerable<string> Ids(JsonNode? node) =>
        node is JsonArray array ? array.Select(Text).OfType<string>() : [];

    /// <summary>A JSON value as text: strings as they are, numbers and booleans as written, null as null.</summary>
    private static string? Text(JsonNode? node) => node switch
    {
        null => null,
        JsonValue v when v.TryGetValue<string>(out var s) => s,
        JsonValue v => v.ToJsonString(),
        _ => node.ToJsonString(),
    };
}
