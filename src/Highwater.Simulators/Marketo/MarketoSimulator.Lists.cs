using System.Globalization;
using System.Text.Json.Nodes;

namespace Highwater.Simulators.Marketo;

public sealed partial class MarketoSimulator
{
    private const string NoAssets = "No assets found for the given search criteria.";

    /// <summary>Add to List: ids in <c>id</c> parameters or <c>{input:[{id}]}</c> (≤300) → <c>added</c>, or <c>skipped</c> 1004.</summary>
    private JsonObject AddToList(MarketoRequest request, long listId) => ChangeList(request, listId, add: true);

    /// <summary>Remove from List → <c>removed</c>, or <c>skipped</c> with 1015 (not in list) or 1004 (no such lead).</summary>
    private JsonObject RemoveFromList(MarketoRequest request, long listId) => ChangeList(request, listId, add: false);

    /// <summary>A list call's answer to too few or too many ids (701, 1003), or null when the count is right.</summary>
    private JsonObject? IdCountError(string requestId, int count) =>
        count == 0 ? MarketoWire.Error(requestId, "701", "id cannot be blank")
        : count > _options.MaxBatch ? MarketoWire.Error(requestId, "1003", $"Too many ids, the maximum is {_options.MaxBatch}")
        : null;

    private JsonObject ChangeList(MarketoRequest request, long listId, bool add)
    {
        var id = request.RequestId;
        if (IdsOf(request) is not { } ids)
        {
            return MarketoWire.Error(id, "609", "Invalid JSON");
        }

        if (IdCountError(id, ids.Count) is { } error)
        {
            return error;
        }

        var results = new JsonArray();
        lock (_store.Gate)
        {
            if (!_store.Lists.TryGetValue(listId, out var list))
            {
                return MarketoWire.Error(id, "1013", "Static list not found");
            }

            foreach (var leadId in ids)
            {
                if (leadId is not { } existing || !_store.Leads.ContainsKey(existing))
                {
                    _counter.Rejected();
                    results.Add(MarketoWire.Status(leadId, "skipped", "1004", "Lead not found"));
                }
                else if (add)
                {
                    list.Members.Add(existing);
                    results.Add(MarketoWire.Status(existing, "added"));
                }
                else if (list.Members.Remove(existing))
                {
                    results.Add(MarketoWire.Status(existing, "removed"));
                }
                else
                {
                    results.Add(MarketoWire.Status(existing, "skipped", "1015", "Lead not in list"));
                }
            }
        }

        return MarketoWire.Result(id, results);
    }

    /// <summary>
    /// Member of List: <c>GET /rest/v1/lists/{id}/leads/ismember.json?id=..</c> (≤300 ids) →
    /// <c>memberof</c> or <c>notmemberof</c> per id, or <c>skipped</c> with 1004 for a lead that does not exist.
    /// </summary>
    private JsonObject IsMember(MarketoRequest request, long listId)
    {
        var id = request.RequestId;
        var ids = IdsOf(request) ?? [];
        if (IdCountError(id, ids.Count) is { } error)
        {
            return error;
        }

        var results = new JsonArray();
        lock (_store.Gate)
        {
            if (!_store.Lists.TryGetValue(listId, out var list))
            {
                return MarketoWire.Error(id, "1013", "Static list not found");
            }

            foreach (var leadId in ids)
            {
                results.Add(leadId is { } existing && _store.Leads.ContainsKey(existing)
                    ? MarketoWire.Status(existing, list.Members.Contains(existing) ? "memberof" : "notmemberof")
                    : MarketoWire.Status(leadId, "skipped", "1004", "Lead not found"));
            }
        }

        return MarketoWire.Result(id, results);
    }

    /// <summary>
    /// Get Leads by List Id: <c>GET /rest/v1/lists/{id}/leads.json?fields=..&amp;batchSize=..&amp;nextPageToken=..</c>
    /// (at most 300 a page); a <c>nextPageToken</c> in the answer while more remain.
    /// </summary>
    private JsonObject ListMembers(MarketoRequest request, long listId)
    {
        var id = request.RequestId;
        if (ReadFields(request) is not { } fields)
        {
            return MarketoWire.Error(id, "1006", $"Field '{UnknownField(request)}' not found");
        }

        lock (_store.Gate)
        {
            if (!_store.Lists.TryGetValue(listId, out var list))
            {
                return MarketoWire.Error(id, "1013", "Static list not found");
            }

            var members = list.Members.Order().Select(m => _store.Leads.GetValueOrDefault(m)).OfType<MarketoLead>().ToList();
            return LeadPage(request, members, fields);
        }
    }

    /// <summary>Browse static lists: <c>offset</c>, <c>maxReturn</c> (default 20, at most 200).</summary>
    private JsonObject BrowseLists(MarketoRequest request)
    {
        var offset = int.TryParse(request.Param("offset"), CultureInfo.InvariantCulture, out var o) ? Math.Max(0, o) : 0;
        var maxReturn = int.TryParse(request.Param("maxReturn"), CultureInfo.InvariantCulture, out var m) ? Math.Clamp(m, 1, 200) : 20;
        lock (_store.Gate)
        {
            var page = _store.Lists.Values.Skip(offset).Take(maxReturn).Select(ListJson).ToList();
            return page.Count == 0
                ? MarketoWire.Asset(request.RequestId, null, NoAssets)
                : MarketoWire.Asset(request.RequestId, new JsonArray([.. page]));
        }
    }

    /// <summary>Static list by exact name; none is <c>success:true</c> with a warning and no result.</summary>
    private JsonObject ListByName(MarketoRequest request)
    {
        var name = request.Param("name");
        if (string.IsNullOrEmpty(name))
        {
            return MarketoWire.Error(request.RequestId, "701", "name cannot be blank");
        }

        lock (_store.Gate)
        {
            return _store.ListByName(name) is { } list
                ? MarketoWire.Asset(request.RequestId, new JsonArray(ListJson(list)))
                : MarketoWire.Asset(request.RequestId, null, NoAssets);
        }
    }

    /// <summary>Create a static list from a form body: <c>name</c>, <c>folder={"id":n,"type":"Folder"}</c>.</summary>
    private JsonObject CreateList(MarketoRequest request)
    {
        var id = request.RequestId;
        if (!request.FormBody)
        {
            return MarketoWire.Error(id, "612", "Invalid Content Type");
        }

        var name = request.Param("name");
        var folderText = request.Param("folder");
        if (string.IsNullOrWhiteSpace(name) || string.IsNullOrWhiteSpace(folderText))
        {
            return MarketoWire.Error(id, "701", (string.IsNullOrWhiteSpace(name) ? "name" : "folder") + " cannot be blank");
        }

        long? folderId;
        try
        {
            folderId = MarketoWire.Id((JsonNode.Parse(folderText) as JsonObject)?["id"]);
        }
        catch (System.Text.Json.JsonException)
        {
            folderId = null;
        }

        if (folderId is null)
        {
            return MarketoWire.Error(id, "710", "Parent folder not found");
        }

        lock (_store.Gate)
        {
            if (_store.ListByName(name) is not null)
            {
                return MarketoWire.Error(id, "709", $"Static list with name '{name}' already exists");
            }

            var list = _store.AddList(name, folderId.Value, _time.GetUtcNow());
            return MarketoWire.Asset(id, new JsonArray(ListJson(list)));
        }
    }

    private static JsonObject ListJson(MarketoStaticList list) => new()
    {
        ["id"] = list.Id,
        ["name"] = list.Name,
        ["createdAt"] = MarketoWire.AssetTime(list.CreatedAt),
        ["updatedAt"] = MarketoWire.AssetTime(list.CreatedAt),
        ["folder"] = new JsonObject { ["id"] = list.FolderId, ["type"] = "Folder" },
        ["computedUrl"] = string.Create(CultureInfo.InvariantCulture, $"https://app-sim.marketo.com/#ST{list.Id}A1"),
        ["workspace"] = "Default",
    };
}
