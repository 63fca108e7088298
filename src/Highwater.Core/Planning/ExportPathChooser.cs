using Highwater.Core.Capabilities;
using Highwater.Core.Costing;
using Highwater.Core.Model;

namespace Highwater.Core.Planning;

/// <summary>
/// Chooses by cost between the batch path (look up who exists, then write in batch calls) and a
/// service's asynchronous bulk upsert (one job, no lookups), for the records that could go either
/// way. The planner asks it once per batch, in phase one, since the bulk path spares the lookups.
/// </summary>
public static class ExportPathChooser
{
    /// <summary>Chooses the path for <paramref name="records"/> writable records, of which <paramref name="lookups"/> need a lookup on the batch path.</summary>
    /// <param name="capabilities">The service's capabilities.</param>
    /// <param name="mode">The sync mode: <c>enrich</c> creates nothing, which a bulk upsert cannot promise.</param>
    /// <param name="records">Records written, not deleted, that keep their foreign key.</param>
    /// <param name="lookups">Of them, those whose remote id is unknown and would be looked up.</param>
    /// <param name="otherLookupKeys">Keys the batch looks up anyway (deletes, changed keys): they share lookup calls.</param>
    /// <param name="quotaLeft">
    /// The share (0..1) of the day's quota left: a job is chosen when it saves at least
    /// <see cref="BulkUpsertCapability.WorthSaving"/> of it, what its wait is worth (1, the default, weighs the wait in full).
    /// </param>
    /// <returns>The choice, or null when the service has no bulk path or there is nothing to write.</returns>
    public static ExportPathChoice? Choose(ServiceCapabilities capabilities, SyncMode mode, int records, int lookups, int otherLookupKeys = 0, double quotaLeft = 1)
    {
        ArgumentNullException.ThrowIfNull(capabilities);
        ArgumentOutOfRangeException.ThrowIfNegative(records);
        ArgumentOutOfRangeException.ThrowIfNegative(lookups);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(lookups, records);
        if (capabilities.BulkUpsert is not { } bulk || records == 0)
        {
            return null;
        }

        var batch = LookupRequests(capabilities, otherLookupKeys + lookups) - LookupRequests(capabilities, otherLookupKeys) + WriteRequests(capabilities, records);
        var job = bulk.RequestsFor(records);
        var worth = bulk.WorthSaving(quotaLeft);
        var path = mode != SyncMode.Enrich && records >= bulk.MinRecords && job < batch && batch - job >= worth ? ExportPath.Bulk : ExportPath.Batch;
        return new ExportPathChoice(path, records, batch, job, bulk.MinRecords) { WorthSaving = worth, QuotaLeft = Math.Clamp(quotaLeft, 0, 1) };
    }

    /// <summary>The path for a batch, as the planner will choose it (phase one of <see cref="Planner"/>).</summary>
    public static ExportPathChoice? Choose(Planner planner, IReadOnlyList<ExportRequest> batch)
    {
        ArgumentNullException.ThrowIfNull(planner);
        return planner.PlanLookup(batch).PathChoice;
    }

    private static int LookupRequests(ServiceCapabilities capabilities, int keys) =>
        keys == 0 || capabilities.Lookup is not { } lookup ? 0 : CostModel.Calls(keys, lookup.MaxKeys) * lookup.RequestsPerCall;

    /// <summary>The fewest requests any one write operation could carry the records in: a lower bound of the batch path.</summary>
    private static int WriteRequests(ServiceCapabilities capabilities, int records)
    {
        var best = int.MaxValue;
        if (capabilities.Update is { } update) { best = Math.Min(best, CostModel.Calls(records, update.MaxBatch) * update.RequestsPerCall); }
        if (capabilities.Create is { } create) { best = Math.Min(best, CostModel.Calls(records, create.MaxBatch) * create.RequestsPerCall); }
        if (capabilities.Upsert is { } upsert) { best = Math.Min(best, CostModel.Calls(records, upsert.MaxBatch) * upsert.RequestsPerCall); }
        return best == int.MaxValue ? 0 : best;
    }
}
