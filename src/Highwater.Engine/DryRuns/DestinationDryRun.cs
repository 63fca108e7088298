using Highwater.Core.Scheduling;
using Highwater.Engine.Running;

namespace Highwater.Engine.DryRuns;

/// <summary>What one destination needs, what it would cost, and how that sits with its quota today.</summary>
public sealed record DestinationDryRun
{
    /// <summary>The destination.</summary>
    public required string Name { get; init; }

    /// <summary>Its service.</summary>
    public required string Kind { get; init; }

    /// <summary>Its service account (destinations on one account share its quota).</summary>
    public required string Account { get; init; }

    /// <summary>The rows waiting and the planner's calls for them.</summary>
    public required ExportEstimate Estimate { get; init; }

    /// <summary>The one-time list adoption the first export does first; null when none is pending.</summary>
    public AdoptionCost? Adoption { get; init; }

    /// <summary>The metadata calls the sync makes beside the data calls and the adoption: sign-in, list lookups and creation.</summary>
    public MetadataCost Metadata { get; init; } = new(0, 0, 0);

    /// <summary>The day as the governor's ledger has it: used, left, the reset.</summary>
    public required DayForecast Forecast { get; init; }

    /// <summary>The least time the short rate windows (say 100 calls per 20 s) allow for <see cref="Needed"/>; zero when there are none.</summary>
    public TimeSpan AtLeast { get; init; }

    /// <summary>Calls per day the daily window allows beyond its reserve; null when the policy has no daily quota.</summary>
    public long? UsablePerDay { get; init; }

    /// <summary>The zone the daily quota resets in (UTC for a rolling day).</summary>
    public TimeZoneInfo QuotaZone { get; init; } = TimeZoneInfo.Utc;

    /// <summary>Calls needed against the quota: the estimate, the adoption's floor, and the metered metadata calls (list lookups and creations).</summary>
    public long Needed => Estimate.TotalRequests + (Adoption?.MinimumCalls ?? 0) + Metadata.Metered;

    /// <summary>Every call the sync makes, data and metadata (the adoption's floor and the sign-in included), as its report counts them.</summary>
    public long AllCalls => Estimate.TotalRequests + (Adoption?.MinimumCalls ?? 0) + Metadata.Total;

    /// <summary>Whether what is needed fits in what is left of today's quota (always, without a daily quota).</summary>
    public bool Fits => Forecast.QuotaWindow is null || Needed <= Forecast.Left;

    /// <summary>Days of quota the need takes at the usable daily quota; null without a daily quota.</summary>
    public double? Days => UsablePerDay is { } usable && usable > 0 ? (double)Needed / usable : null;

    /// <summary>Resets of the daily quota to wait for before the need is paid, when it does not fit today.</summary>
    public int? ResetsNeeded => Fits || UsablePerDay is not { } usable || usable <= 0 ? null : (int)Math.Ceiling((double)(Needed - Forecast.Left) / usable);
}
