using System.Text.Json;
using Spectre.Console;

namespace Highwater.Cli.Commands.Status;

/// <summary>
/// What <c>status</c> reports, as its <c>--json</c> document and as the model its text is written
/// from: per source its mark, last poll and rows; per destination its outbox, quota, window, last
/// run and dead letters. docs/commands.md describes each field.
/// </summary>
internal sealed record StatusJson(
    string Config,
    DateTimeOffset At,
    StatusJsonStore Store,
    IReadOnlyList<StatusJsonSource> Sources,
    IReadOnlyList<StatusJsonDestination> Destinations)
{
    public static void Write(IAnsiConsole console, StatusJson status) =>
        console.Profile.Out.Writer.WriteLine(JsonSerializer.Serialize(status, StatusJsonContext.Default.StatusJson));
}
