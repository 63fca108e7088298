using System.Globalization;
using Highwater.Core.Text;
using Highwater.Engine.Running;
using Spectre.Console;

namespace Highwater.Cli.Commands.Shared;

/// <summary>How <c>sync</c> and <c>demo</c> show what an export pass did: a table when the output is a terminal, plain lines otherwise.</summary>
internal static class ExportSummary
{
    /// <summary>The call kinds in the order a batch makes them.</summary>
    public static readonly string[] Steps = ["lookup", "delete", "update", "create", "upsert", "listAdd", "listRemove", "listUpdate"];

    public static void Write(IAnsiConsole console, ExportPassReport pass)
    {
        if (pass.Error is { } error)
        {
            console.Line($"[red]{Markup.Escape(error)}[/]");
            return;
        }

        var calls = string.Join(", ", Steps.Where(pass.Calls.ContainsKey).Select(step => $"{step} {pass.Calls[step]:N0}"));
        var lines = new List<(string Label, string Value)>
        {
            ("profiles exported", $"{pass.Exported:N0} written, {pass.Deleted:N0} deleted, {pass.Skipped:N0} unchanged or skipped"),
            ("failed", $"{pass.Rejected + pass.GaveUp:N0} rejected (dead letters), {pass.RetryLater:N0} to retry"),
            ("API calls", $"{pass.DataCalls:N0} in {(pass.Batches == 1 ? "1 batch" : $"{pass.Batches:N0} batches")}{(calls.Length > 0 ? $": {calls}" : "")}; {pass.MetadataCalls:N0} metadata"),
            ("one call per user", pass.UnbatchedCalls > 0 ? $"{pass.UnbatchedCalls:N0} calls ({Ratio(pass.UnbatchedCalls, pass.DataCalls)} what batching spent)" : "-"),
            ("rate-limit errors", pass.RateLimitErrors.ToString("N0", CultureInfo.InvariantCulture)),
            ("still waiting", pass.Waiting == 0 ? "0" : $"{pass.Waiting:N0}{(pass.HeldReason is { } held ? $": {held}" : "")}"),
            ("time", DurationText.Format(pass.Elapsed)),
        };

        if (console.IsTerminal())
        {
            var table = new Table().Title($"[bold]{Markup.Escape(pass.Destination)}[/] ({Markup.Escape(pass.Kind)})").AddColumn("").AddColumn("");
            table.HideHeaders();
            foreach (var (label, value) in lines)
            {
                table.AddRow(Markup.Escape(label), Markup.Escape(value));
            }

            console.Write(table);
        }
        else
        {
            foreach (var (label, value) in lines)
            {
                console.Profile.Out.Writer.WriteLine($"{pass.Destination}: {label}: {value}");
            }
        }

        if (pass.Stopped is { } stopped)
        {
            console.Line($"[red]{Markup.Escape(stopped)}[/]");
        }

        foreach (var failure in pass.Failures)
        {
            console.Line($"[yellow]{Markup.Escape(pass.Destination)}: {Markup.Escape(failure)}[/]");
        }

        if (pass.Rejected + pass.GaveUp > pass.Failures.Count)
        {
            console.Line($"... and {pass.Rejected + pass.GaveUp - pass.Failures.Count:N0} more: highwater deadletters list --destination {Markup.Escape(pass.Destination)}");
        }
    }

    private static string Ratio(long naive, long calls) =>
        calls == 0 ? "none of" : string.Create(CultureInfo.InvariantCulture, $"{(double)naive / calls:N1} times");
}
