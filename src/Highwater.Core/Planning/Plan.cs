using Highwater.Core.Costing;
using Highwater.Core.Model;

namespace Highwater.Core.Planning;

/// <summary>
/// The planner's output for one batch: the ordered steps with their calls, what happens to each
/// profile, and the notes a person should read.
/// </summary>
public sealed record Plan
{
    /// <summary>The non-empty steps, in the order they run.</summary>
    public required IReadOnlyList<PlanStep> Steps { get; init; }

    /// <summary>What the plan does with each profile of the batch, by profile key.</summary>
    public required IReadOnlyDictionary<string, Disposition> Dispositions { get; init; }

    /// <summary>Requests held back for the next batch.</summary>
    public required IReadOnlyList<ExportRequest> Deferred { get; init; }

    /// <summary>Decisions worth reading (a delete the mode forbids, a duplicate found remotely, ...).</summary>
    public required IReadOnlyList<PlanNote> Notes { get; init; }

    /// <summary>The counts the batch needs, from which <see cref="CostModel.LowerBound"/> computes its cost.</summary>
    public required BatchCounts Counts { get; init; }

    /// <summary>The path the writes take and what the other would have cost; null when the service has only the batch path.</summary>
    public ExportPathChoice? PathChoice { get; init; }

    /// <summary>Number of API calls.</summary>
    public int Calls => Steps.Sum(s => s.Calls.Count);

    /// <summary>HTTP requests against the quota: the batch's cost.</summary>
    public int Requests => Steps.Sum(s => s.Requests);

    /// <summary>The calls of one step, or none.</summary>
    public IReadOnlyList<PlannedCall> CallsOf(StepKind kind) =>
        Steps.FirstOrDefault(s => s.Kind == kind)?.Calls ?? [];
}
