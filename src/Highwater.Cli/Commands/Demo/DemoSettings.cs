using Highwater.Cli.Commands.Shared;
using Highwater.Simulators;
using System.ComponentModel;
using Spectre.Console.Cli;

namespace Highwater.Cli.Commands.Demo;

/// <summary>The settings of <c>demo</c>.</summary>
internal sealed class DemoSettings : CommonSettings
{
    [CommandOption("--service <SERVICE>")]
    [Description("The service whose simulator the demo exports to: any `highwater simulate` runs.")]
    [DefaultValue("marketo")]
    public string Service { get; init; } = "marketo";

    [CommandOption("--users <N>")]
    [Description("Users the sample database starts with.")]
    [DefaultValue(10_000)]
    public int Users { get; init; } = 10_000;

    [CommandOption("--keep <FOLDER>")]
    [Description("Build the project in FOLDER and keep it (the buffer, the sample database, highwater.yaml) instead of a temporary folder removed at the end.")]
    public string? Keep { get; init; }

    [CommandOption("--json")]
    [Description("Print the phases as one JSON document.")]
    public bool Json { get; init; }

    public override Spectre.Console.ValidationResult Validate() =>
        !SimulatorModules.TryGet(Service, out _)
            ? Spectre.Console.ValidationResult.Error($"--service must be one of {string.Join(", ", SimulatorModules.Services)} (was '{Service}')")
            : Users is < 10 or > 1_000_000
            ? Spectre.Console.ValidationResult.Error($"--users must be 10..1000000 (was {Users})")
            : Spectre.Console.ValidationResult.Success();
}
