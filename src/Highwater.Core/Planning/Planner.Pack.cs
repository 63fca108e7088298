using Highwater.Core.Capabilities;
using Highwater.Core.Costing;

namespace Highwater.Core.Planning;

public sealed partial class Planner
{
    private Plan Pack(LookupPhase phase, ReadOnlySpan<Decision> decisions, List<PlanNote> notes)
    {
        var steps = new List<PlanStep>(6);
        if (phase.Step.Calls.Count > 0)
        {
            steps.Add(phase.Step);
        }

        // One pass counts what every step needs; the records are then written straight into
        // arrays of the right size.
        int deletes = 0, byId = 0, existing = 0, absent = 0, absentWithAdds = 0, unresolved = 0, bulk = 0;
        var addCounts = new int[_lists.Length];
        var removeCounts = new int[_lists.Length];
        foreach (ref readonly var decision in decisions)
        {
            deletes += decision.DeleteIds?.Count ?? 0;
            switch (decision.Route)
            {
                case WriteRoute.ById: byId++; break;
                case WriteRoute.Existing: existing++; break;
                case WriteRoute.Absent: absent++; absentWithAdds += decision.Adds.IsEmpty ? 0 : 1; break;
                case WriteRoute.Unresolved: unresolved++; break;
                case WriteRoute.Bulk: bulk++; break;
            }

            if (HasMembershipCalls)
            {
                Tally(addCounts, decision.Adds);
                Tally(removeCounts, decision.Removes);
            }
        }

        if (deletes > 0)
        {
            var delete = _capabilities.Delete!.Value;
            steps.Add(Step(StepKind.Delete, CallKind.Delete, Deletes(decisions, deletes), delete.MaxBatch, delete.RequestsPerCall));
        }

        var lookupKeys = 0;
        foreach (var call in phase.Step.Calls)
        {
            lookupKeys += call.Records.Count;
        }

        // New records that membership calls will address go first, so they land in the create pile.
        var needingIds = MembershipNeedsIds ? absentWithAdds : 0;
        var counts = new BatchCounts
        {
            LookupKeys = lookupKeys,
            Deletes = deletes,
            ByIdWrites = byId,
            ExistingWrites = existing,
            NewRecords = absent,
            NewRecordsNeedingIds = needingIds,
            UnresolvedWrites = unresolved,
            BulkWrites = bulk,
            Adds = ByName(addCounts),
            Removes = ByName(removeCounts),
        };
        var split = CostModel.SplitWrites(counts, _capabilities);
        var toUpdate = new Pile(split.UpdateById + split.UpdateExisting);
        var toCreate = new Pile(split.Create);
        var toUpsert = new Pile(byId + existing + absent + unresolved - split.UpdateById - split.UpdateExisting - split.Create);
        var partialUpdate = _capabilities.Update?.PartialFields ?? true;
        var partialUpsert = _capabilities.Upsert?.PartialFields ?? true;
        var taken = 0;
        foreach (ref readonly var decision in decisions)
        {
            if (decision.Route == WriteRoute.ById)
            {
                if (taken++ < split.UpdateById)
                {
                    toUpdate.Add(Write(decision, partialUpdate));
                }
                else
                {
                    toUpsert.Add(Write(decision, partialUpsert));
                }
            }
        }

        taken = 0;
        foreach (ref readonly var decision in decisions)
        {
            if (decision.Route == WriteRoute.Existing)
            {
                if (taken++ < split.UpdateExisting)
                {
                    toUpdate.Add(Write(decision, partialUpdate));
                }
                else
                {
                    toUpsert.Add(Write(decision, partialUpsert));
                }
            }
        }

        taken = 0;
        for (var pass = needingIds > 0 ? 0 : 1; pass < 2; pass++)
        {
            foreach (ref readonly var decision in decisions)
            {
                // Pass 0 takes those with lists to join, pass 1 the rest (or, without such, all).
                if (decision.Route == WriteRoute.Absent && (needingIds == 0 || decision.Adds.IsEmpty == (pass == 1)))
                {
                    (taken++ < split.Create ? ref toCreate : ref toUpsert).Add(Write(decision, partial: true));
                }
            }
        }

        foreach (ref readonly var decision in decisions)
        {
            if (decision.Route == WriteRoute.Unresolved)
            {
                toUpsert.Add(Write(decision, partial: true));
            }
        }

        if (toUpdate.Records.Length > 0)
        {
            var update = _capabilities.Update!.Value;
            steps.Add(Step(StepKind.Update, CallKind.Update, toUpdate.Records, update.MaxBatch, update.RequestsPerCall));
        }

        if (toCreate.Records.Length > 0)
        {
            var create = _capabilities.Create!.Value;
            steps.Add(Step(StepKind.Create, CallKind.Create, toCreate.Records, create.MaxBatch, create.RequestsPerCall));
        }

        if (toUpsert.Records.Length > 0 || bulk > 0)
        {
            var upserts = new List<PlannedCall>();
            if (toUpsert.Records.Length > 0)
            {
                var upsert = _capabilities.Upsert!.Value;
                Pack(upserts, CallKind.Upsert, null, toUpsert.Records, upsert.MaxBatch, upsert.RequestsPerCall);
            }

            PackBulk(upserts, decisions, bulk);
            steps.Add(new PlanStep(StepKind.Upsert, upserts));
        }

        var memberships = PackMemberships(decisions, addCounts, removeCounts);
        if (memberships.Count > 0)
        {
            steps.Add(new PlanStep(StepKind.Memberships, memberships));
        }

        var dispositions = new Dictionary<string, Disposition>(decisions.Length + phase.Deferred.Count, StringComparer.Ordinal);
        foreach (ref readonly var decision in decisions)
        {
            dispositions[decision.Request.ProfileKey] = decision.Disposition;
        }

        foreach (var request in phase.Deferred)
        {
            dispositions.TryAdd(request.ProfileKey, Disposition.Deferred);
        }

        return new Plan
        {
            Steps = steps,
            Dispositions = dispositions,
            Deferred = phase.Deferred,
            Notes = notes,
            Counts = counts,
            PathChoice = phase.PathChoice,
        };
    }

    /// <summary>The bulk job's records, in jobs of at most the bulk path's maximum, each call priced at its job's requests.</summary>
    private void PackBulk(List<PlannedCall> calls, ReadOnlySpan<Decision> decisions, int count)
    {
        if (count == 0)
        {
            return;
        }

        var bulk = _capabilities.BulkUpsert!.Value;
        var records = new PlannedRecord[count];
        var n = 0;
        foreach (ref readonly var decision in decisions)
        {
            if (decision.Route == WriteRoute.Bulk)
            {
                records[n++] = Write(decision, partial: true);
            }
        }

        for (var start = 0; start < count; start += bulk.MaxRecords)
        {
            var size = Math.Min(bulk.MaxRecords, count - start);
            calls.Add(new PlannedCall(CallKind.Upsert, null, records.AsSpan(start, size).ToArray(), bulk.RequestsFor(size)) { Bulk = true });
        }
    }

    private static PlannedRecord[] Deletes(ReadOnlySpan<Decision> decisions, int count)
    {
        var records = new PlannedRecord[count];
        var n = 0;
        foreach (ref readonly var decision in decisions)
        {
            foreach (var id in decision.DeleteIds ?? [])
            {
                records[n++] = new PlannedRecord { ProfileKey = decision.Request.ProfileKey, RemoteId = id, ForeignKey = decision.Request.ForeignKey };
            }
        }

        return records;
    }

    private PlannedRecord Write(in Decision decision, bool partial)
    {
        var request = decision.Request;
        var fields = partial || decision.Route is WriteRoute.Absent or WriteRoute.Unresolved ? decision.Fields : request.Fields;
        return new PlannedRecord
        {
            ProfileKey = request.ProfileKey,
            RemoteId = decision.RemoteId,
            ForeignKey = decision.WriteKey ?? request.ForeignKey,
            MatchForeignKey = decision.MatchForeignKey,
            Fields = fields,
            ListChanges = IsInline ? Changes(decision) : null,
        };
    }

    private ListChange[]? Changes(in Decision decision)
    {
        if (decision.Adds.IsEmpty && decision.Removes.IsEmpty)
        {
            return null;
        }

        var changes = new ListChange[decision.Adds.Count + decision.Removes.Count];
        var n = 0;
        foreach (var list in decision.Adds)
        {
            changes[n++] = new ListChange(_lists[list], MembershipDirection.Add);
        }

        foreach (var list in decision.Removes)
        {
            changes[n++] = new ListChange(_lists[list], MembershipDirection.Remove);
        }

        return changes;
    }

    private static void Tally(int[] counts, ListMask lists)
    {
        foreach (var list in lists)
        {
            counts[list]++;
        }
    }

    /// <summary>The records per list name, for the lists that have any.</summary>
    private Dictionary<string, int> ByName(int[] counts)
    {
        var byName = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var list = 0; list < counts.Length; list++)
        {
            if (counts[list] > 0)
            {
                byName[_lists[list]] = counts[list];
            }
        }

        return byName;
    }

    private List<PlannedCall> PackMemberships(ReadOnlySpan<Decision> decisions, int[] addCounts, int[] removeCounts)
    {
        var calls = new List<PlannedCall>();
        if (!HasMembershipCalls)
        {
            return calls;
        }

        // The records of every list, list after list in ordinal order of their names, and in
        // batch order within a list: what a map sorted by list name gave, without the map.
        var adds = ByList(decisions, addCounts, MembershipDirection.Add);
        var removes = ByList(decisions, removeCounts, MembershipDirection.Remove);
        var membership = _capabilities.Membership;
        switch (membership.Style)
        {
            case MembershipStyle.PerListAndDirection:
                for (int list = 0, start = 0; list < addCounts.Length; start += addCounts[list], list++)
                {
                    Pack(calls, CallKind.ListAdd, _lists[list], adds.AsSpan(start, addCounts[list]), membership.MaxBatch, membership.RequestsPerCall);
                }

                for (int list = 0, start = 0; list < removeCounts.Length; start += removeCounts[list], list++)
                {
                    Pack(calls, CallKind.ListRemove, _lists[list], removes.AsSpan(start, removeCounts[list]), membership.MaxBatch, membership.RemovalCost);
                }

                break;
            case MembershipStyle.PerList:
                for (int list = 0, addStart = 0, removeStart = 0; list < addCounts.Length; addStart += addCounts[list], removeStart += removeCounts[list], list++)
                {
                    if (addCounts[list] + removeCounts[list] == 0)
                    {
                        continue;
                    }

                    PlannedRecord[] both = [.. adds.AsSpan(addStart, addCounts[list]), .. removes.AsSpan(removeStart, removeCounts[list])];
                    Pack(calls, CallKind.ListUpdate, _lists[list], both, membership.MaxBatch, membership.RequestsPerCall);
                }

                break;
            case MembershipStyle.AllLists:
                Pack(calls, CallKind.ListAdd, null, adds, membership.MaxBatch, membership.RequestsPerCall);
                Pack(calls, CallKind.ListRemove, null, removes, membership.MaxBatch, membership.RemovalCost);
                break;
        }

        return calls;
    }

    /// <summary>One membership record per list a decision adds (or removes), grouped by list with a counting sort.</summary>
    private PlannedRecord[] ByList(ReadOnlySpan<Decision> decisions, int[] counts, MembershipDirection direction)
    {
        var next = new int[counts.Length];
        var total = 0;
        for (var list = 0; list < counts.Length; list++)
        {
            next[list] = total;
            total += counts[list];
        }

        if (total == 0)
        {
            return [];
        }

        var records = new PlannedRecord[total];
        var changes = direction == MembershipDirection.Add ? _joins : _leaves;
        foreach (ref readonly var decision in decisions)
        {
            foreach (var list in direction == MembershipDirection.Add ? decision.Adds : decision.Removes)
            {
                records[next[list]++] = new PlannedRecord
                {
                    ProfileKey = decision.Request.ProfileKey,
                    RemoteId = decision.RemoteId,

                    // The key the record has once the writes are done: a record that leaves its lists
                    // instead of being deleted keeps the key it has.
                    ForeignKey = decision.WriteKey ?? decision.Request.ForeignKey,
                    ListChanges = changes[list],
                };
            }
        }

        return records;
    }

    private static PlanStep Step(StepKind step, CallKind kind, PlannedRecord[] records, int max, int requests)
    {
        var calls = new List<PlannedCall>();
        Pack(calls, kind, null, records, max, requests);
        return new PlanStep(step, calls);
    }

    /// <summary>The records of one write step, filled in order into an array of the size the split gave.</summary>
    private struct Pile(int size)
    {
        private int _count;

        public PlannedRecord[] Records { get; } = new PlannedRecord[size];

        public void Add(PlannedRecord record) => Records[_count++] = record;
    }
}
