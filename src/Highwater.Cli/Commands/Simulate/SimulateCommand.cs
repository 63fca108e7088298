using System.Net.Sockets;
using Highwater.Cli.Commands.Shared;
using Highwater.Simulators;
using Highwater.Simulators.Modules;
using Microsoft.Extensions.Logging;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Highwater.Cli.Commands.Simulate;

/// <summary>
/// <c>highwater simulate SERVICE [--port N]</c>: runs a service's simulator on 127.0.0.1 with the
/// real limits until Ctrl+C, and says where it listens, with which credentials, and how to drive
/// its <c>/_sim/</c> admin endpoints.
/// </summary>
internal sealed class SimulateCommand(IAnsiConsole console) : AsyncCommand<SimulateSettings>
{
    public override async Task<int> ExecuteAsync(CommandContext context, SimulateSettings settings, CancellationToken cancellationToken)
    {
        // Requests are logged through the CLI's factory, which redacts credentials (Marketo's identity
        // call carries its client secret in the query); the host's failure to start is reported below
        // in one sentence, not logged with its stack trace. One line per request (http: GET /path →
        // 200 in 12 ms); the host's own lines repeat the banner, and the routing's say nothing more.
        using var logging = RequestLogs(settings) ? EngineSession.Logging(settings, LogLevel.Information, builder => builder
            .AddFilter("Microsoft.Extensions.Hosting", LogLevel.None)
            .AddFilter("Microsoft.Hosting.Lifetime", LogLevel.None)
            .AddFilter("Microsoft.AspNetCore", LogLevel.Warning)
            .AddFilter(Logging.RequestLine.Category, LogLevel.Information)) : null;
        try
        {
            return await RunAsync(settings, logging, cancellationToken);
        }
        catch (IOException e) when (InUse(e))
        {
            throw new InvalidOperationException($"simulate {settings.Service}: port {settings.Port} on 127.0.0.1 is in use; pick another with --port, or --port 0 for any free one", e);
        }
    }

    private static bool InUse(Exception? e)
    {
        for (; e is not null; e = e.InnerException)
        {
            if (e is SocketException { SocketErrorCode: SocketError.AddressAlreadyInUse })
            {
                return true;
            }
        }

        return false;
    }

    private async Task<int> RunAsync(SimulateSettings settings, ILoggerFactory? logging, CancellationToken cancellationToken)
    {
        var start = new SimulatorStart { Port = settings.Port, Logging = logging, DailyQuota = settings.DailyQuota };
        var simulator = await SimulatorModules.Get(settings.Service).StartAsync(start, cancellationToken);
        var (address, credentials) = (simulator.BaseAddress, simulator.Description);
        await using (simulator)
        {
            console.MarkupLineInterpolated($"[green]{settings.Service}[/] simulator listening on [bold]{address}[/] ({credentials})");
            console.MarkupLineInterpolated($"admin: POST {address}_sim/seed, GET {address}_sim/state, GET {address}_sim/counts, POST {address}_sim/faults, POST {address}_sim/reset");
            console.MarkupLine("Ctrl+C stops it.");
            try
            {
                await Task.Delay(Timeout.Infinite, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                // Ctrl+C: stop the simulator and leave nothing running.
            }
        }

        console.MarkupLine("stopped.");
        return ExitCodes.Success;
    }

    /// <summary>Requests are logged at Information: unless --quiet, or a level above it was asked for.</summary>
    private static bool RequestLogs(SimulateSettings settings) =>
        !settings.Quiet && settings.LevelOr(Microsoft.Extensions.Logging.LogLevel.Information) <= Microsoft.Extensions.Logging.LogLevel.Information;
}
