using Highwater.Core.Capabilities;
using Highwater.Core.Costing;
using Highwater.Core.Planning;

namespace Highwater.Core.Budget;

/// <summary>
/// The seed's "batching math" for any service: what one batch costs, step by step, and how many
/// batches and users a day the quota carries at that cost (or, with no daily quota, the service's
/// connections and rate windows in the time the calls take), for the seed's algorithm and for
/// Highwater's planner side by side.
/// </summary>
public static class BatchingMath
{
    private const double MinutesPerDay = 1440;
    private const double SecondsPerDay = 86_400;

    /// <summary>The step name of a bulk upsert job in the Highwater column.</summary>
    internal const string BulkStep = "Bulk upsert (import job)";

    /// <summary>Computes the budget of one batch shape on one service.</summary>
    /// <exception cref="ArgumentException">The scenario or the reserve is out of range.</exception>
    public static BudgetReport Compute(ServiceCapabilities capabilities, DailyQuota quota, BudgetScenario scenario, double reserve = 0)
    {
        ArgumentNullException.ThrowIfNull(quota);
        return Compute(capabilities, quota, null, scenario, reserve);
    }

    /// <summary>
    /// Computes the budget of one batch shape on a service with no daily quota: what the batch's
    /// calls cost, and how long they take at the service's <paramref name="limits"/>, one step after
    /// another, which is what bounds the batches and users a minute.
    /// </summary>
    /// <exception cref="ArgumentException">The scenario or the call time is out of range.</exception>
    public static BudgetReport Compute(ServiceCapabilities capabilities, ServiceLimits limits, BudgetScenario scenario)
    {
        ArgumentNullException.ThrowIfNull(limits);
        return Compute(capabilities, null, limits, scenario, 0);
    }

    private static BudgetReport Compute(ServiceCapabilities capabilities, DailyQuota? quota, ServiceLimits? limits, BudgetScenario scenario, double reserve)
    {
        ArgumentNullException.ThrowIfNull(capabilities);
        ArgumentNullException.ThrowIfNull(scenario);
        var problems = scenario.Validate().ToList();
        if (reserve is < 0 or >= 1 || double.IsNaN(reserve))
        {
            problems.Add($"reserve: must be at least 0 and below 1 (was {reserve})");
        }

        if (quota?.CallsPerDay < 1)
        {
            problems.Add($"quota: must be at least 1 call a day (was {quota.CallsPerDay})");
        }

        if (limits is not null && limits.CallTime <= TimeSpan.Zero)
        {
            problems.Add($"call-seconds: must be more than 0 (was {limits.CallTime.TotalSeconds})");
        }

        if (problems.Count > 0)
        {
            throw new ArgumentException(string.Join("; ", problems), nameof(scenario));
        }

        var callsPerDay = quota is null ? 0 : quota.CallsPerDay * (1 - reserve);
        return new BudgetReport
        {
            Service = capabilities.Service,
            Scenario = scenario,
            Quota = quota,
            Limits = limits,
            Reserve = reserve,
            Seed = Column("seed algorithm", SeedSteps(capabilities, scenario), scenario.Users, callsPerDay, limits),
            Highwater = Column("Highwater planner", PlannerSteps(capabilities, scenario), scenario.Users, callsPerDay, limits),
        };
    }

    /// <summary>
    /// The seed's algorithm: look up every user, delete, update and create in separate steps,
    /// then one call per group (and per batch-size of records) to add and another to remove.
    /// </summary>
    internal static IReadOnlyList<StepCost> SeedSteps(ServiceCapabilities capabilities, BudgetScenario scenario)
    {
        var users = scenario.Users;
        var deletes = SyntheticBatch.Share(scenario.DeleteShare, users);
        var creates = Math.Min(SyntheticBatch.Share(scenario.CreateShare, users), users - deletes);
        var updates = users - deletes - creates;
        var steps = new List<StepCost>
        {
            Batched("Look up", users, capabilities.Lookup?.MaxKeys, capabilities.Lookup?.RequestsPerCall),
            Batched("Delete", deletes, capabilities.Delete?.MaxBatch, capabilities.Delete?.RequestsPerCall),
            Batched("Update", updates, capabilities.Update?.MaxBatch ?? capabilities.Upsert?.MaxBatch, capabilities.Update?.RequestsPerCall ?? capabilities.Upsert?.RequestsPerCall),
            Batched("Create", creates, capabilities.Create?.MaxBatch ?? capabilities.Upsert?.MaxBatch, capabilities.Create?.RequestsPerCall ?? capabilities.Upsert?.RequestsPerCall),
        };

        var adds = new Dictionary<string, int>(StringComparer.Ordinal);
        var removes = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var g = 0; g < scenario.Groups; g++)
        {
            adds[SyntheticBatch.ListName(g)] = SyntheticBatch.Share(scenario.JoinShare(g), users);
            removes[SyntheticBatch.ListName(g)] = SyntheticBatch.Share(scenario.LeaveShare(g), users);
        }

        steps.AddRange(MembershipSteps(capabilities.Membership, adds, removes));
        return steps;
    }

    /// <summary>What the real planner plans for a synthetic batch of the scenario's shape.</summary>
    internal static IReadOnlyList<StepCost> PlannerSteps(ServiceCapabilities capabilities, BudgetScenario scenario)
    {
        var batch = new SyntheticBatch(scenario, capabilities.Lookup?.ReturnsMemberships == true);
        var plan = new Planner(capabilities, batch.Options).Plan(batch.Requests, batch.Lookup);
        var steps = new List<StepCost>();
        foreach (var (kind, name) in new[] { (StepKind.Lookup, "Look up"), (StepKind.Delete, "Delete"), (StepKind.Update, "Update"), (StepKind.Create, "Create"), (StepKind.Upsert, "Upsert") })
        {
            var calls = plan.CallsOf(kind).Where(c => !c.Bulk).ToList();
            steps.Add(new StepCost(name, calls.Count, calls.Sum(c => c.Requests)));
        }

        if (capabilities.BulkUpsert is not null)
        {
            // A job is one call of several requests: create, uploads, start, the expected polls.
            var jobs = plan.CallsOf(StepKind.Upsert).Where(c => c.Bulk).ToList();
            steps.Add(new StepCost(BulkStep, jobs.Count, jobs.Sum(c => c.Requests)));
        }

        var memberships = plan.CallsOf(StepKind.Memberships);
        foreach (var (kind, name) in MembershipNames(capabilities.Membership.Style))
        {
            var calls = memberships.Where(c => c.Kind == kind).ToList();
            steps.Add(new StepCost(name, calls.Count, calls.Sum(c => c.Requests)));
        }

        return steps;
    }

    private static IEnumerable<StepCost> MembershipSteps(MembershipCapability membership, Dictionary<string, int> adds, Dictionary<string, int> removes)
    {
        var max = membership.MaxBatch;
        switch (membership.Style)
        {
            case MembershipStyle.PerListAndDirection:
                var addCalls = adds.Values.Sum(a => CostModel.Calls(a, max));
                var removeCalls = removes.Values.Sum(r => CostModel.Calls(r, max));
                yield return new StepCost("Add to lists", addCalls, addCalls * membership.RequestsPerCall);
                yield return new StepCost("Remove from lists", removeCalls, removeCalls * membership.RemovalCost);
                break;
            case MembershipStyle.AllLists:
                var allAdds = CostModel.Calls(adds.Values.Sum(), max);
                var allRemoves = CostModel.Calls(removes.Values.Sum(), max);
                yield return new StepCost("Add to lists", allAdds, allAdds * membership.RequestsPerCall);
                yield return new StepCost("Remove from lists", allRemoves, allRemoves * membership.RemovalCost);
                break;
            case MembershipStyle.PerList:
                var both = adds.Keys.Sum(l => CostModel.Calls(adds[l] + removes.GetValueOrDefault(l), max));
                yield return new StepCost("Add to and remove from lists", both, both * membership.RequestsPerCall);
                break;
            case MembershipStyle.Inline:
                yield return new StepCost("Lists (inline on the write)", 0, 0);
                break;
        }
    }

    private static IEnumerable<(CallKind Kind, string Name)> MembershipNames(MembershipStyle style) => style switch
    {
        MembershipStyle.PerListAndDirection or MembershipStyle.AllLists => [(CallKind.ListAdd, "Add to lists"), (CallKind.ListRemove, "Remove from lists")],
        MembershipStyle.PerList => [(CallKind.ListUpdate, "Add to and remove from lists")],
        MembershipStyle.Inline => [(CallKind.ListUpdate, "Lists (inline on the write)")],
        _ => [],
    };

    private static StepCost Batched(string name, int records, int? max, int? requestsPerCall)
    {
        if (records == 0 || max is null)
        {
            return new StepCost(name, 0, 0);
        }

        var calls = CostModel.Calls(records, max.Value);
        return new StepCost(name, calls, calls * (requestsPerCall ?? 1));
    }

    private static CostColumn Column(string name, IReadOnlyList<StepCost> steps, int users, double callsPerDay, ServiceLimits? limits)
    {
        var requests = steps.Sum(s => s.Requests);
        double? seconds = limits is null ? null : steps.Sum(s => limits.SecondsFor(s.Calls, s.Requests));
        var batchesPerDay = seconds is { } t
            ? (t == 0 ? double.PositiveInfinity : SecondsPerDay / t)
            : requests == 0 ? double.PositiveInfinity : callsPerDay / requests;
        return new CostColumn
        {
            Name = name,
            Steps = steps,
            SecondsPerBatch = seconds,
            BatchesPerDay = batchesPerDay,
            UsersPerDay = batchesPerDay * users,
            BatchesPerMinute = batchesPerDay / MinutesPerDay,
            UsersPerMinute = batchesPerDay * users / MinutesPerDay,
        };
    }
}
