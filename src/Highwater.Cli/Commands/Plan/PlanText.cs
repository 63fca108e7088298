using Highwater.Cli.Commands.Shared;
using Highwater.Core.Connectors;
using Highwater.Core.Planning;
using Highwater.Engine.DryRuns;
using Highwater.Storage.Marks;
using Spectre.Console;

namespace Highwater.Cli.Commands.Plan;

/// <summary>
/// The human output of <c>highwater plan</c>: what was polled, then per destination the rows
/// waiting, a table of calls by step beside one call per user, a pending list adoption, the quota,
/// and the verdict ("fits: 212 of 9,870 calls left" or "needs 2.3 days at the current quota").
/// </summary>
internal static class PlanText
{
    /// <summary>The steps in the order a plan runs them.</summary>
    internal static readonly IReadOnlyList<string> StepOrder = [.. Enum.GetValues<CallKind>().Select(CallTag.KindName)];

    public static void Write(IAnsiConsole console, string path, DryRunReport report)
    {
        console.Line($"[bold]Plan for {Markup.Escape(path)}[/] (a dry run at {Figures.Time(report.At)})");
        console.Line(Markup.Escape(report.Polled
            ? "The sources were polled into a throwaway copy of the buffer: no mark moved, the outbox is untouched, no service was called."
            : $"Not polled: {report.NotPolledReason} No service was called."));
        if (report.Polled)
        {
            console.WriteLine();
            TextTable.Write(
                console,
                ["source", "rows read", "unchanged", "profiles changed", "outbox rows"],
                [.. report.Polls.Select(p => (IReadOnlyList<string>)[
                    p.Source,
                    Figures.Count(p.RowsRead),
                    Figures.Count(p.RowsUnchanged),
                    Figures.Count(p.ProfilesChanged),
                    Figures.Count(p.OutboxWritten)])]);
            foreach (var poll in report.Polls)
            {
                console.Line(Markup.Escape($"{poll.Source}: mark {Mark(report.MarksBefore.GetValueOrDefault(poll.Source))} -> {Mark(poll.Mark)} in the copy only"));
            }

            if (report.GroupRefresh is { ProfilesChanged: > 0 } refresh)
            {
                console.Line(Markup.Escape($"Time-dependent groups: {Figures.Count(refresh.ProfilesChanged)} profiles change group now ({Figures.Count(refresh.OutboxWritten)} outbox rows)."));
            }
        }

        foreach (var destination in report.Destinations)
        {
            console.WriteLine();
            WriteDestination(console, destination, report.At);
        }
    }

    private static void WriteDestination(IAnsiConsole console, DestinationDryRun d, DateTimeOffset now)
    {
        var e = d.Estimate;
        console.Line($"[bold]{Markup.Escape(d.Name)}[/] ({Markup.Escape(d.Kind)}, account {Markup.Escape(d.Account)}): {Markup.Escape(Waiting(d))}");
        if (e.Rows > 0)
        {
            var rows = StepOrder
                .Where(kind => e.Requests.ContainsKey(kind) || e.OneCallPerUserByKind.ContainsKey(kind))
                .Select(kind => (IReadOnlyList<string>)[kind, Figures.Count(e.Requests.GetValueOrDefault(kind)), Figures.Count(e.OneCallPerUserByKind.GetValueOrDefault(kind))])
                .ToList();
            rows.Add(["total", Figures.Count(e.TotalRequests), Figures.Count(e.OneCallPerUser)]);
            TextTable.Write(console, ["step", "calls", "one call per user"], rows);
            console.Line(Markup.Escape(Saving(d)));
            foreach (var path in e.Paths)
            {
                console.Line(Markup.Escape($"path: {path}"));
            }
        }

        if (d.Adoption is { } adoption)
        {
            console.Line(Markup.Escape(Adoption(adoption)));
        }

        if (d.Metadata.Total > 0)
        {
            console.Line(Markup.Escape(AllCalls(d)));
        }

        if (d.Metadata.Unpriced is { } unpriced)
        {
            console.Line(Markup.Escape(unpriced + "."));
        }

        console.Line(Markup.Escape(Quota(d, now)));
        var verdict = Verdict(d, now);
        console.Line(d.Fits ? $"[green]{Markup.Escape(verdict)}[/]" : $"[yellow]{Markup.Escape(verdict)}[/]");
    }

    /// <summary>"130 rows waiting (120 live, 10 backfill) in 1 batch of up to 300: 110 written, 20 deleted".</summary>
    internal static string Waiting(DestinationDryRun d)
    {
        var e = d.Estimate;
        if (e.Rows == 0)
        {
            return "nothing waits";
        }

        var lanes = e.BackfillRows == 0 ? $"{Figures.Count(e.LiveRows)} live" : $"{Figures.Count(e.LiveRows)} live, {Figures.Count(e.BackfillRows)} backfill";
        var batches = e.Batches == 1 ? "1 batch" : $"{Figures.Count(e.Batches)} batches";
        var what = e.Profiles
            .Where(p => p.Value > 0)
            .Select(p => $"{Figures.Count(p.Value)} {Describe(p.Key)}")
            .Concat(e.Invalid > 0 ? [$"{Figures.Count(e.Invalid)} to the dead letters (no foreign key)"] : [])
            .Concat(e.Gone > 0 ? [$"{Figures.Count(e.Gone)} with nothing to do"] : []);
        return $"{Figures.Count(e.Rows)} rows waiting ({lanes}) in {batches}: {string.Join(", ", what)}";
    }

    /// <summary>"One call per user would have cost 340 calls: the plan makes 2.6% of them."</summary>
    internal static string Saving(DestinationDryRun d)
    {
        var e = d.Estimate;
        if (e.OneCallPerUser == 0)
        {
            return "No call is needed: nothing the destination maps changed.";
        }

        var share = (double)e.TotalRequests / e.OneCallPerUser;
        return $"One call per user would have cost {Figures.Count(e.OneCallPerUser)} calls; the plan makes {Figures.Count(e.TotalRequests)} ({Figures.Decimal(share * 100, "0.#")}% of them).";
    }

    /// <summary>The pending adoption, with what is known of its cost and what is not.</summary>
    internal static string Adoption(AdoptionCost adoption)
    {
        var rate = adoption.MembersPerCall is { } page ? $"1 call per {Figures.Count(page)} members" : "1 call per page of members";
        return $"List adoption pending: the first export reads {Figures.Count(adoption.Lists.Count)} lists once ({string.Join(", ", adoption.Lists)}), "
            + $"{rate}; their sizes are not known without reading them, so {Figures.Count(adoption.MinimumCalls)} calls at least are counted below.";
    }

    /// <summary>
    /// "Calls in all: 8 data + 8 metadata (1 sign-in, 1 list lookup, 3 list creations at most, 3 list
    /// reads at least) = 16; 15 count against the quota (the sign-in does not)."
    /// </summary>
    internal static string AllCalls(DestinationDryRun d)
    {
        var m = d.Metadata;
        var reads = d.Adoption?.MinimumCalls ?? 0;
        var parts = new List<string>();
        if (m.SignIn > 0)
        {
            parts.Add(m.SignIn == 1 ? "1 sign-in" : $"{Figures.Count(m.SignIn)} sign-ins");
        }

        if (m.ListLookups > 0)
        {
            parts.Add(m.ListLookups == 1 ? "1 list lookup" : $"{Figures.Count(m.ListLookups)} list lookups");
        }

        if (m.ListCreations > 0)
        {
            parts.Add($"{Figures.Count(m.ListCreations)} list creation{(m.ListCreations == 1 ? "" : "s")} at most, for lists the service does not have yet");
        }

        if (reads > 0)
        {
            parts.Add($"{Figures.Count(reads)} list read{(reads == 1 ? "" : "s")} at least");
        }

        var metadata = m.Total + reads;
        var unmetered = m.SignIn > 0 ? " (a sign-in does not)" : "";
        return $"Calls in all: {Figures.Count(d.Estimate.TotalRequests)} data + {Figures.Count(metadata)} metadata ({string.Join(", ", parts)}) = {Figures.Count(d.AllCalls)}; "
            + $"{Figures.Count(d.Needed)} count against the quota{unmetered}.";
    }

    /// <summary>"Quota (day): 130 of 50,000 used (reserve 0), 49,870 left; resets at 00:00 America/Chicago, in 9h 12m."</summary>
    internal static string Quota(DestinationDryRun d, DateTimeOffset now)
    {
        var f = d.Forecast;
        if (f.QuotaWindow is null || f.Reset is not { } reset)
        {
            return "Quota: the service's policy has no daily quota; the short windows pace the calls.";
        }

        return $"Quota ({f.QuotaWindow}): {Figures.Count(f.Used)} of {Figures.Count(f.Limit)} used (reserve {Figures.Count(f.Reserve)}), {Figures.Count(f.Left)} left; "
            + $"resets at {Figures.Local(reset, d.QuotaZone, now)}, in {Figures.Duration(reset - now)}.";
    }

    /// <summary>"fits: 212 of 9,870 calls left", or "needs 2.3 days at the current quota: ...".</summary>
    internal static string Verdict(DestinationDryRun d, DateTimeOffset now)
    {
        var pace = d.AtLeast >= TimeSpan.FromSeconds(1) ? $"; the short rate windows make it take {Figures.Duration(d.AtLeast)} at least" : "";
        var f = d.Forecast;
        if (f.QuotaWindow is null)
        {
            return $"no daily quota to hold it against: {Figures.Count(d.Needed)} calls{pace}";
        }

        if (d.Fits)
        {
            return $"fits: {Figures.Count(d.Needed)} of {Figures.Count(f.Left)} calls left{pace}";
        }

        var resets = d.ResetsNeeded == 1 ? "1 reset" : $"{Figures.Count(d.ResetsNeeded ?? 0)} resets";
        return $"needs {Figures.Decimal(d.Days ?? 0, "0.0#")} days at the current quota: {Figures.Count(d.Needed)} calls, "
            + $"{Figures.Count(f.Left)} left today and {Figures.Count(d.UsablePerDay ?? 0)} usable a day after each reset (waits for {resets}, the first at {Figures.Local(f.Reset!.Value, d.QuotaZone, now)})";
    }

    internal static string Describe(Disposition disposition) => disposition switch
    {
        Disposition.Written => "written",
        Disposition.MembershipsOnly => "lists only",
        Disposition.Deleted => "deleted",
        Disposition.Unchanged => "unchanged (no call)",
        Disposition.AlreadyAbsent => "already absent",
        Disposition.RemovedFromLists => "taken out of lists (the mode may not delete)",
        Disposition.NotCreated => "not created (the mode may not create)",
        _ => "held back",
    };

    private static string Mark(SourceMark? mark) => mark is null ? "(never polled)" : $"{mark.Mark} / key {mark.Key}";
}
