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
        var needingIds = HasMembershipCalls ? absent.Count(d => d.Adds.Count > 0) : 0;
        if (needingIds > 0)
        {
            absent = [.. absent.Where(d => d.Adds.Count > 0), .. absent.Where(d => d.Adds.Count == 0)];
        }

        var (adds, removes) = MembershipCounts(decisions);
        var counts = new BatchCounts
        {
            LookupKeys = phase.Step.Calls.Sum(c => c.Records.Count),
            Deletes = deletes.Count,
            ByIdWrites = byId.Count,
            ExistingWrites = existing.Count,
            NewRecords = absent.Count,
            NewRecordsNeedingIds = needingIds,
            UnresolvedWrites = unresolved.Count,
            Adds = adds,
            Removes = removes,
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

        var memberships = PackMemberships(decisions);
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

    private static List<ListChange>? Changes(Decision decision)
    {
        if (decision.Adds.Count == 0 && decision.Removes.Count == 0)
        {
            return null;
        }

        var changes = new List<ListChange>(decision.Adds.Count + decision.Removes.Count);
        foreach (var list in decision.Adds)
        {
            changes.Add(new ListChange(list, MembershipDirection.Add));
        }

        foreach (var list in decision.Removes)
        {
            changes.Add(new ListChange(list, MembershipDirection.Remove));
        }

        return changes;
    }

    private (Dictionary<string, int> Adds, Dictionary<string, int> Removes) MembershipCounts(Decision[] decisions)
    {
        var adds = new Dictionary<string, int>(StringComparer.Ordinal);
        var removes = new Dictionary<string, int>(StringComparer.Ordinal);
        if (!HasMembershipCalls)
        {
            return (adds, removes);
        }

        foreach (var decision in decisions)
        {
            foreach (var list in decision.Adds)
            {
                adds[list] = adds.GetValueOrDefault(list) + 1;
            }

            foreach (var list in decision.Removes)
            {
                removes[list] = removes.GetValueOrDefault(list) + 1;
            }
        }

        return (adds, removes);
    }

    private List<PlannedCall> PackMemberships(Decision[] decisions)
    {
        var calls = new List<PlannedCall>();
        var addsByList = new SortedDictionary<string, List<PlannedRecord>>(StringComparer.Ordinal);
        var removesByList = new SortedDictionary<string, List<PlannedRecord>>(StringComparer.Ordinal);
        if (!HasMembershipCalls)
        {
            return calls;
        }

        foreach (var decision in decisions)
        {
            Collect(addsByList, decision, decision.Adds, MembershipDirection.Add);
            Collect(removesByList, decision, decision.Removes, MembershipDirection.Remove);
        }

        var membership = _capabilities.Membership;
        switch (membership.Style)
        {
            case MembershipStyle.PerListAndDirection:
                foreach (var (list, records) in addsByList)
                {
                    Pack(calls, CallKind.ListAdd, list, records, membership.MaxBatch, membership.RequestsPerCall);
                }

                foreach (var (list, records) in removesByList)
                {
                    Pack(calls, CallKind.ListRemove, list, records, membership.MaxBatch, membership.RemovalCost);
                }

                break;
            case MembershipStyle.PerList:
                foreach (var list in addsByList.Keys.Union(removesByList.Keys, StringComparer.Ordinal).Order(StringComparer.Ordinal))
                {
                    var both = new List<PlannedRecord>();
                    both.AddRange(addsByList.GetValueOrDefault(list) ?? []);
                    both.AddRange(removesByList.GetValueOrDefault(list) ?? []);
                    Pack(calls, CallKind.ListUpdate, list, both, membership.MaxBatch, membership.RequestsPerCall);
                }

                break;
            case MembershipStyle.AllLists:
                Pack(calls, CallKind.ListAdd, null, addsByList.Values.SelectMany(r => r).ToList(), membership.MaxBatch, membership.RequestsPerCall);
                Pack(calls, CallKind.ListRemove, null, removesByList.Values.SelectMany(r => r).ToList(), membership.MaxBatch, membership.RemovalCost);
                break;
        }

        return calls;
    }

    private static void Collect(SortedDictionary<string, List<PlannedRecord>> byList, Decision decision, IReadOnlyList<string> lists, MembershipDirection direction)
    {
        foreach (var list in lists)
        {
            if (!byList.TryGetValue(list, out var records))
            {
                byList[list] = records = [];
            }

            records.Add(new PlannedRecord
            {
                ProfileKey = decision.Request.ProfileKey,
                RemoteId = decision.RemoteId,
                ForeignKey = decision.Request.ForeignKey,
                ListChanges = [new ListChange(list, direction)],
            });
        }
    }

    private static PlanStep Step(StepKind step, CallKind kind, List<PlannedRecord> records, int max, int requests)
    {
        var calls = new List<PlannedCall>();
        Pack(calls, kind, null, records, max, requests);
        return new PlanStep(step, calls);
    }
}
