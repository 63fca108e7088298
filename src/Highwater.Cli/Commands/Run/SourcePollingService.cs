using Highwater.Engine.Running;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Highwater.Cli.Commands.Run;

/// <summary>
/// Polls one source at its poll interval, and wakes the export loops when the poll wrote outbox
/// rows. A failing poll is logged and tried again with backoff; it stops no other loop. A stop
/// ends the poll at once: the mark advances only with the changes it covers, so nothing is lost.
/// </summary>
internal sealed class SourcePollingService(
    string source,
    TimeSpan interval,
    HighwaterEngine engine,
    ExportSignals signals,
    TimeProvider time,
    ILogger<SourcePollingService> logger) : BackgroundService
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
                var report = await engine.PollSourceAsync(source, stoppingToken).ConfigureAwait(false);
                if (report.OutboxWritten > 0)
                {
                    signals.WakeAll();
                }

                if (failures > 0)
                {
                    RunLog.PollRecovered(logger, source, failures);
                    failures = 0;
                }

                wait = interval;
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex)
            {
                failures++;
                wait = RetryBackoff.After(failures);
                RunLog.PollFailed(logger, source, failures, wait, RunLog.Describe(ex));
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
