using Highwater.Engine.Configuration;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Highwater.Cli.Commands.Validate;

/// <summary>
/// <c>highwater validate [--config FILE]</c>: reads the configuration and prints <b>every</b>
/// problem at once, one line each with its file, line and setting
/// (<c>highwater.yaml:14 destinations.marketo.batchSize: must be 1..300 (was 500)</c>).
/// Connects to nothing. Exits 0 when the file is sound, 3 when it has problems.
/// </summary>
internal sealed class ValidateCommand(IAnsiConsole console) : Command<ValidateSettings>
{
    public override int Execute(CommandContext context, ValidateSettings settings, CancellationToken cancellationToken)
    {
        var result = ConfigLoader.Load(settings.Config);
        if (result.Config is not { } config)
        {
            foreach (var problem in result.Problems)
            {
                // One line per problem, never wrapped, so it greps and pastes whole. The loader never puts a secret's value into one.
                console.Profile.Out.Writer.WriteLine(problem.ToString());
            }

            console.MarkupLineInterpolated($"[red]{result.Problems.Count} problem(s)[/] in {settings.Config}");
            return ExitCodes.InvalidConfig;
        }

        console.MarkupLineInterpolated($"[green]{settings.Config} is valid:[/] {config.Sources.Count} source(s), {config.Groups.Count} group(s), {config.Destinations.Count} destination(s); the buffer is {config.Store.Kind} at {config.Store.Connection}");
        return ExitCodes.Success;
    }
}
