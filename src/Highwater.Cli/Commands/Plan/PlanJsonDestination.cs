using Highwater.Engine.DryRuns;

namespace Highwater.Cli.Commands.Plan;

/// <summary>One destination's need, cost and verdict.</summary>
internal sealed record PlanJsonDestination(
    string Name,
    string Kind,
    string Account,
    PlanJsonRows Rows,
    int Batches,
    long Invalid,
    long Gone,
    IReadOnlyDictionary<string, long> Profiles,
    IReadOnlyDictionary<string, long> Calls,
    long TotalCalls,
    IReadOnlyDictionary<string, long> OneCallPerUser,
    long OneCallPerUserTotal,
    IReadOnlyList<string> Paths,
    PlanJsonAdoption? Adoption,
    long Needed,
    PlanJsonQuota? Quota,
    bool Fits,
    double? Days,
    int? ResetsNeeded,
    double AtLeastSeconds,
    string Verdict,
    PlanJsonMetadata Metadata,
    long AllCalls)
{
    public static PlanJsonDestination From(DestinationDryRun d, DateTimeOffset now)
    {
        var e = d.Estimate;
        var f = d.Forecast;
        return new(
            d.Name,
            d.Kind,
            d.Account,
            new PlanJsonRows(e.LiveRows, e.BackfillRows, e.Rows),
            e.Batches,
            e.Invalid,
            e.Gone,
            e.Profiles.ToDictionary(p => PlanJson.Name(p.Key), p => p.Value, StringComparer.Ordinal),
            Ordered(e.Requests),
            e.TotalRequests,
            Ordered(e.OneCallPerUserByKind),
            e.OneCallPerUser,
            e.Paths,
            d.Adoption is { } a ? new PlanJsonAdoption(a.Lists, a.MembersPerCall, a.MinimumCalls) : null,
            d.Needed,
            f.QuotaWindow is { } window && f.Reset is { } reset ? new PlanJsonQuota(window, f.Limit, f.Reserve, f.Used, f.Left, reset, d.QuotaZone.Id) : null,
            d.Fits,
            d.Days,
            d.ResetsNeeded,
            d.AtLeast.TotalSeconds,
            PlanText.Verdict(d, now),
            new PlanJsonMetadata(d.Metadata.SignIn, d.Metadata.ListLookups, d.Metadata.ListCreations, d.Metadata.Metered, d.Metadata.Total, d.Metadata.Unpriced),
            d.AllCalls);
    }

    /// <summary>By step, in the order a plan runs them (System.Text.Json keeps a dictionary's order).</summary>
    private static Dictionary<string, long> Ordered(IReadOnlyDictionary<string, long> byKind)
    {
        var ordered = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var kind in PlanText.StepOrder.Where(byKind.ContainsKey))
        {
            ordered[kind] = byKind[kind];
        }

        return ordered;
    }
}
