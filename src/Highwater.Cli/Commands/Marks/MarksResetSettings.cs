using System.ComponentModel;
using Spectre.Console.Cli;

namespace Highwater.Cli.Commands.Marks;

/// <summary><c>highwater marks reset SOURCE [--to MARK]</c>.</summary>
internal sealed class MarksResetSettings : MarksSettings
{
    [CommandArgument(0, "<SOURCE>")]
    [Description("The source whose mark to move, as named under sources: in the configuration.")]
    public string Source { get; init; } = "";

    [CommandOption("--to <MARK>")]
    [Description("Where the next poll starts: a timestamp (ISO 8601, UTC unless an offset is given: 2026-12-01, 2026-12-01T09:30:00Z) or, for an integer mark, a number. Rows at this mark are read again. Default: the start, so every row is read again.")]
    public string? To { get; init; }
}
