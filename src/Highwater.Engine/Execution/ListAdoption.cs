using Highwater.Core.Connectors;
using Highwater.Core.Model;

namespace Highwater.Engine.Execution;

/// <summary>
/// Adopting mapped lists that exist already: their members are read once, paged, so that a record
/// Highwater never exported but finds in a list gets an exact diff base (it is taken out of the
/// lists its groups do not map to). Needed where the lookup answers no memberships (Marketo).
/// </summary>
public static class ListAdoption
{
    /// <summary>Whether adoption is needed for this connector: it can read members and its lookup does not answer them.</summary>
    public static bool IsNeeded(IServiceConnector connector)
    {
        ArgumentNullException.ThrowIfNull(connector);
        return connector is IListMemberReader && connector.Capabilities.Lookup is not { ReturnsMemberships: true };
    }

    /// <summary>Reads every member of the lists and answers, by foreign key, each record's id and the lists it is in.</summary>
    /// <param name="connector">The destination's connector.</param>
    /// <param name="lists">The mapped lists.</param>
    /// <param name="invoke">Runs each call with the caller's retries (the executor's <see cref="PlanExecutor.InvokeAsync{T}"/>); null runs it once.</param>
    /// <param name="cancellationToken">Stops the reading.</param>
    public static async Task<IReadOnlyDictionary<string, ExportedState>> ReadAsync(IServiceConnector connector, IEnumerable<string> lists, Func<Func<CancellationToken, Task<IReadOnlyList<RemoteMember>>>, CancellationToken, Task<IReadOnlyList<RemoteMember>>>? invoke, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connector);
        ArgumentNullException.ThrowIfNull(lists);
        var reader = connector as IListMemberReader
            ?? throw new InvalidOperationException($"{connector.Capabilities.Service} cannot list a list's members");
        var names = lists.Distinct(StringComparer.Ordinal).ToList();
        invoke ??= static (call, ct) => call(ct);
        var byKey = new Dictionary<string, (string Id, HashSet<string> Lists)>(ForeignKeys.Comparer);
        foreach (var list in names)
        {
            foreach (var member in await invoke(ct => reader.ReadListMembersAsync(list, ct), cancellationToken).ConfigureAwait(false))
            {
                if (member.ForeignKey is not { Length: > 0 } key)
                {
                    continue;
                }

                if (!byKey.TryGetValue(key, out var entry))
                {
                    byKey[key] = entry = (member.RemoteId, new HashSet<string>(StringComparer.Ordinal));
                }

                entry.Lists.Add(list);
            }
        }

        return byKey.ToDictionary(p => p.Key, p => new ExportedState { RemoteId = p.Value.Id, Lists = p.Value.Lists }, ForeignKeys.Comparer);
    }
}
