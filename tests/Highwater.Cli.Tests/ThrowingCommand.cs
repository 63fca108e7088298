using Spectre.Console.Cli;

namespace Highwater.Cli.Tests;

/// <summary>A verb that fails the way it is told to, for the application's failure handling.</summary>
internal sealed class ThrowingCommand : Command<ThrowingCommand.Settings>
{
    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken) =>
        throw (settings.Usage ? new UsageException("--thing: rejected by the engine") : new InvalidOperationException("the engine broke"));

    internal sealed class Settings : CommandSettings
    {
        [CommandOption("--usage")]
        public bool Usage { get; init; }
    }
}
