using System.ComponentModel;
using Highwater.Cli.Commands.Shared;
using Highwater.Storage.DeadLetters;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Highwater.Cli.Commands.DeadLetters;

/// <summary>The options every <c>highwater deadletters</c> verb shares: which dead letters it applies to.</summary>
internal class DeadLettersSettings : JsonConfigSettings
{
    [CommandOption("-d|--destination <NAME>")]
    [Description("Only this destination's dead letters.")]
    public string? Destination { get; init; }

    [CommandOption("--reason <TEXT>")]
    [Description("Only reasons containing this text (case-insensitive).")]
    public string? Reason { get; init; }

    [CommandOption("--from <TIME>")]
    [Description("Only those that failed at or after: ISO 8601 (2026-03-02T09:00:00Z; UTC unless an offset is given) or how long ago (2h, 7d).")]
    public string? From { get; init; }

    [CommandOption("--to <TIME>")]
    [Description("Only those that failed before: ISO 8601, or how long ago.")]
    public string? To { get; init; }

    /// <summary>The filter the options make, times read relative to <paramref name="now"/>; every problem at once.</summary>
    public DeadLetterFilter Filter(DateTimeOffset now, out IReadOnlyList<string> problems) => Filter(now, checkOrder: true, out problems);

    public override ValidationResult Validate()
    {
        // The times' form only: whether --from comes before --to depends on the clock when the command runs.
        Filter(new DateTimeOffset(2000, 1, 1, 0, 0, 0, TimeSpan.Zero), checkOrder: false, out var problems);
        return problems.Count == 0 ? ValidationResult.Success() : ValidationResult.Error(string.Join('\n', problems));
    }

    private DeadLetterFilter Filter(DateTimeOffset now, bool checkOrder, out IReadOnlyList<string> problems)
    {
        var found = new List<string>();
        DateTimeOffset? Read(string option, string? text)
        {
            if (text is null)
            {
                return null;
            }

            var at = TimeArgument.Parse(option, text, now, out var problem);
            if (problem is not null)
            {
                found.Add(problem);
            }

            return at;
        }

        var from = Read("--from", From);
        var to = Read("--to", To);
        if (checkOrder && from is { } f && to is { } t && f >= t)
        {
            found.Add($"--from ({Figures.Time(f)}) must be before --to ({Figures.Time(t)})");
        }

        if (Reason is { Length: 0 })
        {
            found.Add("--reason: give some text to look for");
        }

        problems = found;
        return new DeadLetterFilter(Destination, Reason, from, to);
    }
}
