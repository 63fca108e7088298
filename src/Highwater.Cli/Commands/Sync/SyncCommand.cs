using Highwater.Cli.Commands.Shared;
using Highwater.Core.Text;
using Highwater.Engine.Running;
using Highwater.Sources.Polling;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Highwater.Cli.Commands.Sync;

/// <summary>
/// <c>highwater sync</c>: one pass — poll every source into the buffer, export everything due to
/// every destination, exit. Non-zero when a profile failed (rejected, given up, or left to retry)
/// or a service answered a rate-limit error.
/// </summary>
internal sealed class SyncCommand(IAnsiConsole console) : AsyncCommand<SyncSettings>
{
    public override async Task<int> ExecuteAsync(CommandContext context, SyncSettings settings, CancellationToken cancellationToken)
    {
        var config = EngineSession.Load(settings.Config);
        using var logging = EngineSession.Logging(settings);
        await using var engine = await EngineSession.OpenAsync(config, logging, cancellationToken);
        var plain = !settings.Json && !console.IsTerminal();
        var report = settings.Json || plain
            ? await engine.SyncOnceAsync(plain ? new PlainPollLines(console) : null, plain ? new PlainExportLines(console) : null, cancellationToken)
            : await SyncWithProgressAsync(engine, cancellationToken);

        var failed = report.Failed || report.Exports.Any(e => e.RetryLater > 0);
        if (settings.Json)
        {
            console.Profile.Out.Writer.WriteLine(SyncJson.Write(report));
            return failed ? ExitCodes.Failure : ExitCodes.Success;
        }

        // Plain output said each poll as it ended (PlainPollLines); a terminal's progress bars did not say it all.
        foreach (var poll in plain ? [] : report.Polls)
        {
            console.Line(Markup.Escape(PollLine(poll)));
            foreach (var warning in MarkHealthText.Lines(poll.Health, poll.Source))
            {
                console.Line($"[yellow]{Markup.Escape(poll.Source)}:[/] {Markup.Escape(warning)}");
            }
        }

        foreach (var pass in report.Exports)
        {
            ExportSummary.Write(console, pass);
        }

        console.Line(failed ? "[red]Some profiles failed; see above.[/]" : $"[green]Synced[/] in {DurationText.Format(report.Elapsed)}.");
        return failed ? ExitCodes.Failure : ExitCodes.Success;
    }

    /// <summary>What one poll did, in one line.</summary>
    private static string PollLine(PollReport poll)
    {
        var waiting = poll.WaitingForPrimary > 0 ? $", waiting for primary: {poll.WaitingForPrimary:N0}" : "";
        return $"{poll.Source}: {poll.RowsRead:N0} rows read, {poll.ProfilesChanged:N0} profiles changed, {poll.OutboxWritten:N0} exports queued ({poll.Coalesced:N0} coalesced with waiting ones){waiting}";
    }

    /// <summary>The progress bars, timed on the engine's clock: the pass's whole duration, polls and every export.</summary>
    private async Task<SyncReport> SyncWithProgressAsync(HighwaterEngine engine, CancellationToken cancellationToken)
    {
        var started = engine.Time.GetTimestamp();
        var report = await ProgressAsync(engine, cancellationToken);
        return report with { Elapsed = engine.Time.GetElapsedTime(started) };
    }

    /// <summary>A progress bar per destination with rows exported, calls and rate; a spinner per source poll.</summary>
    private Task<SyncReport> ProgressAsync(HighwaterEngine engine, CancellationToken cancellationToken) =>
        console.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new SpinnerColumn())
            .StartAsync(async progress =>
            {
                var polls = new List<PollReport>();
                foreach (var source in engine.Sources)
                {
                    var task = progress.AddTask($"poll {Markup.Escape(source)}").IsIndeterminate();
                    var poll = await engine.PollSourceAsync(source, cancellationToken);
                    polls.Add(poll);
                    task.Description = $"poll {Markup.Escape(source)}: {poll.RowsRead:N0} rows, {poll.ProfilesChanged:N0} changed";
                    task.IsIndeterminate(false).MaxValue(1).Value(1).StopTask();
                }

                var refresh = await engine.RefreshGroupsAsync(cancellationToken);
                var exports = new List<ExportPassReport>();
                foreach (var destination in engine.Destinations)
                {
                    var waiting = (await engine.Store.Outbox.DepthAsync(destination.Name, null, cancellationToken)).Waiting;
                    var task = progress.AddTask($"export {Markup.Escape(destination.Name)}", maxValue: Math.Max(1, waiting));
                    var pass = await engine.ExportAsync(destination, int.MaxValue, new Progress<ExportPassReport>(p =>
                    {
                        var rate = p.Elapsed.TotalSeconds > 0 ? p.Rows / p.Elapsed.TotalSeconds : 0;
                        task.Value = Math.Min(task.MaxValue, p.Rows);
                        task.Description = $"export {Markup.Escape(destination.Name)}: {p.Rows:N0}/{waiting:N0} rows, {p.DataCalls:N0} calls, {rate:N0} rows/s";
                    }), cancellationToken);
                    task.Value = task.MaxValue;
                    task.StopTask();
                    exports.Add(pass);
                }

                return new SyncReport { Polls = polls, GroupRefresh = refresh, Exports = exports };
            });

    /// <summary>Plain progress lines for logs.</summary>
    private sealed class PlainPollLines(IAnsiConsole console) : IProgress<PollReport>
    {
        public void Report(PollReport value)
        {
            console.Profile.Out.Writer.WriteLine(PollLine(value));
            foreach (var warning in MarkHealthText.Lines(value.Health, value.Source))
            {
                console.Profile.Out.Writer.WriteLine($"{value.Source}: {warning}");
            }
        }
    }

    /// <summary>A line per batch exported (a report that adds no batch, such as a held one, prints nothing).</summary>
    private sealed class PlainExportLines(IAnsiConsole console) : IProgress<ExportPassReport>
    {
        private readonly Dictionary<string, int> _printed = new(StringComparer.Ordinal);

        public void Report(ExportPassReport value)
        {
            if (value.Batches > _printed.GetValueOrDefault(value.Destination))
            {
                _printed[value.Destination] = value.Batches;
                console.Profile.Out.Writer.WriteLine($"export {value.Destination}: batch {value.Batches:N0} done, {value.Rows:N0} rows and {value.DataCalls:N0} calls so far");
            }
        }
    }
}
