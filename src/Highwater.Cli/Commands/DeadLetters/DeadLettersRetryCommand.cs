using Highwater.Cli.Commands.Shared;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Highwater.Cli.Commands.DeadLetters;

/// <summary><c>highwater deadletters retry</c>: moves the matching dead letters back to their destinations' outboxes (live lane) and says how many.</summary>
internal sealed class DeadLettersRetryCommand(IAnsiConsole console) : AsyncCommand<DeadLettersSettings>
{
    public override async Task<int> ExecuteAsync(CommandContext context, DeadLettersSettings settings, CancellationToken cancellationToken)
    {
        await using var scope = await DeadLettersScope.OpenAsync(settings, TimeProvider.System, cancellationToken);
        var moved = await scope.Store.DeadLetters.RetryAsync(scope.Filter, cancellationToken);
        if (settings.Json)
        {
            DeadLettersJson.Write(console, new DeadLettersJson(settings.Config, "retry", DeadLettersJson.FilterOf(scope.Filter), moved, null, null));
        }
        else
        {
            console.Line(moved == 0
                ? "No dead letters match: nothing was moved."
                : $"Moved {Figures.Count(moved)} dead letter(s) back to the outbox; the next sync or run exports them.");
        }

        return ExitCodes.Success;
    }
}
