using System.ComponentModel;
using Highwater.Cli.Commands.Shared;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Highwater.Cli.Commands.Reconcile;

/// <summary>The options of <c>highwater reconcile</c>.</summary>
internal sealed class ReconcileSettings : JsonConfigSettings
{
    [CommandOption("-d|--destination <NAME>")]
    [Description("Only this destination (every destination when left out).")]
    public string? Destination { get; init; }

    [CommandOption("--keys <KEYS>")]
    [Description("Only these profiles, by profile key, comma-separated.")]
    public string? Keys { get; init; }

    [CommandOption("--all")]
    [Description("Every profile (what happens without --keys too).")]
    public bool All { get; init; }

    [CommandOption("--dry-run")]
    [Description("Only read and list the differences; change nothing.")]
    public bool DryRun { get; init; }

    /// <summary>The profile keys <c>--keys</c> names, or null for every profile.</summary>
    public IReadOnlyList<string>? KeyList => Keys?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    public override ValidationResult Validate()
    {
        if (Keys is not null && All)
        {
            return ValidationResult.Error("--keys and --all exclude each other: name the profiles, or take them all");
        }

        return Keys is not null && KeyList!.Count == 0
            ? ValidationResult.Error("--keys needs at least one profile key (K1,K2,...)")
            : ValidationResult.Success();
    }
}
