using Highwater.Core.Model;

namespace Highwater.Core.Planning;

/// <summary>
/// The first phase of a plan: the lookup calls, and the batch as it will be planned (requests
/// that share a foreign key with an earlier one are held back for the next batch).
/// </summary>
public sealed record LookupPhase
{
    internal LookupPhase(IReadOnlyList<ExportRequest> requests, bool[] needsLookup, RequestDiff[] diffs, IReadOnlyList<ExportRequest> deferred, PlanStep step)
    {
        Requests = requests;
        NeedsLookup = needsLookup;
        Diffs = diffs;
        Deferred = deferred;
        Step = step;
    }

    /// <summary>The requests this batch plans, in the order they will be planned.</summary>
    public IReadOnlyList<ExportRequest> Requests { get; }

    /// <summary>Requests held back for a later batch.</summary>
    public IReadOnlyList<ExportRequest> Deferred { get; }

    /// <summary>The lookup calls; empty when nothing must be looked up.</summary>
    public PlanStep Step { get; }

    /// <summary>Why requests were held back.</summary>
    public IReadOnlyList<PlanNote> Notes { get; init; } = [];

    /// <summary>
    /// Whether the batch's writes go by lookups and batch calls or by a bulk job, with both costs;
    /// null when the service has no bulk path or the batch writes nothing.
    /// </summary>
    public ExportPathChoice? PathChoice { get; init; }

    /// <summary>Which requests go in the bulk job (all false on the batch path).</summary>
    internal bool[]? Bulk { get; init; }

    /// <summary>
    /// Profiles that take a foreign key another profile of the batch leaves (a swap, a chain), by
    /// the profile whose move they wait on; null when there are none.
    /// </summary>
    public IReadOnlyDictionary<string, string>? Movers { get; init; }

    internal bool[] NeedsLookup { get; }

    internal RequestDiff[] Diffs { get; }
}
