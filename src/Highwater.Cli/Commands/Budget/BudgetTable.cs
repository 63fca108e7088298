using System.Globalization;
using Highwater.Core.Budget;
using Spectre.Console;

namespace Highwater.Cli.Commands.Budget;

/// <summary>
/// The human output of <c>highwater budget</c>: a header naming the service, batch shape and quota
/// (or, with none, the service's limits); a table of calls per step for the seed's algorithm and
/// Highwater's planner, their totals (and, with no quota, the seconds they take) and the rates the
/// quota or the limits allow; and a closing sentence comparing the two.
/// </summary>
/// <remarks>
/// At a terminal the table has a rounded border; written to a file or a pipe it is a Markdown table
/// and the text lines are not wrapped, so the output reads (and pastes) as plain text.
/// </remarks>
internal static class BudgetTable
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public static void Write(IAnsiConsole console, BudgetReport report)
    {
        console.Line($"[bold]{Markup.Escape(Shape(report))}[/]");
        console.Line(Markup.Escape(QuotaLine(report)));
        var rows = Rows(report);
        if (console.IsTerminal())
        {
            console.Write(Table(rows));
        }
        else
        {
            foreach (var line in Markdown(rows))
            {
                console.Line(Markup.Escape(line));
            }
        }

        console.Line(Markup.Escape(report.Quota is null ? TimedVerdict(report.Seed, report.Highwater) : Verdict(report.Seed, report.Highwater)));
    }

    /// <summary>"marketo: batches of 300 users in 5 groups; 10% deleted, ...".</summary>
    internal static string Shape(BudgetReport report)
    {
        var s = report.Scenario;
        var groups = s.Groups == 1 ? "1 group" : $"{Count(s.Groups)} groups";
        var shape = $"{report.Service}: batches of {Count(s.Users)} users in {groups}; "
            + $"{Percent(s.DeleteShare)} deleted, {Percent(s.CreateShare)} new, the rest updated; "
            + $"{Percent(s.KnownShare)} of deleted and updated users known to Highwater";
        return s.Groups == 0 ? shape : $"{shape}; per group {Shares(s.JoinShares)} join, {Shares(s.LeaveShares)} leave";
    }

    /// <summary>"50,000 calls a day, resetting at midnight US Central; 34.72 calls a minute on average".</summary>
    internal static string QuotaLine(BudgetReport report)
    {
        if (report.Quota is not { } quota)
        {
            return LimitsLine(report.Limits!);
        }

        var number = quota.CallsPerDay.ToString("N0", Invariant);

        // Core's sources read "50,000 a day, resetting ..."; name the unit after the number.
        var line = quota.Source.StartsWith(number + " ", StringComparison.Ordinal)
            ? $"{number} calls {quota.Source[(number.Length + 1)..]}"
            : $"{number} calls a day ({quota.Source})";
        var reserve = report.Reserve > 0 ? $"; {Percent(report.Reserve)} kept for other integrations leaves " : "; ";
        return $"Quota: {line}{reserve}{report.CallsPerMinute.ToString("N2", Invariant)} calls a minute on average";
    }

    /// <summary>"Limits: no daily quota; at most 10 calls at once, 1,000 calls in any 1 s; at 0.25 s a call, at most 40 calls a second (2,400 a minute)".</summary>
    internal static string LimitsLine(ServiceLimits limits)
    {
        var parts = new List<string>();
        if (limits.Concurrency is { } most)
        {
            parts.Add($"at most {Count(most)} calls at once");
        }

        parts.AddRange(limits.Windows.Select(w => $"{w.Calls.ToString("N0", Invariant)} calls in any {Seconds(w.Per.TotalSeconds)}"));
        var perSecond = limits.CallsPerSecond;
        return $"Limits: no daily quota; {string.Join(", ", parts)}; at {Seconds(limits.CallTime.TotalSeconds)} a call, "
            + $"at most {perSecond.ToString("#,0.##", Invariant)} calls a second ({(perSecond * 60).ToString("#,0.##", Invariant)} a minute)";
    }

    /// <summary>With no daily quota: how much cheaper Highwater's plan is, and how long each batch takes at the service's limits.</summary>
    internal static string TimedVerdict(CostColumn seed, CostColumn highwater)
    {
        var cost = highwater.Requests == seed.Requests
            ? $"Highwater's plan costs the same as the seed's: {Count(seed.Requests)} calls a batch"
            : highwater.Requests > seed.Requests
                ? $"Highwater's plan costs more than the seed's here: {Count(highwater.Requests)} calls a batch instead of {Count(seed.Requests)}"
                : $"Highwater's plan is {Percent(1 - ((double)highwater.Requests / seed.Requests))} cheaper than the seed's: {Count(highwater.Requests)} calls a batch instead of {Count(seed.Requests)}";
        return $"{cost}; at the service's limits they take {Seconds(highwater.SecondsPerBatch ?? 0)} a batch instead of {Seconds(seed.SecondsPerBatch ?? 0)}.";
    }

    /// <summary>How much cheaper Highwater's plan is than the seed's, in requests against the quota.</summary>
    internal static string Verdict(CostColumn seed, CostColumn highwater)
    {
        if (highwater.Requests == seed.Requests)
        {
            return $"Highwater's plan costs the same as the seed's: {Count(seed.Requests)} calls a batch.";
        }

        if (highwater.Requests > seed.Requests)
        {
            return $"Highwater's plan costs more than the seed's here: {Count(highwater.Requests)} calls a batch instead of {Count(seed.Requests)}.";
        }

        var saved = 1 - ((double)highwater.Requests / seed.Requests);
        var times = highwater.Requests == 0 ? "unlimited" : $"{((double)seed.Requests / highwater.Requests).ToString("0.##", Invariant)} times the";
        return $"Highwater's plan is {Percent(saved)} cheaper than the seed's: {Count(highwater.Requests)} calls a batch instead of {Count(seed.Requests)}, "
            + $"so the same quota carries {times} batches and users.";
    }

    /// <summary>The table as text: a header row, then one row per step, the total and the four rates.</summary>
    internal static List<string[]> Rows(BudgetReport report)
    {
        var (seed, highwater) = (report.Seed, report.Highwater);
        var rows = new List<string[]> { new[] { "calls per batch", seed.Name, highwater.Name } };
        rows.AddRange(StepNames(seed.Steps, highwater.Steps).Select(step => new[] { step, Cell(seed, step), Cell(highwater, step) }));
        rows.Add(["total", Total(seed), Total(highwater)]);
        if (report.Quota is null)
        {
            rows.Add(["seconds/batch", Rate(seed.SecondsPerBatch ?? 0), Rate(highwater.SecondsPerBatch ?? 0)]);
        }

        rows.Add(["batches/minute", Rate(seed.BatchesPerMinute), Rate(highwater.BatchesPerMinute)]);
        rows.Add(["users/minute", Rate(seed.UsersPerMinute), Rate(highwater.UsersPerMinute)]);
        rows.Add(["batches/day", Rate(seed.BatchesPerDay), Rate(highwater.BatchesPerDay)]);
        rows.Add(["users/day", Rate(seed.UsersPerDay), Rate(highwater.UsersPerDay)]);
        return rows;
    }

    private static Table Table(List<string[]> rows)
    {
        var table = new Table().Border(TableBorder.Rounded).AddColumn(Markup.Escape(rows[0][0]));
        foreach (var header in rows[0].Skip(1))
        {
            table.AddColumn(new TableColumn(Markup.Escape(header)).RightAligned());
        }

        var total = rows.FindIndex(row => row[0] == "total");
        for (var r = 1; r < rows.Count; r++)
        {
            if (r == total + 1)
            {
                table.AddEmptyRow();
            }

            table.AddRow([.. rows[r].Select(cell => r == total ? $"[bold]{Markup.Escape(cell)}[/]" : Markup.Escape(cell))]);
        }

        return table;
    }

    /// <summary>A Markdown table: plain text that lines up, and pastes into a document as it is.</summary>
    private static IEnumerable<string> Markdown(IReadOnlyList<string[]> rows)
    {
        var widths = Enumerable.Range(0, rows[0].Length).Select(c => rows.Max(row => row[c].Length)).ToArray();
        string Row(string[] row) => "| " + string.Join(" | ", row.Select((cell, c) => c == 0 ? cell.PadRight(widths[c]) : cell.PadLeft(widths[c]))) + " |";

        yield return Row(rows[0]);
        yield return "| " + string.Join(" | ", widths.Select((w, c) => c == 0 ? new string('-', w) : new string('-', w - 1) + ":")) + " |";
        foreach (var row in rows.Skip(1))
        {
            yield return Row(row);
        }
    }

    /// <summary>Both columns' steps in one order: the seed's, with Highwater's own steps after the step they follow.</summary>
    internal static IReadOnlyList<string> StepNames(IReadOnlyList<StepCost> seed, IReadOnlyList<StepCost> highwater)
    {
        var names = seed.Select(s => s.Step).ToList();
        var after = -1;
        foreach (var step in highwater)
        {
            var at = names.IndexOf(step.Step);
            if (at < 0)
            {
                at = after + 1;
                names.Insert(at, step.Step);
            }

            after = at;
        }

        return names;
    }

    private static string Cell(CostColumn column, string step) =>
        column.Steps.FirstOrDefault(s => s.Step == step) is { } cost ? Calls(cost.Calls, cost.Requests) : "-";

    private static string Total(CostColumn column) => Calls(column.Steps.Sum(s => s.Calls), column.Requests);

    // A call is one HTTP request, the unit the quota counts; where a step's operations take more
    // than one call each (a Pardot import job, a Salesforce removal that queries first), they follow.
    private static string Calls(int operations, int calls) =>
        operations == calls ? Count(calls) : $"{Count(calls)} ({Count(operations)} {(operations == 1 ? "operation" : "operations")})";

    private static string Count(int n) => n.ToString("N0", Invariant);

    private static string Rate(double rate) => double.IsPositiveInfinity(rate) ? "unlimited" : rate.ToString("N2", Invariant);

    private static string Seconds(double seconds) => seconds.ToString("#,0.###", Invariant) + " s";

    private static string Percent(double share) => (share * 100).ToString("0.##", Invariant) + "%";

    private static string Shares(IReadOnlyList<double> shares) => string.Join(", ", shares.Select(Percent));
}
