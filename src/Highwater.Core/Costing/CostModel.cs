using Highwater.Core.Capabilities;

namespace Highwater.Core.Costing;

/// <summary>
/// The call-cost math: what a batch costs under given capabilities, computed from its counts
/// alone, so that it can be held against what the planner plans.
/// </summary>
public static class CostModel
{
    /// <summary>
    /// The fewest HTTP requests that carry a batch with these counts: every step packs its records
    /// into as few calls as its maximum allows, writes are shared between update, create and upsert
    /// in the cheapest way, and memberships are grouped as the style allows.
    /// </summary>
    public static int LowerBound(BatchCounts counts, ServiceCapabilities capabilities)
    {
        ArgumentNullException.ThrowIfNull(counts);
        ArgumentNullException.ThrowIfNull(capabilities);

        var requests = 0;
        if (counts.LookupKeys > 0)
        {
            var lookup = capabilities.Lookup ?? throw Missing(capabilities, "lookup");
            requests += Calls(counts.LookupKeys, lookup.MaxKeys) * lookup.RequestsPerCall;
        }

        if (counts.Deletes > 0)
        {
            var delete = capabilities.Delete ?? throw Missing(capabilities, "delete");
            requests += Calls(counts.Deletes, delete.MaxBatch) * delete.RequestsPerCall;
        }

        if (counts.BulkWrites > 0)
        {
            var bulk = capabilities.BulkUpsert ?? throw Missing(capabilities, "bulk upsert");
            requests += bulk.RequestsFor(counts.BulkWrites);
        }

        requests += SplitWrites(counts, capabilities).Requests;
        requests += MembershipRequests(counts.Adds, counts.Removes, capabilities.Membership);
        return requests;
    }

    /// <summary>Calls needed to carry <paramref name="records"/> at most <paramref name="max"/> at a time.</summary>
    public static int Calls(int records, int max) => records <= 0 ? 0 : ((records - 1) / max) + 1;

    /// <summary>
    /// The cheapest way to share writes between update, create and upsert. Each step's cost is a
    /// staircase in its record count, so the minimum lies where the update and create piles end on
    /// a full call or at the ends of their ranges: only those candidates are tried.
    /// </summary>
    public static WriteSplit SplitWrites(BatchCounts counts, ServiceCapabilities capabilities)
    {
        ArgumentNullException.ThrowIfNull(counts);
        ArgumentNullException.ThrowIfNull(capabilities);
        var (byId, existing, absent, unresolved) = (counts.ByIdWrites, counts.ExistingWrites, counts.NewRecords, counts.UnresolvedWrites);
        var total = byId + existing + absent + unresolved;
        if (total == 0)
        {
            return default;
        }

        var update = capabilities.Update;
        var create = capabilities.Create;
        var upsert = capabilities.Upsert;

        // Key-changing records need addressing by id: update does that, and so does an upsert
        // that takes remote ids.
        var upsertTakesById = upsert is { ByRemoteId: true };
        var minUpdate = update is null ? 0 : upsertTakesById ? 0 : byId;
        var maxUpdate = update is null ? 0 : byId + existing;
        // New records that a membership call must address need the id only a create answers,
        // unless the upsert answers ids too.
        var minCreate = upsert is null ? absent : upsert.Value.ReturnsIds ? 0 : counts.NewRecordsNeedingIds;
        var maxCreate = create is null ? 0 : absent;
        if ((upsert is null && (unresolved > 0 || (update is null && existing > 0))) || (update is null && !upsertTakesById && byId > 0))
        {
            throw Missing(capabilities, "upsert");
        }

        if (create is null && upsert is null && absent > 0)
        {
            throw Missing(capabilities, "create");
        }

        var best = new WriteSplit(0, 0, 0, int.MaxValue);
        foreach (var updated in Candidates(minUpdate, maxUpdate, update?.MaxBatch ?? 1))
        {
            foreach (var created in Candidates(minCreate, maxCreate, create?.MaxBatch ?? 1))
            {
                var upserted = total - updated - created;
                if (upsert is null && upserted != 0)
                {
                    continue;
                }

                var requests =
                    (update is { } up ? Calls(updated, up.MaxBatch) * up.RequestsPerCall : 0) +
                    (create is { } cr ? Calls(created, cr.MaxBatch) * cr.RequestsPerCall : 0) +
                    (upsert is { } us ? Calls(upserted, us.MaxBatch) * us.RequestsPerCall : 0);
                if (requests < best.Requests)
                {
                    var updatedById = Math.Min(byId, updated);
                    best = new WriteSplit(updatedById, updated - updatedById, created, requests);
                }
            }
        }

        return best;
    }

    /// <summary>Requests for membership changes, grouped as the style allows.</summary>
    public static int MembershipRequests(IReadOnlyDictionary<string, int> adds, IReadOnlyDictionary<string, int> removes, MembershipCapability membership)
    {
        ArgumentNullException.ThrowIfNull(adds);
        ArgumentNullException.ThrowIfNull(removes);
        var max = membership.MaxBatch;
        switch (membership.Style)
        {
            case MembershipStyle.PerListAndDirection:
                return (adds.Values.Sum(a => Calls(a, max)) * membership.RequestsPerCall) +
                       (removes.Values.Sum(r => Calls(r, max)) * membership.RemovalCost);
            case MembershipStyle.PerList:
                var lists = adds.Keys.Union(removes.Keys, StringComparer.Ordinal);
                return lists.Sum(l => Calls(adds.GetValueOrDefault(l) + removes.GetValueOrDefault(l), max)) * membership.RequestsPerCall;
            case MembershipStyle.AllLists:
                return (Calls(adds.Values.Sum(), max) * membership.RequestsPerCall) +
                       (Calls(removes.Values.Sum(), max) * membership.RemovalCost);
            default:
                return 0;
        }
    }

    private static IEnumerable<int> Candidates(int min, int max, int step)
    {
        yield return min;
        var first = ((min / step) + 1) * step;
        for (var n = first; n < max; n += step)
        {
            yield return n;
        }

        if (max > min)
        {
            yield return max;
        }
    }

    private static InvalidOperationException Missing(ServiceCapabilities capabilities, string operation) =>
        new($"{capabilities.Service} has no {operation} operation, but the batch needs one");
}
