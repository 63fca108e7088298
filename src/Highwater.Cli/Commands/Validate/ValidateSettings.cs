using System.ComponentModel;
using Spectre.Console.Cli;

namespace Highwater.Cli.Commands.Validate;

/// <summary>The options of <c>highwater validate</c>.</summary>
internal sealed class ValidateSettings : CommandSettings
{
    [CommandOption("-c|--config <FILE>")]
    [Description("The configuration file.")]
    [DefaultValue("highwater.yaml")]
    public string Config { get; init; } = "highwater.yaml";

    [CommandOption("--connect")]
    [Description("Also connect to every source and check its table or query and columns (calls no service).")]
    public bool Connect { get; init; }
}
