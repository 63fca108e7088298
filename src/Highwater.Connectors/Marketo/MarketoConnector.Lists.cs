using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Highwater.Core.Connectors;
using Highwater.Core.Planning;

namespace Highwater.Connectors.Marketo;

public sealed partial class MarketoConnector
{
    /// <summary>Static lists the asset API's browse answers per page, at most.</summary>
    private const int BrowsePage = 200;

    private static readonly CallTag ListsTag = CallTag.Metadata("lists");

    private readonly ConcurrentDictionary<string, string> _listIds = new(StringComparer.Ordinal);

    /// <inheritdoc />
    /// <remarks>
    /// One name is looked up by name; several are found by browsing the static lists 200 at a
    /// time, but never in more pages than there are names left, the rest by name. A missing list
    /// is created in <see cref="MarketoConnectorOptions.ListFolderId"/>.
    /// </remarks>
    public async Task<IReadOnlyDictionary<string, string>> EnsureListsAsync(IReadOnlyCollection<string> names, bool createMissing, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(names);
        var missing = names.Distinct(StringComparer.Ordinal).Where(n => !_listIds.ContainsKey(n)).ToList();
        if (missing.Count > 1)
        {
            var wanted = missing.ToHashSet(StringComparer.Ordinal);
            var exhausted = false;
            for (var page = 0; page < wanted.Count && !exhausted; page++)
            {
                var query = string.Create(CultureInfo.InvariantCulture, $"asset/v1/staticLists.json?offset={page * BrowsePage}&maxReturn={BrowsePage}");
                var answer = await _client.SendAsync(ListsTag, () => new HttpRequestMessage(HttpMethod.Get, _client.Rest(query)), mayApply: false, cancellationToken).ConfigureAwait(false);
                var result = MarketoJson.Result(answer);
                foreach (var list in result.OfType<JsonObject>())
                {
                    if (MarketoJson.Text(list["name"]) is { } name && wanted.Remove(name) && MarketoJson.Id(list["id"]) is { } id)
                    {
                        _listIds[name] = id;
                    }
                }

                exhausted = result.Count < BrowsePage;
            }

            missing = exhausted ? [] : [.. wanted];
            if (exhausted && wanted.Count > 0)
            {
                await CreateOrFailAsync(wanted, createMissing, cancellationToken).ConfigureAwait(false);
            }
        }

        var absent = new List<string>();
        foreach (var name in missing)
        {
            if (await ListByNameAsync(name, cancellationToken).ConfigureAwait(false) is { } id)
            {
                _listIds[name] = id;
            }
            else
            {
                absent.Add(name);
            }
        }

        await CreateOrFailAsync(absent, createMissing, cancellationToken).ConfigureAwait(false);
        return names.Distinct(StringComparer.Ordinal).ToDictionary(n => n, n => _listIds[n], StringComparer.Ordinal);
    }

    private async Task CreateOrFailAsync(IReadOnlyCollection<string> absent, bool createMissing, CancellationToken cancellationToken)
    {
        if (absent.Count == 0)
        {
            return;
        }

        if (!createMissing)
        {
            throw new ServiceCallException($"Marketo has no static list named {string.Join(", ", absent.Select(n => $"'{n}'"))}", ServiceCallFailure.Permanent);
        }

        if (_options.ListFolderId is not { } folder)
        {
            throw new ServiceCallException("creating a Marketo static list needs marketo.listFolderId", ServiceCallFailure.Permanent);
        }

        foreach (var name in absent)
        {
            var form = new[]
            {
                new KeyValuePair<string, string>("name", name),
                new KeyValuePair<string, string>("folder", string.Create(CultureInfo.InvariantCulture, $"{{\"id\":{folder},\"type\":\"{_options.ListFolderType}\"}}")),
            };
            try
            {
                var answer = await _client.SendAsync(ListsTag, () => new HttpRequestMessage(HttpMethod.Post, _client.Rest("asset/v1/staticLists.json")) { Content = new FormUrlEncodedContent(form) }, mayApply: true, cancellationToken).ConfigureAwait(false);
                _listIds[name] = MarketoJson.Id(MarketoJson.Result(answer).FirstOrDefault()?["id"])
                    ?? throw new ServiceCallException($"Marketo created static list '{name}' but answered no id", ServiceCallFailure.Unknown);
            }
            catch (ServiceCallException e) when (e.Code == "709" || e.Failure == ServiceCallFailure.Unknown)
            {
                // Created meanwhile, or perhaps by the answer we lost: look again before failing.
                if (await ListByNameAsync(name, cancellationToken).ConfigureAwait(false) is not { } id)
                {
                    throw;
                }

                _listIds[name] = id;
            }
        }
    }

    /// <inheritdoc />
    public async Task<IReadOnlySet<string>> DescribeFieldsAsync(CancellationToken cancellationToken)
    {
        var answer = await _client.SendAsync(CallTag.Metadata("describe"), () => new HttpRequestMessage(HttpMethod.Get, _client.Rest("v1/leads/describe.json")), mayApply: false, cancellationToken).ConfigureAwait(false);
        return MarketoJson.Result(answer).OfType<JsonObject>()
            .Select(field => field["rest"] as JsonObject)
            .Where(rest => rest is not null && rest["readOnly"]?.GetValue<bool>() != true)
            .Select(rest => MarketoJson.Text(rest!["name"]))
            .OfType<string>()
            .ToHashSet(StringComparer.Ordinal);
    }

    private async Task<string?> ListByNameAsync(string name, CancellationToken cancellationToken)
    {
        var answer = await _client.SendAsync(ListsTag, () => new HttpRequestMessage(HttpMethod.Get, _client.Rest("asset/v1/staticList/byName.json?name=" + Uri.EscapeDataString(name))), mayApply: false, cancellationToken).ConfigureAwait(false);
        return MarketoJson.Result(answer).OfType<JsonObject>()
            .Where(l => MarketoJson.Text(l["name"]) == name)
            .Select(l => MarketoJson.Id(l["id"]))
            .FirstOrDefault(id => id is not null);
    }

    /// <summary>
    /// Adds to or removes from one static list (a call without a list name is split by each
    /// record's list change). Removing a lead that is not a member (1015) or gone (1004) is done.
    /// </summary>
    private async Task<RecordOutcome[]> MembershipAsync(PlannedCall call, CancellationToken cancellationToken)
    {
        var outcomes = new RecordOutcome[call.Records.Count];
        var add = call.Kind == CallKind.ListAdd;
        var byList = new Dictionary<string, List<(int Index, long Id)>>(StringComparer.Ordinal);
        for (var i = 0; i < call.Records.Count; i++)
        {
            var record = call.Records[i];
            var list = call.List ?? record.ListChanges?.FirstOrDefault().List;
            if (list is null)
            {
                throw new ArgumentException($"membership record of '{record.ProfileKey}' names no list", nameof(call));
            }

            if (LeadId(record.RemoteId) is not { } id)
            {
                outcomes[i] = MarketoOutcomes.NoId(record.ProfileKey);
                continue;
            }

            if (!byList.TryGetValue(list, out var members))
            {
                byList[list] = members = [];
            }

            members.Add((i, id));
        }

        foreach (var (list, members) in byList)
        {
            var listId = _listIds.TryGetValue(list, out var known)
                ? known
                : (await EnsureListsAsync([list], createMissing: false, cancellationToken).ConfigureAwait(false))[list];
            var path = "v1/lists/" + listId + "/leads.json";
            Func<HttpRequestMessage> build = add
                ? () => new HttpRequestMessage(HttpMethod.Post, _client.Rest(path))
                {
                    Content = new StringContent("{\"input\":[" + string.Join(',', members.Select(m => "{\"id\":" + m.Id.ToString(CultureInfo.InvariantCulture) + "}")) + "]}", Encoding.UTF8, "application/json"),
                }
                : () => new HttpRequestMessage(HttpMethod.Delete, _client.Rest(path + "?" + string.Join('&', members.Select(m => "id=" + m.Id.ToString(CultureInfo.InvariantCulture)))));
            JsonObject answer;
            try
            {
                answer = await _client.SendAsync(CallTag.Data(call.Kind), build, mayApply: true, cancellationToken).ConfigureAwait(false);
            }
            catch (ServiceCallException e) when (e.Code == "1013")
            {
                // The list id we cached is gone: forget it, so a retry resolves the name again.
                _listIds.TryRemove(list, out _);
                throw new ServiceCallException($"Marketo static list '{list}' (id {listId}) was not found", ServiceCallFailure.Transient, e.Code, e);
            }

            var result = MarketoJson.Result(answer);
            for (var j = 0; j < members.Count; j++)
            {
                var (index, _) = members[j];
                var item = j < result.Count ? result[j] : null;
                var key = call.Records[index].ProfileKey;
                outcomes[index] = add ? MarketoOutcomes.Write(key, item) : MarketoOutcomes.Remove(key, item);
            }
        }

        return outcomes;
    }
}
