using System.ComponentModel;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Highwater.Cli.Commands.DeadLetters;

/// <summary>The options of <c>highwater deadletters list</c>: the filter, and how many to show.</summary>
internal sealed class DeadLettersListSettings : DeadLettersSettings
{
    [CommandOption("-n|--limit <N>")]
    [Description("Show at most this many, oldest first.")]
    [DefaultValue(100)]
    public int Limit { get; init; } = 100;

    public override ValidationResult Validate()
    {
        var result = base.Validate();
        if (Limit < 1)
        {
            var problem = $"--limit: must be at least 1 (was {Limit})";
            return ValidationResult.Error(result.Successful ? problem : $"{result.Message}\n{problem}");
        }

        return result;
    }
}
