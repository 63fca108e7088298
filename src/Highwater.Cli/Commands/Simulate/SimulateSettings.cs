using Highwater.Cli.Commands.Shared;
using Highwater.Simulators;
using System.ComponentModel;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Highwater.Cli.Commands.Simulate;

/// <summary>The options of <c>highwater simulate</c>.</summary>
internal sealed class SimulateSettings : CommonSettings
{
    [CommandArgument(0, "<SERVICE>")]
    [Description("The service to simulate, named as a destination's kind (marketo, ...); an unknown name lists them all.")]
    public string Service { get; init; } = "";

    [CommandOption("--port <N>")]
    [Description("The port on 127.0.0.1; 0 picks a free one.")]
    [DefaultValue(0)]
    public int Port { get; init; }

    [CommandOption("--daily-quota <N>")]
    [Description("The daily call quota to enforce instead of the service's default (its connector page under docs/connectors gives it; for a service that publishes none, a contract's daily limit).")]
    public long? DailyQuota { get; init; }

    [CommandOption("--quiet")]
    [Description("Do not log each request.")]
    public bool Quiet { get; init; }

    public override ValidationResult Validate()
    {
        if (!SimulatorModules.TryGet(Service, out _))
        {
            return ValidationResult.Error($"SERVICE must be one of {string.Join(", ", SimulatorModules.Services)} (was '{Service}')");
        }

        if (Port is < 0 or > 65535)
        {
            return ValidationResult.Error($"--port must be 0..65535 (was {Port})");
        }

        return DailyQuota is < 1 ? ValidationResult.Error($"--daily-quota must be at least 1 (was {DailyQuota})") : ValidationResult.Success();
    }
}
