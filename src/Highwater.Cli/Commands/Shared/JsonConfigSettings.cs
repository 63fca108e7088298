using System.ComponentModel;
using Spectre.Console.Cli;

namespace Highwater.Cli.Commands.Shared;

/// <summary>Configuration settings plus <c>--json</c>.</summary>
internal class JsonConfigSettings : ConfigSettings
{
    [CommandOption("--json")]
    [Description("Print one JSON document instead of tables, for scripts.")]
    public bool Json { get; init; }
}
