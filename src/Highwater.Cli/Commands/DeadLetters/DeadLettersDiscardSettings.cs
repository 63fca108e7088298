using System.ComponentModel;
using Spectre.Console.Cli;

namespace Highwater.Cli.Commands.DeadLetters;

/// <summary>The settings of <c>deadletters discard</c>: the filter, and <c>--all</c> to drop every dead letter.</summary>
internal sealed class DeadLettersDiscardSettings : DeadLettersSettings
{
    [CommandOption("--all")]
    [Description("Discard every dead letter of every destination (needed when no filter is given).")]
    public bool All { get; init; }
}
