using System.Net.Sockets;
using Highwater.Cli.Commands.Shared;
using Highwater.Simulators.Eloqua;
using Highwater.Simulators.Marketo;
using Highwater.Simulators.Pardot;
using Highwater.Simulators.Salesforce;
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
        // in one sentence, not logged with its stack trace.
        using var logging = RequestLogs(settings) ? EngineSession.Logging(settings, LogLevel.Information, builder => builder.AddFilter("Microsoft.Extensions.Hosting", LogLevel.None)) : null;
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
        IAsyncDisposable simulator;
        Uri address;
        string credentials;
        switch (settings.Service)
        {
            case "marketo":
                var marketoOptions = new MarketoSimulatorOptions { Port = settings.Port, Logging = logging };
                if (settings.DailyQuota is { } quota)
                {
                    marketoOptions.DailyQuota = quota;
                }

                var marketo = await MarketoSimulator.StartAsync(marketoOptions, cancellationToken);
                (simulator, address, credentials) = (marketo, marketo.BaseAddress, $"client id {marketoOptions.ClientId}, client secret {marketoOptions.ClientSecret}");
                break;
            case "eloqua":
                // Eloqua publishes no daily limit; --daily-quota sets a contract's (the seed's is 2,000).
                var eloquaOptions = new EloquaSimulatorOptions { Port = settings.Port, Logging = logging, DailyCallLimit = settings.DailyQuota };
                var eloqua = await EloquaSimulator.StartAsync(eloquaOptions, cancellationToken);
                (simulator, address, credentials) = (eloqua, eloqua.BaseAddress, $"Basic {eloquaOptions.Company}\\{eloquaOptions.Username}, password {eloquaOptions.Password}; login and pod at the same address");
                break;
            case "pardot":
                var pardotOptions = new PardotSimulatorOptions { Port = settings.Port, Logging = logging };
                if (settings.DailyQuota is { } calls)
                {
                    pardotOptions.DailyQuota = calls;
                }

                var pardot = await PardotSimulator.StartAsync(pardotOptions, cancellationToken);
                (simulator, address, credentials) = (pardot, pardot.BaseAddress, $"client id {pardotOptions.ClientId}, client secret {pardotOptions.ClientSecret}, business unit {pardotOptions.BusinessUnitId}");
                break;
            default:
                var salesforceOptions = new SalesforceSimulatorOptions { Port = settings.Port, Logging = logging };
                if (settings.DailyQuota is { } allocation)
                {
                    salesforceOptions.DailyApiRequests = allocation;
                }

                var salesforce = await SalesforceSimulator.StartAsync(salesforceOptions, cancellationToken);
                (simulator, address, credentials) = (salesforce, salesforce.BaseAddress, $"client id {salesforceOptions.ClientId}, client secret {salesforceOptions.ClientSecret}");
                break;
        }

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
