using Highwater.Cli.Commands.Shared;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Highwater.Cli.Commands.DeadLetters;

/// <summary><c>highwater deadletters discard</c>: drops the matching dead letters for good and says how many.</summary>
internal sealed class DeadLettersDiscardCommand(IAnsiConsole console) : AsyncCommand<DeadLettersDiscardSettings>
{
    public override async Task<int> ExecuteAsync(CommandContext context, DeadLettersDiscardSettings settings, CancellationToken cancellationToken)
    {
        // Dropping for good is not undone: every dead letter of every destination only when asked in so many words.
        if (settings is { Destination: null, Reason: null, From: null, To: null, All: false })
        {
            throw new UsageException("discard without --destination, --reason, --from or --to would drop every dead letter for good: narrow it, or say --all");
        }

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
