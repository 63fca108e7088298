using Highwater.Cli.Commands.Shared;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Highwater.Cli.Commands.DeadLetters;

/// <summary><c>highwater deadletters list</c>: the matching dead letters, oldest first, up to <c>--limit</c>.</summary>
internal sealed class DeadLettersListCommand(IAnsiConsole console) : AsyncCommand<DeadLettersListSettings>
{
    public override async Task<int> ExecuteAsync(CommandContext context, DeadLettersListSettings settings, CancellationToken cancellationToken)
    {
        var time = TimeProvider.System;
        await using var scope = await DeadLettersScope.OpenAsync(settings, time, cancellationToken);
        var found = await scope.Store.DeadLetters.ListAsync(scope.Filter, settings.Limit + 1, cancellationToken);
        var shown = found.Take(settings.Limit).ToList();
        var more = found.Count > settings.Limit;
        if (settings.Json)
        {
            DeadLettersJson.Write(console, new DeadLettersJson(
                settings.Config,
                "list",
                DeadLettersJson.FilterOf(scope.Filter),
                shown.Count,
                more,
                [.. shown.Select(l => new DeadLettersJsonLetter(l.Id, l.Destination, l.ProfileKey, l.Reason, l.Attempts, l.FailedAt))]));
            return ExitCodes.Success;
        }

        if (shown.Count == 0)
        {
            console.Line("No dead letters match.");
            return ExitCodes.Success;
        }

        var now = time.GetUtcNow();
        TextTable.Write(
            console,
            ["id", "destination", "profile", "failed", "attempts", "reason"],
            [.. shown.Select(l => (IReadOnlyList<string>)[
                l.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
                l.Destination,
                l.ProfileKey,
                $"{Figures.Time(l.FailedAt)} ({Figures.Ago(l.FailedAt, now)})",
                Figures.Count(l.Attempts),
                l.Reason])],
            1,
            2,
            3,
            5);
        console.Line(more
            ? $"The {Figures.Count(shown.Count)} oldest shown; more match: raise --limit or narrow the filter."
            : $"{Figures.Count(shown.Count)} dead letter(s).");
        return ExitCodes.Success;
    }
}
