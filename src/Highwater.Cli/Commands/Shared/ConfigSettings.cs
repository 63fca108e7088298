using System.ComponentModel;
using Spectre.Console.Cli;

namespace Highwater.Cli.Commands.Shared;

/// <summary>The settings of every command that works on a configuration.</summary>
internal class ConfigSettings : CommonSettings
{
    [CommandOption("-c|--config <FILE>")]
    [Description("The configuration file.")]
    [DefaultValue("highwater.yaml")]
    public string Config { get; init; } = "highwater.yaml";
}
