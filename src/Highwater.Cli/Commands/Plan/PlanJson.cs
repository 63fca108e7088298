using System.Text.Json;
using Highwater.Core.Planning;
using Highwater.Engine.DryRuns;
using Highwater.Storage.Marks;
using Spectre.Console;

namespace Highwater.Cli.Commands.Plan;

/// <summary>The <c>--json</c> output of <c>plan</c>: one document, the same figures as the text, unrounded. docs/commands.md describes each field.</summary>
internal sealed record PlanJson(
    string Config,
    DateTimeOffset At,
    string Store,
    bool Polled,
    string? NotPolledReason,
    IReadOnlyList<PlanJsonSource> Sources,
    PlanJsonGroupRefresh? GroupRefresh,
    IReadOnlyList<PlanJsonDestination> Destinations)
{
    public static PlanJson From(string path, DryRunReport report) => new(
        path,
        report.At,
        report.Store,
        report.Polled,
        report.NotPolledReason,
        [.. report.Polls.Select(p => new PlanJsonSource(
            p.Source,
            Mark(report.MarksBefore.GetValueOrDefault(p.Source)),
            Mark(p.Mark),
            p.RowsRead,
            p.RowsUnchanged,
            p.ProfilesChanged,
            p.Vanished,
            p.OutboxWritten,
            p.Coalesced))],
        report.GroupRefresh is { } refresh ? new PlanJsonGroupRefresh(refresh.ProfilesChanged, refresh.OutboxWritten) : null,
        [.. report.Destinations.Select(d => PlanJsonDestination.From(d, report.At))]);

    public static void Write(IAnsiConsole console, string path, DryRunReport report) =>
        console.Profile.Out.Writer.WriteLine(JsonSerializer.Serialize(From(path, report), PlanJsonContext.Default.PlanJson));

    internal static PlanJsonMark? Mark(SourceMark? mark) => mark is null ? null : new(mark.Mark, mark.Key);

    internal static string Name(Disposition disposition) => JsonNamingPolicy.CamelCase.ConvertName(disposition.ToString());
}
