using Highwater.Core.Capabilities;
using Highwater.Core.Costing;
using Highwater.Core.Model;
using Highwater.Core.Planning;

namespace Highwater.Core.Tests.Planning;

/// <summary>
/// Counts what a batch must cost, written straight from the rules and from what the service
/// really holds (not from lookup answers or from the plan), so the planner can be held to it.
/// </summary>
internal static class Oracle
{
    public static BatchCounts Expected(World world)
    {
        var caps = world.Capabilities;
        var canDelete = world.Mode == SyncMode.Sync && caps.Delete is not null;
        var inline = caps.Membership.Style == MembershipStyle.Inline;
        var listCalls = caps.Membership.Style is MembershipStyle.PerListAndDirection or MembershipStyle.PerList or MembershipStyle.AllLists;
        // Membership calls that address records by id need the id first; those by foreign key do not.
        var listById = listCalls && !caps.Membership.ByForeignKey;
        var answersLists = caps.Lookup?.ReturnsMemberships == true && world.AllMappedLists.Count > 0;
        int lookups = 0, deletes = 0, byId = 0, existing = 0, absent = 0, needingIds = 0, unresolved = 0;
        var adds = new Dictionary<string, int>(StringComparer.Ordinal);
        var removes = new Dictionary<string, int>(StringComparer.Ordinal);

        foreach (var r in world.Batch)
        {
            var last = r.LastExported;
            var knownId = last?.RemoteId;
            var desired = world.MappedLists(r.Groups);
            var lastLists = last is null ? new HashSet<string>() : last.Lists.Intersect(world.AllMappedLists).ToHashSet();
            var fieldsChanged = last is not null && !SameFields(r.Fields, last.Fields);
            var unchanged = !r.Delete && last is not null && !r.KeyChanged && !fieldsChanged && desired.SetEquals(lastLists);

            bool needs;
            if (caps.Lookup is null) { needs = false; }
            else if (r.Delete && canDelete) { needs = knownId is null || r.KeyChanged; }
            else if (r.Delete) { needs = knownId is null && world.AllMappedLists.Count > 0 && (caps.Lookup.Value.ReturnsMemberships || lastLists.Count > 0); }
            else if (unchanged) { needs = false; }
            else if (r.KeyChanged) { needs = true; }
            else if (knownId is not null) { needs = false; }
            else if (last is not null && listById && !fieldsChanged) { needs = true; }
            else if (world.Mode == SyncMode.Enrich) { needs = true; }
            else if (answersLists) { needs = true; }
            else if (caps.Upsert is { } upsert) { needs = !upsert.ReturnsIds && listById && (!desired.SetEquals(lastLists) || (last is null && world.AllMappedLists.Count > 0)); }
            else { needs = true; }

            if (needs)
            {
                lookups += r.KeyChanged ? 2 : 1;
            }

            var current = needs ? world.Before.Where(b => ForeignKeys.Comparer.Equals(b.Email, r.ForeignKey)).OrderBy(b => b.Id, StringComparer.Ordinal).FirstOrDefault() : default;
            var previous = needs && r.KeyChanged ? world.Before.Where(b => ForeignKeys.Comparer.Equals(b.Email, r.PreviousForeignKey)).OrderBy(b => b.Id, StringComparer.Ordinal).FirstOrDefault() : default;

            // Ownership: a record is the profile's own by its id, or when it lies under a key the
            // profile was exported under (the world has no record another profile owns).
            var currentOwned = current.Id is not null && (current.Id == knownId || (last is not null && !r.KeyChanged));
            var previousOwned = previous.Id is not null;
            if (r.Delete)
            {
                if (canDelete)
                {
                    deletes += needs
                        ? new[] { currentOwned ? current.Id : null, previousOwned ? previous.Id : null }.Where(id => id is not null).Distinct().Count()
                        : knownId is null ? 0 : 1;
                    continue;
                }

                var chosen = currentOwned ? current : previousOwned ? previous : default;
                var remoteId = needs ? chosen.Id : knownId;
                var ours = last is not null && (knownId is null || remoteId is null || knownId == remoteId);
                var leaving = needs && caps.Lookup!.Value.ReturnsMemberships && chosen.Id is not null
                    ? chosen.Lists.Intersect(world.AllMappedLists).ToHashSet()
                    : ours ? lastLists : [];
                if (leaving.Count == 0 || (remoteId is null && (needs || !inline)))
                {
                    continue;
                }

                if (inline) { if (remoteId is null) { unresolved++; } else { existing++; } }
                else if (listCalls) { Count(removes, leaving); }
                continue;
            }

            if (unchanged && !needs)
            {
                continue;
            }

            string? id;
            string? remoteKey;
            HashSet<string>? answered = null;
            if (needs)
            {
                // A record under the new key that no profile owns: the profile's match when it has
                // no record of its own; taken from under its own only when the destination adopts.
                var takesCurrent = current.Id is not null && (currentOwned || !previousOwned || world.Options.OnKeyConflict == KeyConflictPolicy.Adopt);
                if (current.Id is not null && !takesCurrent)
                {
                    continue; // a conflict: rejected, nothing sent
                }

                var chosen = takesCurrent ? current : previous;
                if (takesCurrent && !currentOwned && previousOwned && previous.Id != current.Id && canDelete)
                {
                    deletes++;
                }

                if (chosen.Id is null)
                {
                    if (world.Mode != SyncMode.Enrich)
                    {
                        absent++;
                        if (listCalls) { Count(adds, desired); }
                        if (listById && desired.Count > 0) { needingIds++; }
                    }

                    continue;
                }

                id = chosen.Id;
                remoteKey = chosen.Email;
                answered = caps.Lookup!.Value.ReturnsMemberships ? chosen.Lists : null;
            }
            else
            {
                id = knownId;
                remoteKey = r.KeyChanged ? r.PreviousForeignKey : r.ForeignKey;
            }

            var isOurs = !(id is null && r.KeyChanged) && last is not null && (knownId is null || id is null || knownId == id);
            var baseLists = answered is not null ? answered.Intersect(world.AllMappedLists).ToHashSet() : isOurs ? lastLists : [];
            var toAdd = desired.Except(baseLists).ToHashSet();
            var toRemove = baseLists.Except(desired).ToHashSet();
            if (Blind(world, r, answered, id))
            {
                // Never exported, its record's lists untold: it leaves every mapped list it does not want.
                toRemove = world.AllMappedLists.Except(desired).ToHashSet();
            }
            if (id is null && !needs && isOurs && listCalls && !listById && !r.KeyChanged && !fieldsChanged)
            {
                // Only lists change, and membership calls by foreign key need no id: no write.
            }
            else if (id is null)
            {
                if (world.Mode == SyncMode.Enrich) { continue; }
                unresolved++;
            }
            else
            {
                var writes = isOurs ? fieldsChanged : r.Fields.Count > 0;
                var keyMoves = !ForeignKeys.Comparer.Equals(remoteKey, r.ForeignKey);
                if (keyMoves && caps.Update is null && caps.Upsert is not { ByRemoteId: true })
                {
                    // The key cannot change in place: a new record, the old one deleted where allowed.
                    if (canDelete) { deletes++; }
                    if (world.Mode != SyncMode.Enrich)
                    {
                        absent++;
                        if (listCalls) { Count(adds, desired); }
                        if (listById && desired.Count > 0) { needingIds++; }
                    }

                    continue;
                }

                if (writes || keyMoves || (inline && toAdd.Count + toRemove.Count > 0))
                {
                    if (keyMoves) { byId++; } else { existing++; }
                }
            }

            if (listCalls)
            {
                Count(adds, toAdd);
                Count(removes, toRemove);
            }
        }

        return new BatchCounts
        {
            LookupKeys = lookups,
            Deletes = deletes,
            ByIdWrites = byId,
            ExistingWrites = existing,
            NewRecords = absent,
            NewRecordsNeedingIds = needingIds,
            UnresolvedWrites = unresolved,
            Adds = adds,
            Removes = removes,
        };
    }

    /// <summary>
    /// A profile never exported whose record's lists nothing told (no lookup answer of them): it
    /// may be a record someone else made, so it leaves every mapped list it does not want, where
    /// the removal can be addressed (by foreign key, or by the id the lookup found). Such a
    /// removal may change nothing, and is no waste: nothing could tell.
    /// </summary>
    public static bool Blind(World world, ExportRequest r, HashSet<string>? answered, string? id)
    {
        var caps = world.Capabilities;
        var listCalls = caps.Membership.Style is MembershipStyle.PerListAndDirection or MembershipStyle.PerList or MembershipStyle.AllLists;
        return r.LastExported is null && !r.Delete && answered is null
            && (caps.Membership.Style == MembershipStyle.Inline || (listCalls && (id is not null || caps.Membership.ByForeignKey)));
    }

    private static bool SameFields(IReadOnlyDictionary<string, string?> a, IReadOnlyDictionary<string, string?> b) =>
        a.Keys.Union(b.Keys).All(k => a.GetValueOrDefault(k) == b.GetValueOrDefault(k));

    private static void Count(Dictionary<string, int> counts, IEnumerable<string> lists)
    {
        foreach (var list in lists)
        {
            counts[list] = counts.GetValueOrDefault(list) + 1;
        }
    }
}
