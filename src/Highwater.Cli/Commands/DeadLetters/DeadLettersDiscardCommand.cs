using Highwater.Cli.Commands.Shared;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Highwater.Cli.Commands.DeadLetters;

/// <summary><c>highwater deadletters discard</c>: drops the matching dead letters for good and says how many.</summary>
internal sealed class DeadLettersDiscardCommand(IAnsiConsole console) : AsyncCommand<DeadLettersSettings>
{
    public override async Task<int> ExecuteAsync(CommandContext context, DeadLettersSettings settings, CancellationToken cancellationToken)
    {
        await using var scope = await DeadLettersScope.OpenAsync(settings, TimeProvider.System, cancellationToken);
        var dropped = await scope.Store.DeadLetters.DiscardAsync(scope.Filter, cancellationToken);
        if (settings.Json)
        {
            DeadLettersJson.Write(console, new DeadLettersJson(settings.Config, "discard", DeadLettersJson.FilterOf(scope.Filter), dropped, null, null));
        }
        else
        {
            console.Line(dropped == 0
                ? "No dead letters match: nothing was discarded."
                : $"Discarded {Figures.Count(dropped)} dead letter(s).");
        }

        return ExitCodes.Success;
    }
}
