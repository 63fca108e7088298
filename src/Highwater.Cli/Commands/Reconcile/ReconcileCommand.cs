using Highwater.Cli.Commands.Shared;
using Highwater.Engine.Reconciling;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Highwater.Cli.Commands.Reconcile;

/// <summary>
/// <c>highwater reconcile</c>: reads the remote records of the selected profiles, lists every way
/// they differ from the buffer, and (unless <c>--dry-run</c>) repairs them with one export pass in
/// the backfill lane. Non-zero when a destination could not be read or a repair did not complete.
/// </summary>
internal sealed class ReconcileCommand(IAnsiConsole console) : AsyncCommand<ReconcileSettings>
{
    /// <summary>Differences printed one per line before the rest are only counted.</summary>
    private const int MaxLines = 200;

    public override async Task<int> ExecuteAsync(CommandContext context, ReconcileSettings settings, CancellationToken cancellationToken)
    {
        var config = EngineSession.Load(settings.Config);
        if (settings.Destination is { } name && !config.Destinations.ContainsKey(name))
        {
            throw new UsageException($"--destination: no destination is named '{name}' (known: {string.Join(", ", config.Destinations.Keys)})");
        }

        using var logging = EngineSession.Logging(settings);
        await using var engine = await EngineSession.OpenAsync(config, logging, cancellationToken);
        var reports = new List<ReconcileReport>();
        foreach (var destination in engine.Destinations.Where(d => settings.Destination is null || d.Name == settings.Destination))
        {
            reports.Add(await new Reconciler(engine, destination).RunAsync(settings.KeyList, settings.DryRun, cancellationToken));
        }

        var failed = reports.Any(r => r.Failed);
        if (settings.Json)
        {
            console.Profile.Out.Writer.WriteLine(ReconcileJson.Write(reports));
            return failed ? ExitCodes.Failure : ExitCodes.Success;
        }

        foreach (var report in reports)
        {
            Write(report);
        }

        return failed ? ExitCodes.Failure : ExitCodes.Success;
    }

    private void Write(ReconcileReport report)
    {
        var quota = report.QuotaLeft is { } left ? $", {left:N0} of today's quota left before reading ({Markup.Escape(report.QuotaWindow ?? "daily")})" : "";
        console.Line($"[bold]{Markup.Escape(report.Destination)}[/] ({Markup.Escape(report.Kind)}): {report.Profiles:N0} profiles compared; reads planned: at most {report.PlannedReadCalls:N0} calls{quota}");
        if (report.ReadCalls.Count > 0)
        {
            console.Line($"  read calls made: {Calls(report.ReadCalls)}");
        }

        if (report.Error is { } error)
        {
            console.Line($"  [red]Error:[/] {Markup.Escape(error)}");
            return;
        }

        if (report.Differences.Count == 0)
        {
            console.Line("  [green]No differences.[/]");
            return;
        }

        console.Line($"  {report.Differences.Count:N0} differences{(report.DryRun ? " (dry run: nothing was changed)" : "")}:");
        foreach (var difference in report.Differences.Take(MaxLines))
        {
            var note = difference.Note is null ? "" : $" ({difference.Note})";
            console.Line($"    {State(difference.State)} {Markup.Escape(difference.Describe() + note)}");
        }

        if (report.Differences.Count > MaxLines)
        {
            console.Line($"    ... and {report.Differences.Count - MaxLines:N0} more (--json lists them all)");
        }

        if (!report.DryRun)
        {
            console.Line($"  write calls made: {(report.WriteCalls.Count == 0 ? "none" : Calls(report.WriteCalls))}");
            var leftAlone = report.Differences.Count(d => d.State == FixState.Left);
            console.Line(report.FailedFixes > 0
                ? $"  [red]{report.Fixed:N0} fixed, {report.FailedFixes:N0} not fixed[/], {leftAlone:N0} left as they are."
                : $"  [green]{report.Fixed:N0} fixed[/], {leftAlone:N0} left as they are.");
        }
    }

    private static string State(FixState state) => state switch
    {
        FixState.Fixed => "[green]fixed [/]",
        FixState.Failed => "[red]failed[/]",
        FixState.Left => "[yellow]left  [/]",
        _ => "found ",
    };

    private static string Calls(IReadOnlyDictionary<string, long> calls) =>
        string.Join(", ", calls.Select(c => $"{Markup.Escape(c.Key)} {c.Value:N0}")) + $" ({calls.Values.Sum():N0} in all)";
}
