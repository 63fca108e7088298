using Highwater.Cli.Commands.Shared;
using System.ComponentModel;
using Spectre.Console.Cli;

namespace Highwater.Cli.Commands.Validate;

/// <summary>The options of <c>highwater validate</c>.</summary>
internal sealed class ValidateSettings : CommonSettings
{
    [CommandOption("-c|--config <FILE>")]
    [Description("The configuration file.")]
    [DefaultValue("highwater.yaml")]
    public string Config { get; init; } = "highwater.yaml";

    [CommandOption("--connect")]
    [Description("Also connect: every source (its table or query and columns) and every destination (signs in; where the service describes its fields, Marketo, checks every mapped field exists). Destinations get metadata calls only.")]
    public bool Connect { get; init; }
}
