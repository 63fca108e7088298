using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json.Nodes;
using Highwater.Connectors.Transport;
using Highwater.Core.Connectors;
using Highwater.Core.Planning;

namespace Highwater.Connectors.HubSpot;

public sealed partial class HubSpotConnector : IListMemberReader
{
    /// <summary>The object type id of contacts in Lists v3.</summary>
    private const string ContactObjectType = "0-1";

    private static readonly CallTag ListsTag = CallTag.Metadata("lists");

    private readonly ConcurrentDictionary<string, string> _listIds = new(StringComparer.OrdinalIgnoreCase);

    /// <inheritdoc />
    /// <remarks>
    /// Each name is looked up with <c>GET /crm/v3/lists/object-type-id/0-1/name/{name}</c> (names are
    /// unique whatever their case; 404 when none has it) and created as a MANUAL contact list when
    /// missing. A DYNAMIC list is refused: only MANUAL and SNAPSHOT lists take memberships by id.
    /// </remarks>
    public async Task<IReadOnlyDictionary<string, string>> EnsureListsAsync(IReadOnlyCollection<string> names, bool createMissing, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(names);
        var absent = new List<string>();
        foreach (var name in names.Distinct(StringComparer.OrdinalIgnoreCase).Where(n => !_listIds.ContainsKey(n)))
        {
            var found = await SendAsync(ListsTag, HttpMethod.Get, $"crm/v3/lists/object-type-id/{ContactObjectType}/name/{Uri.EscapeDataString(name)}", null, mayApply: false, cancellationToken).ConfigureAwait(false);
            if (found.Status == 200 && found.Body?["list"] is JsonObject list)
            {
                _listIds[name] = Usable(name, list);
                continue;
            }

            if (found.Status != 404)
            {
                throw ListFailure("look up", name, found);
            }

            if (!createMissing)
            {
                absent.Add(name);
                continue;
            }

            var body = new JsonObject { ["name"] = name, ["objectTypeId"] = ContactObjectType, ["processingType"] = "MANUAL" };
            var made = await SendAsync(ListsTag, HttpMethod.Post, "crm/v3/lists", body, mayApply: true, cancellationToken).ConfigureAwait(false);
            if (made.Status is not (200 or 201) || made.Body?["list"] is not JsonObject created)
            {
                throw ListFailure("create", name, made);
            }

            _listIds[name] = Usable(name, created);
        }

        if (absent.Count > 0)
        {
            throw new ServiceCallException($"HubSpot has no contact list named {string.Join(", ", absent.Select(n => $"'{n}'"))}, and lists may not be created", ServiceCallFailure.Permanent, "404");
        }

        return names.Distinct(StringComparer.Ordinal).ToDictionary(n => n, n => _listIds[n], StringComparer.Ordinal);
    }

    /// <inheritdoc />
    /// <remarks>
    /// <c>GET /crm/v3/lists/{listId}/memberships</c>, 250 record ids a page; the answer names no
    /// e-mails, so they are read by id (<c>batch/read</c>, 100 a call): a member without its e-mail
    /// could not be matched to a profile, and a record found remotely would never leave the list.
    /// </remarks>
    public async Task<IReadOnlyList<RemoteMember>> ReadListMembersAsync(string list, CancellationToken cancellationToken)
    {
        var ids = await EnsureListsAsync([list], createMissing: false, cancellationToken).ConfigureAwait(false);
        var members = new List<RemoteMember>();
        string? after = null;
        do
        {
            var path = string.Create(CultureInfo.InvariantCulture, $"crm/v3/lists/{ids[list]}/memberships?limit={MembershipPage}") + (after is null ? "" : "&after=" + Uri.EscapeDataString(after));
            var answer = await SendAsync(CallTag.Metadata("listMembers"), HttpMethod.Get, path, null, mayApply: false, cancellationToken).ConfigureAwait(false);
            if (answer.Status != 200)
            {
                throw ListFailure("read the members of", list, answer);
            }

            members.AddRange(HubSpotJsonMembers(answer.Body));
            var next = JsonText.Of(answer.Body?["paging"]?["next"]?["after"]);
            after = next is not null && next != after ? next : null;
        }
        while (after is not null);

        return await WithEmailsAsync(members, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The members with their e-mails, read by record id; a contact archived meanwhile is left out.</summary>
    private async Task<IReadOnlyList<RemoteMember>> WithEmailsAsync(List<RemoteMember> members, CancellationToken cancellationToken)
    {
        var withEmails = new List<RemoteMember>(members.Count);
        foreach (var chunk in members.Select(m => m.RemoteId).Distinct(StringComparer.Ordinal).Chunk(_options.BatchSize))
        {
            var body = new JsonObject
            {
                ["inputs"] = new JsonArray([.. chunk.Select(id => (JsonNode)new JsonObject { ["id"] = id })]),
                ["properties"] = new JsonArray("email"),
                ["propertiesWithHistory"] = new JsonArray(),
            };
            var answer = await SendAsync(CallTag.Metadata("listMembers"), HttpMethod.Post, Contacts + "read", body, mayApply: false, cancellationToken).ConfigureAwait(false);
            if (answer.Status is not (200 or 207))
            {
                var (category, message) = answer.Error();
                throw new ServiceCallException($"HubSpot could not read list members' e-mails: HTTP {answer.Status} {category}: {message}", ServiceCallFailure.Transient, category ?? answer.Status.ToString(CultureInfo.InvariantCulture));
            }

            foreach (var contact in (answer.Body?["results"] as JsonArray ?? []).OfType<JsonObject>())
            {
                if (JsonText.Of(contact["id"]) is { } id)
                {
                    withEmails.Add(new RemoteMember(id, JsonText.Of(contact["properties"]?["email"])));
                }
            }
        }

        return withEmails;
    }

    /// <summary>
    /// One <c>PUT /crm/v3/lists/{listId}/memberships/add-and-remove</c> with the call's additions and
    /// removals of its list. A record the answer names in <c>recordIdsMissing</c> does not exist: an
    /// addition of it is rejected, a removal is done (it is in no list).
    /// </summary>
    private async Task<RecordOutcome[]> ChangeMembersAsync(PlannedCall call, CancellationToken cancellationToken)
    {
        var outcomes = new RecordOutcome[call.Records.Count];
        var changes = new List<(int Index, string Id, bool Add)>();
        var listName = call.List ?? call.Records.SelectMany(r => r.ListChanges ?? []).Select(c => c.List).FirstOrDefault()
            ?? throw new ArgumentException("a membership call names its list", nameof(call));
        for (var i = 0; i < call.Records.Count; i++)
        {
            var record = call.Records[i];
            var add = record.ListChanges is [var change, ..] ? change.Direction == MembershipDirection.Add : call.Kind != CallKind.ListRemove;
            if (record.RemoteId is not { Length: > 0 } id)
            {
                outcomes[i] = RecordOutcome.RetryLater(record.ProfileKey, null, "no HubSpot contact id is known for the record yet");
                continue;
            }

            changes.Add((i, id, add));
        }

        if (changes.Count == 0)
        {
            return outcomes;
        }

        var listId = (await EnsureListsAsync([listName], createMissing: false, cancellationToken).ConfigureAwait(false))[listName];
        var body = new JsonObject
        {
            ["recordIdsToAdd"] = new JsonArray([.. changes.Where(c => c.Add).Select(c => (JsonNode)c.Id)]),
            ["recordIdsToRemove"] = new JsonArray([.. changes.Where(c => !c.Add).Select(c => (JsonNode)c.Id)]),
        };
        var answer = await SendAsync(CallTag.Data(call.Kind), HttpMethod.Put, $"crm/v3/lists/{listId}/memberships/add-and-remove", body, mayApply: true, cancellationToken).ConfigureAwait(false);
        if (answer.Status != 200)
        {
            if (answer.Status == 404)
            {
                _listIds.TryRemove(listName, out _);
            }

            throw ListFailure("change the members of", listName, answer);
        }

        var missing = JsonText.Strings(answer.Body?["recordIdsMissing"]).ToHashSet(StringComparer.Ordinal);
        foreach (var (index, id, add) in changes)
        {
            var key = call.Records[index].ProfileKey;
            outcomes[index] = add && missing.Contains(id)
                ? RecordOutcome.Rejected(key, "recordIdsMissing", $"HubSpot has no contact {id} to add to list '{listName}'")
                : RecordOutcome.Done(key, id);
        }

        return outcomes;
    }

    private static IEnumerable<RemoteMember> HubSpotJsonMembers(JsonNode? body) =>
        (body?["results"] as JsonArray ?? []).OfType<JsonObject>()
            .Select(m => JsonText.Of(m["recordId"]))
            .OfType<string>()
            .Select(id => new RemoteMember(id, null));

    /// <summary>The list's id, when it takes memberships by id.</summary>
    private static string Usable(string name, JsonObject list)
    {
        var type = JsonText.Of(list["processingType"]);
        if (type is not ("MANUAL" or "SNAPSHOT"))
        {
            throw new ServiceCallException($"HubSpot list '{name}' is {type}: only a MANUAL (or SNAPSHOT) list takes members from an API; rename it or map another", ServiceCallFailure.Permanent, type);
        }

        return JsonText.Of(list["listId"]) ?? throw new ServiceCallException($"HubSpot answered list '{name}' without its listId", ServiceCallFailure.Transient);
    }

    private static ServiceCallException ListFailure(string what, string name, HubSpotAnswer answer)
    {
        var (category, message) = answer.Error();
        return new ServiceCallException(
            $"HubSpot could not {what} list '{name}': HTTP {answer.Status} {category}: {message}",
            answer.Status >= 500 ? ServiceCallFailure.Transient : ServiceCallFailure.Permanent,
            category ?? answer.Status.ToString(CultureInfo.InvariantCulture));
    }
}
