using Highwater.Core.Scheduling;
using Highwater.Engine.Running;
using Highwater.Storage.Ingest;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Highwater.Cli.Commands.Run;

/// <summary>
/// Exports one destination as its scheduler decides: reads what waits in each lane, asks the
/// scheduler, exports one batch when it says flush, and otherwise sleeps until the instant it
/// names or until a poll wakes it (a minute at most). A failure is logged and tried again with
/// backoff; it stops no other loop. On stop, the batch in flight has <see cref="RunOptions.StopGrace"/>
/// to finish; after that it is cancelled, and the exporter gives its unsettled rows back.
/// </summary>
internal sealed class DestinationExportService(
    DestinationRuntime destination,
    HighwaterEngine engine,
    WakeSignal wake,
    RunOptions options,
    TimeProvider time,
    ILogger<DestinationExportService> logger) : BackgroundService
{
    private static readonly TimeSpan ShortestWait = TimeSpan.FromMilliseconds(100);

    /// <summary>The next batch last announced (to the second): a plan is told once, when it changes.</summary>
    private DateTimeOffset? _announced;

    // Whether the day's quota stopped the exports: said once when it does and once when they resume.
    private bool _quotaSpent;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();

        // The batch in flight is not cancelled by the stop itself, only when the grace has passed.
        using var batchStop = new CancellationTokenSource(Timeout.InfiniteTimeSpan, time);
        using var onStop = stoppingToken.Register(() => batchStop.CancelAfter(options.StopGrace));
        var failures = 0;
        var adopted = false;
        while (!stoppingToken.IsCancellationRequested)
        {
            TimeSpan wait;
            try
            {
                BatchReport? held = null;
                if (!adopted)
                {
                    var adoption = await engine.AdoptListsAsync(destination, batchStop.Token).ConfigureAwait(false);
                    await NoteQuotaAsync(adoption, stoppingToken).ConfigureAwait(false);
                    adopted = adoption.QuotaWait is null;
                    held = adopted ? null : adoption;
                }

                wait = held is not null
                    ? Until(held.HeldUntil, held.HeldReason ?? "the lists wait for the quota")
                    : await StepAsync(batchStop.Token, stoppingToken).ConfigureAwait(false);
                if (failures > 0)
                {
                    RunLog.ExportRecovered(logger, destination.Name, failures);
                    failures = 0;
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                if (batchStop.IsCancellationRequested)
                {
                    RunLog.BatchAbandoned(logger, destination.Name, options.StopGrace);
                }

                break;
            }
            catch (Exception ex)
            {
                failures++;
                wait = RetryBackoff.After(failures);
                RunLog.ExportFailed(logger, destination.Name, failures, wait, RunLog.Describe(ex));
                RunLog.FailureDetail(logger, ex);
            }

            if (wait <= TimeSpan.Zero)
            {
                continue;
            }

            try
            {
                await wake.WaitAsync(wait, time, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }
    }

    /// <summary>One decision, and one batch when it says flush; returns how long to wait before the next (zero: go on at once).</summary>
    private async Task<TimeSpan> StepAsync(CancellationToken batchToken, CancellationToken stoppingToken)
    {
        var outbox = engine.Store.Outbox;
        var live = await outbox.DepthAsync(destination.Name, OutboxLane.Live, stoppingToken).ConfigureAwait(false);
        var backfill = await outbox.DepthAsync(destination.Name, OutboxLane.Backfill, stoppingToken).ConfigureAwait(false);
        var decision = await destination.Scheduler.DecideAsync(
            new LaneDepth(live.Waiting, live.OldestWaitingSince),
            new LaneDepth(backfill.Waiting, backfill.OldestWaitingSince),
            stoppingToken).ConfigureAwait(false);
        if (!decision.IsFlush)
        {
            Announce(live.Waiting + backfill.Waiting, decision.NotBefore);
            return Until(decision.NotBefore, decision.Reason);
        }

        _announced = null;

        stoppingToken.ThrowIfCancellationRequested();
        var lane = decision.Lane == Lane.Live ? OutboxLane.Live : OutboxLane.Backfill;
        var batch = await engine.ExportBatchAsync(destination, lane, decision.Rows, batchToken).ConfigureAwait(false);
        await NoteQuotaAsync(batch, stoppingToken).ConfigureAwait(false);

        if (batch.HeldBy is not null)
        {
            return Until(batch.HeldUntil, batch.HeldReason ?? "the schedule holds the batch");
        }

        // Nothing claimable although rows wait: they wait for a retry, or another worker holds them.
        return batch.Rows == 0 ? Until(null, "the waiting rows are not claimable yet (a retry is due later, or another worker holds them)") : TimeSpan.Zero;
    }

    /// <summary>At Information, once each: the day's quota stopped the exports (and when they resume), and they resumed.</summary>
    private async Task NoteQuotaAsync(BatchReport batch, CancellationToken stoppingToken)
    {
        if (batch.QuotaWait is { } how && !_quotaSpent)
        {
            _quotaSpent = true;
            var waiting = (await engine.Store.Outbox.DepthAsync(destination.Name, null, stoppingToken).ConfigureAwait(false)).Waiting;
            var resume = batch.HeldUntil is { } until ? until.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture) : "the reset";
            RunLog.QuotaSpent(logger, destination.Name, resume, how, waiting);
        }
        else if (batch.QuotaWait is null && batch.Rows > batch.Held && _quotaSpent)
        {
            _quotaSpent = false;
            RunLog.QuotaBack(logger, destination.Name);
        }
    }

    /// <summary>At Information, once per change of plan: how many rows wait and when their batch is due.</summary>
    private void Announce(long waiting, DateTimeOffset? notBefore)
    {
        if (waiting <= 0 || notBefore is not { } due)
        {
            return;
        }

        var second = new DateTimeOffset(due.UtcTicks - (due.UtcTicks % TimeSpan.TicksPerSecond), TimeSpan.Zero);
        if (second == _announced)
        {
            return;
        }

        _announced = second;
        RunLog.NextBatch(logger, destination.Name, Shared.Figures.Count(waiting), waiting == 1 ? "row waits" : "rows wait", second.ToString("HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture), Shared.Figures.Duration(destination.Scheduler.Window));
    }

    private TimeSpan Until(DateTimeOffset? notBefore, string reason)
    {
        var wait = notBefore is { } at ? at - time.GetUtcNow() : options.LongestWait;
        wait = wait < ShortestWait ? ShortestWait : wait > options.LongestWait ? options.LongestWait : wait;
        RunLog.Waiting(logger, destination.Name, wait, reason);
        return wait;
    }
}
