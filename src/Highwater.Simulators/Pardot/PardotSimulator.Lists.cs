using System.Globalization;
using System.Text.Json.Nodes;

namespace Highwater.Simulators.Pardot;

public sealed partial class PardotSimulator
{
    /// <summary><c>list/version/4/do/query</c>: lists, by exact <c>name</c> when given (case aside), else all.</summary>
    private PardotAnswer QueryLists(PardotRequest request)
    {
        var name = request.Param("name");
        var lists = _store.Lists.Values
            .Where(l => name is null || string.Equals(l.Name, name, StringComparison.OrdinalIgnoreCase))
            .OrderBy(l => l.Id)
            .Select(ListJson)
            .ToList();
        var result = new JsonObject { ["total_results"] = lists.Count };
        if (PardotWire.OneOrMany(lists) is { } found)
        {
            result["list"] = found;
        }

        var answer = PardotWire.Ok();
        answer["result"] = result;
        return PardotAnswer.Ok(answer);
    }

    /// <summary><c>list/version/4/do/create?name=</c>: a new static list; no name is code 13.</summary>
    private PardotAnswer CreateList(PardotRequest request)
    {
        if (request.Param("name") is not { Length: > 0 } name)
        {
            return PardotAnswer.Fail(13);
        }

        var answer = PardotWire.Ok();
        answer["list"] = ListJson(_store.AddList(name, _time.GetUtcNow()));
        return PardotAnswer.Ok(answer);
    }

    /// <summary><c>listMembership/version/4/do/query?list_id=</c> (and <c>prospect_id</c>): the memberships.</summary>
    private PardotAnswer QueryMemberships(PardotRequest request)
    {
        long? Number(string name) => long.TryParse(request.Param(name), NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : null;
        if (Number("list_id") is not { } listId || !_store.Lists.TryGetValue(listId, out var list))
        {
            return PardotAnswer.Fail(55);
        }

        var prospectId = Number("prospect_id");
        var memberships = list.Members.Values
            .Where(m => prospectId is null || m.ProspectId == prospectId)
            .OrderBy(m => m.Id)
            .Select(m => new JsonObject
            {
                ["id"] = m.Id,
                ["list_id"] = m.ListId,
                ["prospect_id"] = m.ProspectId,
                ["opted_out"] = false,
                ["created_at"] = PardotWire.Date(m.CreatedAt, _zone),
                ["updated_at"] = PardotWire.Date(m.CreatedAt, _zone),
            })
            .ToList();
        var result = new JsonObject { ["total_results"] = memberships.Count };
        if (PardotWire.OneOrMany(memberships) is { } found)
        {
            result["list_membership"] = found;
        }

        var answer = PardotWire.Ok();
        answer["result"] = result;
        return PardotAnswer.Ok(answer);
    }

    private JsonObject ListJson(PardotList list) => new()
    {
        ["id"] = list.Id,
        ["name"] = list.Name,
        ["is_public"] = false,
        ["is_dynamic"] = false,
        ["title"] = null,
        ["description"] = null,
        ["is_crm_visible"] = false,
        ["created_at"] = PardotWire.Date(list.CreatedAt, _zone),
        ["updated_at"] = PardotWire.Date(list.CreatedAt, _zone),
    };
}
