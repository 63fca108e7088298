using Spectre.Console.Cli;

namespace Highwater.Cli.Commands.DeadLetters;

/// <summary>
/// <c>highwater deadletters</c> without a verb: a wrong command line (exit 2, as the README says),
/// naming the verbs, rather than help and exit 1.
/// </summary>
internal sealed class DeadLettersVerbMissingCommand : Command<DeadLettersSettings>
{
    public override int Execute(CommandContext context, DeadLettersSettings settings, CancellationToken cancellationToken) =>
        throw new UsageException("deadletters needs a verb: list, retry or discard (highwater deadletters --help shows them)");
}
