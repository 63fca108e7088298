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
}
