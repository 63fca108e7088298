using Highwater.Cli.Commands.Shared;
using System.ComponentModel;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Highwater.Cli.Commands.Simulate;

/// <summary>The options of <c>highwater simulate</c>.</summary>
internal sealed class SimulateSettings : CommonSettings
{
    public static readonly string[] Services = ["marketo", "salesforce", "pardot", "eloqua"];

    [CommandArgument(0, "<SERVICE>")]
    [Description("The service to simulate: marketo, salesforce, pardot or eloqua.")]
    public string Service { get; init; } = "";

    [CommandOption("--port <N>")]
    [Description("The port on 127.0.0.1; 0 picks a free one.")]
    [DefaultValue(0)]
    public int Port { get; init; }

    [CommandOption("--daily-quota <N>")]
    [Description("The daily quota (Marketo, 50,000; Pardot, 25,000), the rolling 24-hour allocation (Salesforce, 100,000), or a contract's daily call limit (Eloqua: none unless set).")]
    public long? DailyQuota { get; init; }

    [CommandOption("--quiet")]
    [Description("Do not log each request.")]
    public bool Quiet { get; init; }

    public override ValidationResult Validate()
    {
        if (!Services.Contains(Service, StringComparer.Ordinal))
        {
            return ValidationResult.Error($"SERVICE must be one of {string.Join(", ", Services)} (was '{Service}')");
        }

        if (Port is < 0 or > 65535)
        {
            return ValidationResult.Error($"--port must be 0..65535 (was {Port})");
        }

        return DailyQuota is < 1 ? ValidationResult.Error($"--daily-quota must be at least 1 (was {DailyQuota})") : ValidationResult.Success();
    }
}
