using Highwater.Engine.Running;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Highwater.Cli.Commands.Run;

/// <summary>
/// Refreshes the outbox depth and quota gauges of every destination at start and then at an
/// interval, so a scrape shows current values even while no batch runs (the quota resets, other
/// workers export). Runs only when metrics are served.
/// </summary>
internal sealed class GaugeRefreshService(
    HighwaterEngine engine,
    RunOptions options,
    TimeProvider time,
    ILogger<GaugeRefreshService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        while (!stoppingToken.IsCancellationRequested)
        {
            foreach (var destination in engine.Destinations)
            {
                try
                {
                    await engine.ObserveAsync(destination, stoppingToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
                {
                    return;
                }
                catch (Exception ex)
                {
                    RunLog.GaugesFailed(logger, destination.Name, RunLog.Describe(ex));
                    RunLog.FailureDetail(logger, ex);
                }
            }

            try
            {
                await Task.Delay(options.GaugeInterval, time, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}
