namespace Highwater.Core.Scheduling;

/// <summary>The flush decisions of each lane: the live one by its window and pace, the backfill by what the live changes leave.</summary>
public sealed partial class BatchScheduler
{
    // Under the lock.
    private ScheduleDecision DecideLive(LaneDepth depth, DateTimeOffset now, DayForecast forecast)
    {
        if (depth.Waiting <= 0 || depth.OldestWaitingSince is not { } oldest)
        {
            return new ScheduleDecision { Rule = ScheduleRule.NothingWaiting, Lane = Lane.Live, Reason = "no live change waits" };
        }

        var full = FullBatchAt(_window);
        var waited = now - oldest;
        ScheduleRule rule;
        string reason;
        if (depth.Waiting >= full)
        {
            rule = ScheduleRule.FullBatch;
            reason = Text($"a full batch waits: {depth.Waiting:N0} live rows, full at {full:N0}");
        }
        else if (waited >= _window)
        {
            rule = ScheduleRule.WindowElapsed;
            reason = Text($"the oldest live change has waited {Duration(waited)}, the {Duration(_window)} window");
        }
        else
        {
            return new ScheduleDecision
            {
                Rule = ScheduleRule.WindowOpen,
                Lane = Lane.Live,
                NotBefore = oldest + _window,
                Reason = Text($"{depth.Waiting:N0} live rows wait, fewer than a full batch of {full:N0}; the oldest has waited {Duration(waited)} of the {Duration(_window)} window"),
            };
        }

        var rows = (int)Math.Min(depth.Waiting, FlushRows(full));
        if (forecast.Pacing && _callsPerRow[LaneIndex(Lane.Live)] is { } perRow)
        {
            var calls = (long)Math.Ceiling(perRow * rows);
            var at = PaceAllowsAt(calls, forecast);
            if (at > now)
            {
                return new ScheduleDecision { Rule = ScheduleRule.Pacing, Lane = Lane.Live, NotBefore = at, Reason = Paced(forecast, calls, rows, at) };
            }
        }

        return new ScheduleDecision { Rule = rule, Lane = Lane.Live, Rows = rows, Reason = reason };
    }

    // Under the lock.
    private ScheduleDecision DecideBackfill(LaneDepth depth, DateTimeOffset now, DayForecast forecast)
    {
        if (depth.Waiting <= 0 || depth.OldestWaitingSince is not { } oldest)
        {
            return new ScheduleDecision { Rule = ScheduleRule.NothingWaiting, Lane = Lane.Backfill, Reason = "no backfill waits" };
        }

        var rows = (int)Math.Min(depth.Waiting, _maxBatchSize);
        var waited = now - oldest;
        ScheduleRule rule;
        string reason;
        if (depth.Waiting >= _maxBatchSize)
        {
            rule = ScheduleRule.FullBatch;
            reason = Text($"a full backfill batch waits: {depth.Waiting:N0} rows, full at {_maxBatchSize:N0}");
        }
        else if (waited >= _window)
        {
            rule = ScheduleRule.WindowElapsed;
            reason = Text($"the oldest backfill row has waited {Duration(waited)}, the {Duration(_window)} window");
        }
        else
        {
            return new ScheduleDecision
            {
                Rule = ScheduleRule.WindowOpen,
                Lane = Lane.Backfill,
                NotBefore = oldest + _window,
                Reason = Text($"{depth.Waiting:N0} backfill rows wait, fewer than a full batch of {_maxBatchSize:N0}; the oldest has waited {Duration(waited)} of the {Duration(_window)} window"),
            };
        }

        if (forecast.BackfillAllowance is { } allowance)
        {
            var perRow = _callsPerRow[LaneIndex(Lane.Backfill)] ?? _callsPerRow[LaneIndex(Lane.Live)];
            var calls = perRow is { } p ? Math.Max(1, (long)Math.Ceiling(p * rows)) : 1;
            if (calls > allowance)
            {
                return new ScheduleDecision { Rule = ScheduleRule.BackfillBudget, Lane = Lane.Backfill, NotBefore = forecast.Reset, Reason = BackfillWaits(forecast, calls, rows) };
            }
        }

        return new ScheduleDecision { Rule = rule, Lane = Lane.Backfill, Rows = rows, Reason = reason };
    }

    // A flush beats a wait; of two waits, the one that may change first.
    private static ScheduleDecision Sooner(ScheduleDecision live, ScheduleDecision backfill)
    {
        if (backfill.Rule == ScheduleRule.NothingWaiting)
        {
            return live;
        }

        if (live.Rule == ScheduleRule.NothingWaiting)
        {
            return backfill;
        }

        return (live.NotBefore, backfill.NotBefore) switch
        {
            (null, { }) => backfill,
            ({ } l, { } b) when b < l => backfill,
            _ => live,
        };
    }

    // Under the lock. The live batches spend the quota evenly until the reset: a batch may go once
    // the share of what is left that accrued since the last live batch pays for it.
    private DateTimeOffset PaceAllowsAt(long calls, DayForecast forecast)
    {
        if (forecast.Reset is not { } reset)
        {
            return _paceSince;
        }

        if (forecast.Left <= 0)
        {
            return reset;
        }

        var share = Math.Min(1, (double)calls / forecast.Left);
        return _paceSince + ((reset - _paceSince) * share);
    }
}
