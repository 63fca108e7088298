using Highwater.Engine.Running;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Highwater.Cli.Commands.Run;

/// <summary>
/// Re-evaluates time-dependent groups (relative dates) at start and then at an interval, and wakes
/// the export loops when that moved profiles between groups. Nothing to do when no group depends on the time.
/// </summary>
internal sealed class GroupRefreshService(
    HighwaterEngine engine,
    ExportSignals signals,
    RunOptions options,
    TimeProvider time,
    ILogger<GroupRefreshService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        var failures = 0;
        while (!stoppingToken.IsCancellationRequested)
        {
            TimeSpan wait;
            try
            {
                var report = await engine.RefreshGroupsAsync(stoppingToken).ConfigureAwait(false);
                if (report is { OutboxWritten: > 0 })
                {
                    signals.WakeAll();
                }

                failures = 0;
                wait = options.GroupRefreshInterval;
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex)
            {
                failures++;
                wait = RetryBackoff.After(failures);
                RunLog.RefreshFailed(logger, failures, wait, RunLog.Describe(ex));
                RunLog.FailureDetail(logger, ex);
            }

            try
            {
                await Task.Delay(wait, time, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }
    }
}
