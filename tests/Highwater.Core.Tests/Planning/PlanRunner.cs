using Highwater.Core.Model;
using Highwater.Core.Planning;

namespace Highwater.Core.Tests.Planning;

/// <summary>Runs plans against a <see cref="FakeService"/> the way the executor will: phase by phase.</summary>
internal static class PlanRunner
{
    /// <summary>Plans and carries out one batch; returns the plan.</summary>
    public static Plan RunOnce(Planner planner, FakeService service, IReadOnlyList<ExportRequest> batch)
    {
        var phase = planner.PlanLookup(batch);
        var answers = new List<RemoteMatch>();
        foreach (var call in phase.Step.Calls)
        {
            answers.AddRange(service.Lookup(call));
        }

        var plan = planner.PlanWrites(phase, answers);
        var ids = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var step in plan.Steps.Where(s => s.Kind != StepKind.Lookup))
        {
            foreach (var call in step.Calls)
            {
                service.Execute(call, ids);
            }
        }

        return plan;
    }

    /// <summary>
    /// Runs a batch, then its deferred requests in further batches, as the outbox would; returns
    /// every plan. Deferred requests get the state the earlier batches left, like a real outbox.
    /// </summary>
    public static List<Plan> RunToEnd(Planner planner, FakeService service, IReadOnlyList<ExportRequest> batch)
    {
        var plans = new List<Plan>();
        var pending = batch;
        while (pending.Count > 0)
        {
            if (plans.Count > batch.Count)
            {
                throw new InvalidOperationException("deferral never ends");
            }

            var plan = RunOnce(planner, service, pending);
            plans.Add(plan);
            pending = plan.Deferred.Select(r => r with { LastExported = null }).ToList();
        }

        return plans;
    }
}
