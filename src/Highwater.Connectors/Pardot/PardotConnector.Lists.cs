using System.Collections.Concurrent;
using Highwater.Core.Connectors;
using Highwater.Core.Planning;

namespace Highwater.Connectors.Pardot;

public sealed partial class PardotConnector
{
    private static readonly CallTag ListsTag = CallTag.Metadata("lists");
    private readonly ConcurrentDictionary<string, string> _listIds = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<string, string> _listNames = new(StringComparer.Ordinal);

    /// <summary>
    /// Finds lists by name with <c>list/version/4/do/query?name=</c> (of several with one name, the
    /// oldest) and creates the missing ones with <c>list/version/4/do/create?name=</c>, when allowed.
    /// Metadata calls; results are cached.
    /// </summary>
    public async Task<IReadOnlyDictionary<string, string>> EnsureListsAsync(IReadOnlyCollection<string> names, bool createMissing, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(names);
        foreach (var name in names.Distinct(StringComparer.OrdinalIgnoreCase).Where(n => !_listIds.ContainsKey(n)))
        {
            var found = await SendAsync(ListsTag, HttpMethod.Get, $"api/list/version/4/do/query?format=json&name={Uri.EscapeDataString(name)}", null, mayApply: false, cancellationToken).ConfigureAwait(false);
            if (!found.IsSuccess)
            {
                throw Refused(ListsTag, found);
            }

            var id = PardotResponse.Items(found.Json?["result"]?["list"])
                .Where(l => string.Equals(PardotResponse.Text(l["name"]), name, StringComparison.OrdinalIgnoreCase))
                .Select(l => PardotResponse.Text(l["id"]))
                .OfType<string>()
                .OrderBy(i => i.Length).ThenBy(i => i, StringComparer.Ordinal)
                .FirstOrDefault();
            if (id is null)
            {
                if (!createMissing)
                {
                    throw new ServiceCallException($"Pardot has no list named '{name}', and creating lists is not allowed", ServiceCallFailure.Permanent, "55");
                }

                var created = await SendAsync(ListsTag, HttpMethod.Post, $"api/list/version/4/do/create?format=json&name={Uri.EscapeDataString(name)}", null, mayApply: true, cancellationToken).ConfigureAwait(false);
                id = created.IsSuccess ? PardotResponse.Text(created.Json?["list"]?["id"]) : null;
                if (id is null)
                {
                    throw created.IsSuccess
                        ? new ServiceCallException($"Pardot's answer to creating list '{name}' has no id", ServiceCallFailure.Unknown)
                        : Refused(ListsTag, created);
                }

                LogListCreated(name, id);
            }

            _listIds[name] = id;
            _listNames[id] = name;
        }

        return names.Distinct(StringComparer.Ordinal).ToDictionary(n => n, n => _listIds[n], StringComparer.Ordinal);
    }

    /// <summary>The ids of the lists the records' membership changes name, resolving any not known yet (never creating).</summary>
    private async Task<IReadOnlyDictionary<string, string>> ListIdsAsync(IEnumerable<PlannedRecord> records, CancellationToken cancellationToken)
    {
        var names = records.SelectMany(r => r.ListChanges ?? []).Select(c => c.List).Distinct(StringComparer.Ordinal).ToList();
        return names.Count == 0 ? new Dictionary<string, string>() : await EnsureListsAsync(names, createMissing: false, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>A list id was refused: the cache may be stale, so every list is resolved again next time.</summary>
    private void ForgetListIds()
    {
        _listIds.Clear();
        _listNames.Clear();
    }
}
