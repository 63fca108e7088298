using Highwater.Cli.Commands.Shared;
using System.ComponentModel;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Highwater.Cli.Commands.Init;

/// <summary>The settings of <c>init</c>.</summary>
internal sealed class InitSettings : CommonSettings
{
    [CommandArgument(0, "[FOLDER]")]
    [Description("Where to make the project (created if missing; must be empty).")]
    public string Folder { get; init; } = ".";

    [CommandOption("--users <N>")]
    [Description("Users in the sample SQLite source.")]
    [DefaultValue(1_000)]
    public int Users { get; init; } = 1_000;

    [CommandOption("--base-url <URL>")]
    [Description("The Marketo REST base URL to export to (default: a simulator started with `highwater simulate marketo --port 8080`, http://127.0.0.1:8080/).")]
    public string? BaseUrl { get; init; }

    public const string DefaultBaseUrl = "http://127.0.0.1:8080/";

    public override ValidationResult Validate() =>
        Users is < 0 or > 10_000_000 ? ValidationResult.Error($"--users must be 0..10000000 (was {Users})")
        : BaseUrl is not null && (!Uri.TryCreate(BaseUrl, UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https")) ? ValidationResult.Error($"--base-url must be an http or https URL (was {BaseUrl})")
        : ValidationResult.Success();
}
