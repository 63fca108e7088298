using System.Runtime.InteropServices;
using Highwater.Core.Capabilities;
using Highwater.Core.Costing;

namespace Highwater.Core.Planning;

public sealed partial class Planner
{
    private Plan Pack(LookupPhase phase, Decision[] decisions, List<PlanNote> notes)
    {
        var steps = new List<PlanStep>(6);
        if (phase.Step.Calls.Count > 0)
        {
            steps.Add(phase.Step);
        }

        var deletes = new List<PlannedRecord>();
        List<Decision> byId = [], existing = [], absent = [], unresolved = [];
        foreach (var decision in decisions)
        {
            foreach (var id in decision.DeleteIds ?? [])
            {
                deletes.Add(new PlannedRecord { ProfileKey = decision.Request.ProfileKey, RemoteId = id, ForeignKey = decision.Request.ForeignKey });
            }

            (decision.Route switch
            {
                WriteRoute.ById => byId,
                WriteRoute.Existing => existing,
                WriteRoute.Absent => absent,
                WriteRoute.Unresolved => unresolved,
                _ => null,
            })?.Add(decision);
        }

        if (deletes.Count > 0)
        {
            var delete = _capabilities.Delete!.Value;
            steps.Add(Step(StepKind.Delete, CallKind.Delete, deletes, delete.MaxBatch, delete.RequestsPerCall));
        }

        // New records that membership calls will address go first, so they land in the create pile.
        var needingIds = HasMembershipCalls ? absent.Count(d => !d.Adds.IsEmpty) : 0;
        if (needingIds > 0)
        {
            absent = [.. absent.Where(d => !d.Adds.IsEmpty), .. absent.Where(d => d.Adds.IsEmpty)];
        }

        var addCounts = new int[_lists.Length];
        var removeCounts = new int[_lists.Length];
        if (HasMembershipCalls)
        {
            foreach (var decision in decisions)
            {
                Tally(addCounts, decision.Adds);
                Tally(removeCounts, decision.Removes);
            }
        }

        var counts = new BatchCounts
        {
            LookupKeys = phase.Step.Calls.Sum(c => c.Records.Count),
            Deletes = deletes.Count,
            ByIdWrites = byId.Count,
            ExistingWrites = existing.Count,
            NewRecords = absent.Count,
            NewRecordsNeedingIds = needingIds,
            UnresolvedWrites = unresolved.Count,
            Adds = ByName(addCounts),
            Removes = ByName(removeCounts),
        };
        var split = CostModel.SplitWrites(counts, _capabilities);
        var toUpdate = new List<PlannedRecord>(split.UpdateById + split.UpdateExisting);
        var toCreate = new List<PlannedRecord>(split.Create);
        var toUpsert = new List<PlannedRecord>();
        var partialUpdate = _capabilities.Update?.PartialFields ?? true;
        var partialUpsert = _capabilities.Upsert?.PartialFields ?? true;
        for (var i = 0; i < byId.Count; i++)
        {
            (i < split.UpdateById ? toUpdate : toUpsert).Add(Write(byId[i], i < split.UpdateById ? partialUpdate : partialUpsert));
        }

        for (var i = 0; i < existing.Count; i++)
        {
            (i < split.UpdateExisting ? toUpdate : toUpsert).Add(Write(existing[i], i < split.UpdateExisting ? partialUpdate : partialUpsert));
        }

        for (var i = 0; i < absent.Count; i++)
        {
            (i < split.Create ? toCreate : toUpsert).Add(Write(absent[i], partial: true));
        }

        foreach (var decision in unresolved)
        {
            toUpsert.Add(Write(decision, partial: true));
        }

        if (toUpdate.Count > 0)
        {
            var update = _capabilities.Update!.Value;
            steps.Add(Step(StepKind.Update, CallKind.Update, toUpdate, update.MaxBatch, update.RequestsPerCall));
        }

        if (toCreate.Count > 0)
        {
            var create = _capabilities.Create!.Value;
            steps.Add(Step(StepKind.Create, CallKind.Create, toCreate, create.MaxBatch, create.RequestsPerCall));
        }

        if (toUpsert.Count > 0)
        {
            var upsert = _capabilities.Upsert!.Value;
            steps.Add(Step(StepKind.Upsert, CallKind.Upsert, toUpsert, upsert.MaxBatch, upsert.RequestsPerCall));
        }

        var memberships = PackMemberships(decisions, addCounts, removeCounts);
        if (memberships.Count > 0)
        {
            steps.Add(new PlanStep(StepKind.Memberships, memberships));
        }

        var dispositions = new Dictionary<string, Disposition>(decisions.Length + phase.Deferred.Count, StringComparer.Ordinal);
        foreach (var decision in decisions)
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
        };
    }

    private PlannedRecord Write(Decision decision, bool partial)
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

    private ListChange[]? Changes(Decision decision)
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

    private List<PlannedCall> PackMemberships(Decision[] decisions, int[] addCounts, int[] removeCounts)
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
    private PlannedRecord[] ByList(Decision[] decisions, int[] counts, MembershipDirection direction)
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
        foreach (var decision in decisions)
        {
            foreach (var list in direction == MembershipDirection.Add ? decision.Adds : decision.Removes)
            {
                records[next[list]++] = new PlannedRecord
                {
                    ProfileKey = decision.Request.ProfileKey,
                    RemoteId = decision.RemoteId,
                    ForeignKey = decision.Request.ForeignKey,
                    ListChanges = changes[list],
                };
            }
        }

        return records;
    }

    private static PlanStep Step(StepKind step, CallKind kind, List<PlannedRecord> records, int max, int requests)
    {
        var calls = new List<PlannedCall>();
        Pack(calls, kind, null, CollectionsMarshal.AsSpan(records), max, requests);
        return new PlanStep(step, calls);
    }
}
