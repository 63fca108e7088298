using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using Highwater.Core.Connectors;

namespace Highwater.Connectors.Salesforce;

public sealed partial class SalesforceConnector
{
    private static readonly CallTag ListsTag = CallTag.Metadata("lists");
    private readonly ConcurrentDictionary<string, string> _campaignIds = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<string, string> _campaignNames = new(StringComparer.Ordinal);

    /// <summary>
    /// Finds campaigns by name with <c>SELECT Id, Name FROM Campaign WHERE Name IN (..)</c> and
    /// creates the missing ones with <c>POST /sobjects/Campaign</c>, when allowed. Salesforce does not
    /// keep campaign names unique: of several with one name, the oldest (lowest id) is used.
    /// </summary>
    /// <remarks>The executor calls this as each batch begins: the member ids the last batch's lookup answered are forgotten here.</remarks>
    public Task<IReadOnlyDictionary<string, string>> EnsureListsAsync(IReadOnlyCollection<string> names, bool createMissing, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(names);
        ForgetMembers();
        return ResolveListsAsync(names, createMissing, cancellationToken);
    }

    private async Task<IReadOnlyDictionary<string, string>> ResolveListsAsync(IReadOnlyCollection<string> names, bool createMissing, CancellationToken cancellationToken)
    {
        var missing = names.Where(n => !_campaignIds.ContainsKey(n)).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        if (missing.Count > 0)
        {
            var instance = (await SessionAsync(cancellationToken)).InstanceUrl;
            foreach (var (_, soql) in Soql.InChunks(missing, list => $"SELECT Id, Name FROM Campaign WHERE Name IN ({list})", s => QueryUriBytes(instance, s), _options.MaxQueryUriBytes))
            {
                foreach (var row in (await QueryAsync(ListsTag, soql, cancellationToken)).OrderBy(r => SalesforceJson.Text(r, "Id"), StringComparer.Ordinal))
                {
                    var name = SalesforceJson.Text(row, "Name");
                    var id = SalesforceJson.Text(row, "Id");
                    if (name is not null && id is not null)
                    {
                        Remember(missing.FirstOrDefault(n => n.Equals(name, StringComparison.OrdinalIgnoreCase)) ?? name, id, keepFirst: true);
                    }
                }
            }

            foreach (var name in missing.Where(n => !_campaignIds.ContainsKey(n)))
            {
                if (!createMissing)
                {
                    throw new ServiceCallException($"Salesforce has no campaign named '{name}', and creating campaigns is not allowed", ServiceCallFailure.Permanent, "NOT_FOUND");
                }

                Remember(name, await CreateCampaignAsync(name, cancellationToken), keepFirst: false);
            }
        }

        return names.Distinct(StringComparer.Ordinal).ToDictionary(n => n, n => _campaignIds[n], StringComparer.Ordinal);
    }

    private async Task<string> CreateCampaignAsync(string name, CancellationToken cancellationToken)
    {
        var body = new JsonObject { ["Name"] = name }.ToJsonString();
        var answer = await SendAsync(ListsTag, HttpMethod.Post, DataPath("sobjects/Campaign"), body, cancellationToken);
        if (!answer.IsSuccess)
        {
            throw Refused(ListsTag, answer);
        }

        try
        {
            using var document = JsonDocument.Parse(answer.Body);
            var id = document.RootElement.GetProperty("id").GetString()!;
            LogCampaignCreated(name, id);
            return id;
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            throw new ServiceCallException($"Salesforce's answer to creating campaign '{name}' has no id", ServiceCallFailure.Unknown, null, e);
        }
    }

    /// <summary>
    /// Names of campaigns by id, for a lookup's memberships: ids resolved before answer from the
    /// cache (under the name the caller used), the rest with one metadata query.
    /// </summary>
    private async Task<IReadOnlyDictionary<string, string>> CampaignNamesAsync(IEnumerable<string> ids, CancellationToken cancellationToken)
    {
        var unknown = ids.Where(id => !_campaignNames.ContainsKey(id)).Distinct(StringComparer.Ordinal).ToList();
        if (unknown.Count > 0)
        {
            var instance = (await SessionAsync(cancellationToken)).InstanceUrl;
            foreach (var (_, soql) in Soql.InChunks(unknown, list => $"SELECT Id, Name FROM Campaign WHERE Id IN ({list})", s => QueryUriBytes(instance, s), _options.MaxQueryUriBytes))
            {
                foreach (var row in await QueryAsync(ListsTag, soql, cancellationToken))
                {
                    if (SalesforceJson.Text(row, "Id") is { } id && SalesforceJson.Text(row, "Name") is { } name)
                    {
                        _campaignNames.TryAdd(id, name);
                    }
                }
            }
        }

        return _campaignNames;
    }

    private void Remember(string name, string id, bool keepFirst)
    {
        if (keepFirst)
        {
            _campaignIds.TryAdd(name, id);
        }
        else
        {
            _campaignIds[name] = id;
        }

        _campaignNames[_campaignIds[name]] = name;
    }

    /// <inheritdoc />
    public async Task<IReadOnlySet<string>> DescribeFieldsAsync(CancellationToken cancellationToken)
    {
        var tag = CallTag.Metadata("describe");
        var answer = await SendAsync(tag, HttpMethod.Get, DataPath("sobjects/Contact/describe"), null, cancellationToken);
        if (!answer.IsSuccess)
        {
            throw Refused(tag, answer);
        }

        try
        {
            using var document = JsonDocument.Parse(answer.Body);
            return document.RootElement.GetProperty("fields").EnumerateArray()
                .Where(f => f.TryGetProperty("createable", out var c) && c.GetBoolean() || f.TryGetProperty("updateable", out var u) && u.GetBoolean())
                .Select(f => f.GetProperty("name").GetString())
                .OfType<string>()
                .ToHashSet(StringComparer.Ordinal);
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            throw new ServiceCallException("Salesforce's describe of Contact has no field list", ServiceCallFailure.Unknown, null, e);
        }
    }
}
