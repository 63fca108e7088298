using Highwater.Core.Governor;

namespace Highwater.Core.Scheduling;

/// <summary>
/// Decides when one destination flushes a batch, and how big: when a full batch waits, or when the
/// oldest waiting change has waited the batch window, and only when the governor pays for the
/// batch's planned calls. In adaptive mode the window follows the forecast of the day: stretched
/// (bigger, cheaper batches) when the quota would run out before it resets, shrunk when there is
/// room, and at its longest the batches are paced so the quota lasts until the reset. A backfill
/// spends only what the live changes are forecast to leave. Pure logic on a
/// <see cref="TimeProvider"/>: the caller reads the outbox, plans, and makes the calls.
/// Thread-safe; one per destination.
/// </summary>
/// <remarks>
/// The caller's loop: tell <see cref="RecordArrivals(Lane, long)"/> of rows that began waiting; ask
/// <see cref="DecideAsync"/>; on a flush, claim that many rows oldest first, plan them, and ask
/// <see cref="AcquireAsync"/> with the plan's calls; on go, make the calls under the lease; otherwise
/// give the rows back and ask again when told.
/// </remarks>
public sealed partial class BatchScheduler
{
    // The adaptive controller: stretch when the forecast need passes 90% of what is left, shrink
    // below half of it; the band between keeps the window from see-sawing.
    private const double StretchFactor = 1.5;
    private const double StretchAbove = 0.9;
    private const double ShrinkBelow = 0.5;

    // Each batch's calls per row moves the estimate this far.
    private const double CostSmoothing = 0.3;

    private readonly Lock _lock = new();
    private readonly RateGovernor _governor;
    private readonly TimeProvider _time;
    private readonly SchedulerMode _mode;
    private readonly TimeSpan _baseWindow;
    private readonly TimeSpan _minWindow;
    private readonly TimeSpan _maxWindow;
    private readonly int _batchSize;
    private readonly int _maxBatchSize;
    private readonly double _backfillMargin;
    private readonly TimeSpan _spendTheRestWithin;
    private readonly RateWindow? _quota;
    private readonly RateWindow[] _rateWindows;
    private readonly TimeSpan _shortest;
    private readonly RateEstimator[] _arrivals;
    private readonly double?[] _callsPerRow = new double?[2];
    private TimeSpan _window;
    private WindowReason _windowReason;
    private DateTimeOffset _lastAdapted;
    private bool _costedSinceAdapted;
    private DateTimeOffset _paceSince;
    private long _liveWaiting;

    /// <summary>Builds the scheduler of one destination.</summary>
    /// <param name="destination">The destination's name, for messages.</param>
    /// <param name="options">The windows and batch sizes; copied.</param>
    /// <param name="governor">The governor of the destination's account, which pays for every batch.</param>
    /// <param name="timeProvider">The clock.</param>
    /// <exception cref="ArgumentException">The options are invalid; the message names every problem at once.</exception>
    public BatchScheduler(string destination, SchedulerOptions options, RateGovernor governor, TimeProvider timeProvider)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(destination);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(governor);
        ArgumentNullException.ThrowIfNull(timeProvider);
        var problems = Validate(options);
        if (problems.Count > 0)
        {
            throw new ArgumentException(string.Join("; ", problems), nameof(options));
        }

        Destination = destination;
        _governor = governor;
        _time = timeProvider;
        _mode = options.Mode;
        _baseWindow = options.BatchWindow;
        _minWindow = options.MinWindow;
        _maxWindow = options.MaxWindow;
        _batchSize = options.BatchSize;
        _maxBatchSize = options.MaxBatchSize;
        _backfillMargin = options.BackfillMargin;
        _spendTheRestWithin = options.SpendTheRestWithin;
        _quota = governor.Policy.Windows.FirstOrDefault(w => w.IsDayLong);
        _rateWindows = [.. governor.Policy.Windows.Where(w => !w.IsDayLong)];
        _shortest = ShortestWindow(_quota, _rateWindows, _minWindow);

        var now = timeProvider.GetUtcNow();
        _arrivals = [new RateEstimator(options.RateHalfLife, now, options.MinWindow), new RateEstimator(options.RateHalfLife, now, options.MinWindow)];
        _window = _mode == SchedulerMode.Adaptive && _quota is null ? _shortest : _baseWindow;
        _windowReason = _mode == SchedulerMode.Fixed ? WindowReason.Fixed : _quota is null ? WindowReason.NoDailyQuota : WindowReason.NoForecastYet;
        _lastAdapted = now;
        _paceSince = now;
    }

    /// <summary>The destination.</summary>
    public string Destination { get; }

    /// <summary>The batch window in force.</summary>
    public TimeSpan Window
    {
        get
        {
            lock (_lock)
            {
                return _window;
            }
        }
    }

    /// <summary>Rows of a full live batch at the window in force.</summary>
    public int FullBatch
    {
        get
        {
            lock (_lock)
            {
                return FullBatchAt(_window);
            }
        }
    }

    /// <summary>Tells the scheduler that <paramref name="rows"/> rows began waiting in <paramref name="lane"/> (a change to a profile already waiting is no new row).</summary>
    public void RecordArrivals(Lane lane, long rows)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(rows);
        var now = _time.GetUtcNow();
        lock (_lock)
        {
            _arrivals[LaneIndex(lane)].Add(now, rows);
        }
    }

    /// <summary>
    /// Tells the scheduler that <paramref name="rows"/> rows began waiting in <paramref name="lane"/>
    /// since <paramref name="since"/> (their source's previous poll): they count as arriving over that
    /// span, so a process that polls once (<c>sync</c>) forecasts the rate they came at, not a burst.
    /// </summary>
    public void RecordArrivals(Lane lane, long rows, DateTimeOffset since)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(rows);
        var now = _time.GetUtcNow();
        lock (_lock)
        {
            _arrivals[LaneIndex(lane)].Add(since, now, rows);
        }
    }

    /// <summary>
    /// Whether a batch should go now, from what waits in each lane: live first, then backfill.
    /// Reads the governor's windows for the forecast, and adapts the window.
    /// </summary>
    public async ValueTask<ScheduleDecision> DecideAsync(LaneDepth live, LaneDepth backfill, CancellationToken cancellationToken)
    {
        var snapshot = await _governor.GetSnapshotAsync(cancellationToken);
        lock (_lock)
        {
            var now = _time.GetUtcNow();
            _liveWaiting = Math.Max(0, live.Waiting);
            var forecast = Forecast(snapshot, now, adapt: true);
            var liveAnswer = DecideLive(live, now, forecast);
            if (liveAnswer.IsFlush)
            {
                return liveAnswer;
            }

            var backfillAnswer = DecideBackfill(backfill, now, forecast);
            return backfillAnswer.IsFlush ? backfillAnswer : Sooner(liveAnswer, backfillAnswer);
        }
    }

    /// <summary>
    /// Asks to start a planned batch of <paramref name="rows"/> rows whose plan makes
    /// <paramref name="plannedCalls"/> calls: the governor reserves every call of the batch at once
    /// (so no batch starts that the current windows cannot finish, beyond the reserve), after the
    /// lane's share of the day and the pace allow it.
    /// </summary>
    public async ValueTask<BatchGrant> AcquireAsync(Lane lane, int rows, int plannedCalls, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(rows);
        ArgumentOutOfRangeException.ThrowIfNegative(plannedCalls);
        var max = _governor.Policy.MaxCallsPerAcquire;
        if (plannedCalls > max)
        {
            return new BatchGrant
            {
                Rule = ScheduleRule.BatchTooLarge,
                Until = _time.GetUtcNow(),
                Reason = Text($"the plan of {rows:N0} rows makes {plannedCalls:N0} calls, more than the {max:N0} the governor grants at once: split the batch"),
            };
        }

        if (plannedCalls == 0)
        {
            lock (_lock)
            {
                Record(lane, rows, 0, _time.GetUtcNow());
            }

            return new BatchGrant { Rule = ScheduleRule.Paid, Reason = "the plan makes no call" };
        }

        var snapshot = await _governor.GetSnapshotAsync(cancellationToken);
        lock (_lock)
        {
            var now = _time.GetUtcNow();
            var forecast = Forecast(snapshot, now, adapt: false);
            if (lane == Lane.Backfill && forecast.BackfillAllowance is { } allowance && plannedCalls > allowance)
            {
                return new BatchGrant { Rule = ScheduleRule.BackfillBudget, Until = forecast.Reset, Reason = BackfillWaits(forecast, plannedCalls, rows) };
            }

            if (lane == Lane.Live && forecast.Pacing && PaceAllowsAt(plannedCalls, forecast) is var at && at > now)
            {
                return new BatchGrant { Rule = ScheduleRule.Pacing, Until = at, Reason = Paced(forecast, plannedCalls, rows, at) };
            }
        }

        var decision = await _governor.TryAcquireAsync(plannedCalls, cancellationToken);
        if (!decision.IsGo)
        {
            var window = decision.Window is null ? "" : $" (window '{decision.Window}')";
            return new BatchGrant
            {
                Rule = ScheduleRule.Governor,
                Until = decision.Until,
                Reason = Text($"the governor cannot pay {plannedCalls:N0} calls now: {decision.Reason}{window} until {decision.Until:u}"),
            };
        }

        lock (_lock)
        {
            Record(lane, rows, plannedCalls, decision.Lease.AcquiredAt);
        }

        return new BatchGrant { Rule = ScheduleRule.Paid, Lease = decision.Lease, Reason = Text($"the governor paid {plannedCalls:N0} calls for {rows:N0} rows") };
    }

    /// <summary>
    /// Asks to start a batch whose calls are paid one by one as they are made (the engine's
    /// connectors pass every request through the governor's gate), so nothing is reserved here:
    /// the batch is admitted when the lane's share of the day and the pace allow it and the day's
    /// quota left (beyond the reserve) covers the <paramref name="plannedCalls"/> estimate. Use it
    /// instead of <see cref="AcquireAsync"/> when the calls are gated individually, or they would
    /// be paid twice.
    /// </summary>
    public async ValueTask<BatchGrant> AdmitAsync(Lane lane, int rows, int plannedCalls, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(rows);
        ArgumentOutOfRangeException.ThrowIfNegative(plannedCalls);
        var snapshot = await _governor.GetSnapshotAsync(cancellationToken);
        lock (_lock)
        {
            var now = _time.GetUtcNow();
            if (plannedCalls == 0)
            {
                Record(lane, rows, 0, now);
                return new BatchGrant { Rule = ScheduleRule.Admitted, Reason = "the plan makes no call" };
            }

            var forecast = Forecast(snapshot, now, adapt: false);
            if (lane == Lane.Backfill && forecast.BackfillAllowance is { } allowance && plannedCalls > allowance)
            {
                return new BatchGrant { Rule = ScheduleRule.BackfillBudget, Until = forecast.Reset, Reason = BackfillWaits(forecast, plannedCalls, rows) };
            }

            if (lane == Lane.Live && forecast.Pacing && PaceAllowsAt(plannedCalls, forecast) is var at && at > now)
            {
                return new BatchGrant { Rule = ScheduleRule.Pacing, Until = at, Reason = Paced(forecast, plannedCalls, rows, at) };
            }

            if (forecast.Reset is { } reset && plannedCalls > forecast.Left)
            {
                return new BatchGrant
                {
                    Rule = rows > 1 && forecast.Left > 0 ? ScheduleRule.BatchTooLarge : ScheduleRule.Governor,
                    Until = rows > 1 && forecast.Left > 0 ? now : reset,
                    Reason = Text($"the plan of {rows:N0} rows makes about {plannedCalls:N0} calls and {forecast.Left:N0} are left before the reset at {reset:u}"),
                };
            }

            Record(lane, rows, plannedCalls, now);
        }

        return new BatchGrant { Rule = ScheduleRule.Admitted, Reason = Text($"admitted about {plannedCalls:N0} calls for {rows:N0} rows") };
    }

    /// <summary>The forecast of the day as it stands, without adapting the window.</summary>
    public async ValueTask<DayForecast> ForecastAsync(CancellationToken cancellationToken)
    {
        var snapshot = await _governor.GetSnapshotAsync(cancellationToken);
        lock (_lock)
        {
            return Forecast(snapshot, _time.GetUtcNow(), adapt: false, explain: true);
        }
    }

    // Under the lock.
    private void Record(Lane lane, int rows, int calls, DateTimeOffset at)
    {
        var index = LaneIndex(lane);
        var perRow = (double)calls / rows;
        _callsPerRow[index] = _callsPerRow[index] is { } before ? before + (CostSmoothing * (perRow - before)) : perRow;
        if (lane == Lane.Live)
        {
            _paceSince = at;
            _costedSinceAdapted = true;
        }
    }

    private int FullBatchAt(TimeSpan window)
    {
        if (_mode == SchedulerMode.Fixed)
        {
            return _batchSize;
        }

        var scaled = _batchSize * (window / _baseWindow);
        return (int)Math.Clamp(Math.Round(scaled), _batchSize, _maxBatchSize);
    }

    private static int LaneIndex(Lane lane) => lane == Lane.Backfill ? 1 : 0;
}
