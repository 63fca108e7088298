using Highwater.Cli.Commands.Shared;
using Spectre.Console;

namespace Highwater.Cli.Commands.Status;

/// <summary>
/// The human output of <c>highwater status</c>: a table of sources, a table of destinations, then a
/// few lines per destination on its window, forecast, last run and failures.
/// </summary>
internal static class StatusText
{
    public static void Write(IAnsiConsole console, StatusJson status)
    {
        var now = status.At;
        var store = status.Store.Exists ? $"{status.Store.Kind} {status.Store.Location}" : $"{status.Store.Kind} {status.Store.Location}, not made yet: nothing was polled";
        console.Line($"[bold]Status of {Markup.Escape(status.Config)}[/] at {Figures.Time(now)} (buffer: {Markup.Escape(store)})");
        console.WriteLine();
        TextTable.Write(
            console,
            ["source", "mark", "last poll", "rows"],
            [.. status.Sources.Select(s => (IReadOnlyList<string>)[
                s.Name,
                s.Mark is null ? "(never polled)" : $"{s.Mark} / key {s.MarkKey}",
                s.LastPolledAt is { } at ? Figures.Ago(at, now) : "never",
                Figures.Count(s.Rows)])],
            1,
            2);
        foreach (var source in status.Sources)
        {
            foreach (var warning in source.MarkWarnings ?? [])
            {
                console.Line($"[yellow]{Markup.Escape(source.Name)}:[/] {Markup.Escape(warning)}");
            }
        }

        console.WriteLine();
        TextTable.Write(
            console,
            ["destination", "waiting", "oldest", "quota used", "left", "resets in", "dead letters"],
            [.. status.Destinations.Select(d => (IReadOnlyList<string>)[
                d.Name,
                Waiting(d.Outbox),
                d.Outbox.OldestWaitingSince is { } since ? Figures.Duration(now - since) : "-",
                d.Quota is { } q ? Figures.Count(q.Used) : "-",
                d.Quota is { } l ? Figures.Count(l.Left) : "-",
                d.Quota is { } r ? Figures.Duration(r.ResetsAt - now) : "-",
                Figures.Count(d.DeadLetters)])]);

        foreach (var d in status.Destinations)
        {
            console.WriteLine();
            console.Line($"[bold]{Markup.Escape(d.Name)}[/] ({Markup.Escape(d.Kind)}, account {Markup.Escape(d.Account)})");
            foreach (var line in Details(d, now))
            {
                console.Line("  " + Markup.Escape(line));
            }
        }
    }

    /// <summary>The lines under a destination: window and forecast, runs-out, last run, failures, dead letters.</summary>
    internal static IEnumerable<string> Details(StatusJsonDestination d, DateTimeOffset now)
    {
        // The scheduler's sentence opens with the window and why ("window stretched to 22m30s: ...").
        var forecast = d.Window.Forecast.Length > 0 ? d.Window.Forecast : $"window {Figures.Duration(TimeSpan.FromSeconds(d.Window.Seconds))} ({d.Window.Reason})";
        yield return d.Window.Source == "lastRun"
            ? $"at the last run: {forecast}"
            : $"{forecast} (no export pass has run yet)";

        if (d.Quota is { } quota)
        {
            var zone = Zone(quota.TimeZone);
            var head = $"quota ({quota.Window}): {Figures.Count(quota.Used)} of {Figures.Count(quota.Limit)} used (reserve {Figures.Count(quota.Reserve)}), {Figures.Count(quota.Left)} left; resets at {Figures.Local(quota.ResetsAt, zone, now)}";
            yield return quota.RunsOutAt is { } runsOut
                ? $"{head}; at the last run's rate it runs out at {Figures.Local(runsOut, zone, now)}, before the reset"
                : $"{head}; not forecast to run out before the reset";
        }
        else
        {
            yield return "quota: the service's policy has no daily quota";
        }

        if (d.LastRun is { FailingSince: { } since, Failure: { } why })
        {
            yield return $"failing since {since.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture)} ({Figures.Ago(since, now)}): {why}";
        }

        if (d.LastRun is { } run)
        {
            var when = run.At is { } at ? Figures.Ago(at, now) : "at an unknown time";
            yield return $"last run {when}: {(run.Batches == 1 ? "1 batch" : $"{Figures.Count(run.Batches)} batches")}, {Figures.Count(run.Exported)} exported, {Figures.Count(run.Deleted)} deleted, "
                + $"{Figures.Count(run.RetryLater)} to retry, {Figures.Count(run.Failed)} failed; {Calls(run)}, {Figures.Count(run.RateLimitErrors)} rate-limit errors";
            if (run.Held is { } held)
            {
                yield return $"held: {held}";
            }

            if (run.FirstFailure is { } failure)
            {
                yield return $"first failure: {failure}";
            }
        }
        else
        {
            yield return "last run: none yet";
        }

        if (d.AdoptedAt is { } adopted)
        {
            yield return $"lists adopted {Figures.Ago(adopted, now)}: {string.Join(", ", d.AdoptedLists ?? [])}";
        }

        if (d.DeadLetters > 0)
        {
            yield return $"dead letters: {Figures.Count(d.DeadLetters)}; `highwater deadletters list --destination {d.Name}` shows them";
        }

        if (d.KeyConflicts > 0)
        {
            yield return $"key conflicts: {Figures.Count(d.KeyConflicts)} profile(s) wait for an address another record holds; each goes back to the outbox when the holder leaves it (`highwater deadletters list --destination {d.Name} --reason \"is held by\"`)";
        }

        foreach (var shared in d.SharedKeys)
        {
            yield return $"duplicate in the source: {shared.Key} is shared by profiles {string.Join(", ", shared.Profiles)}; one record holds it, the others are rejected";
        }

        if (d.SharedKeys.Count >= StatusReader.MaxSharedKeys)
        {
            yield return $"(the first {StatusReader.MaxSharedKeys} duplicates only)";
        }
    }

    // Beside the quota used, which counts both: "8 calls and 7 metadata calls".
    private static string Calls(StatusJsonLastRun run) =>
        run.MetadataCalls is > 0 and var metadata
            ? $"{Figures.Count(run.Calls)} calls and {Figures.Count(metadata)} metadata calls"
            : $"{Figures.Count(run.Calls)} calls";

    private static string Waiting(StatusJsonOutbox outbox) =>
        outbox.Backfill == 0 ? Figures.Count(outbox.Total) : $"{Figures.Count(outbox.Total)} ({Figures.Count(outbox.Live)} live, {Figures.Count(outbox.Backfill)} backfill)";

    private static TimeZoneInfo Zone(string id) =>
        TimeZoneInfo.TryFindSystemTimeZoneById(id, out var zone) ? zone : TimeZoneInfo.Utc;
}
