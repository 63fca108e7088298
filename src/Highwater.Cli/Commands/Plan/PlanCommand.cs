using Highwater.Cli.Commands.Shared;
using Highwater.Engine.DryRuns;
using Highwater.Engine.Running;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Highwater.Cli.Commands.Plan;

/// <summary>
/// <c>highwater plan [--config FILE] [--json]</c>: a dry run. It polls the sources into a
/// throwaway copy of the SQLite buffer (on PostgreSQL it reads what already waits, and says so),
/// then shows for each destination the rows waiting, the planner's calls by step, what one call per
/// user would have cost, a pending list adoption, and whether it all fits in the quota left today.
/// No service is called, no mark moves, the real outbox is untouched.
/// </summary>
internal sealed class PlanCommand(IAnsiConsole console) : AsyncCommand<PlanSettings>
{
    public override async Task<int> ExecuteAsync(CommandContext context, PlanSettings settings, CancellationToken cancellationToken)
    {
        var config = EngineSession.Load(settings.Config);
        using var logging = EngineSession.Logging(settings);
        var report = await DryRunner.RunAsync(config, new EngineOptions { LoggerFactory = logging }, cancellationToken);
        if (settings.Json)
        {
            PlanJson.Write(console, settings.Config, report);
        }
        else
        {
            PlanText.Write(console, settings.Config, report);
        }

        return ExitCodes.Success;
    }
}
