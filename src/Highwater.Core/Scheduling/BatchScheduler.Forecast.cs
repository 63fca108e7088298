using System.Globalization;
using System.Text;
using Highwater.Core.Governor;

namespace Highwater.Core.Scheduling;

public sealed partial class BatchScheduler
{
    // Under the lock. The seed's batching math, live: the calls the live rows waiting and arriving
    // at today's rate will cost until the reset, against what is left of the quota. Decisions read
    // only its numbers; the sentence is written for ForecastAsync (a decision a second would
    // otherwise spend most of its time formatting it).
    private DayForecast Forecast(GovernorSnapshot snapshot, DateTimeOffset now, bool adapt, bool explain = false)
    {
        var perRow = _callsPerRow[LaneIndex(Lane.Live)];
        var liveRate = _arrivals[LaneIndex(Lane.Live)].PerSecond(now);
        var backfillRate = _arrivals[LaneIndex(Lane.Backfill)].PerSecond(now);
        if (_quota is null)
        {
            return RateForecast(snapshot, now, perRow, liveRate, backfillRate, adapt, explain);
        }

        if (snapshot.Windows.FirstOrDefault(w => w.Window == _quota.Name) is not { } window)
        {
            var bare = Bare(now, perRow, liveRate, backfillRate);
            return explain ? bare with { Reason = Text($"window {Duration(_window)}: {(_mode == SchedulerMode.Fixed ? "fixed (adaptive mode is off)" : "as configured; the governor shows no day-long quota to forecast")}") } : bare;
        }

        // A calendar window resets at its next period; a rolling one is forecast a length ahead.
        var reset = _quota is CalendarWindow && window.NextReset is { } next ? next : now + _quota.NominalLength;
        var horizon = Math.Max(0, (reset - now).TotalSeconds);
        var left = Math.Max(0, window.Limit - window.Reserve - window.Used);
        long? need = perRow is { } p ? (long)Math.Ceiling((_liveWaiting + (liveRate * horizon)) * p) : null;
        if (adapt)
        {
            Adapt(need, left, now, reset);
        }

        DateTimeOffset? runsOut = null;
        if (need > left && perRow is > 0)
        {
            // Rows still affordable once the waiting ones are paid, at the rate they arrive.
            var rowsLeft = (left / perRow.Value) - _liveWaiting;
            var seconds = rowsLeft <= 0 ? 0 : liveRate > 0 ? rowsLeft / liveRate : double.PositiveInfinity;
            runsOut = seconds < horizon ? now + TimeSpan.FromSeconds(seconds) : null;
        }

        long? allowance = perRow is null && _liveWaiting == 0 && liveRate == 0
            ? left
            : need is { } n ? Math.Max(0, left - (long)Math.Ceiling(n * (1 + _backfillMargin))) : null;
        var forecast = new DayForecast
        {
            At = now,
            QuotaWindow = window.Window,
            Reset = reset,
            Limit = window.Limit,
            Reserve = window.Reserve,
            Used = window.Used,
            LiveChangesPerMinute = liveRate * 60,
            BackfillChangesPerMinute = backfillRate * 60,
            LiveWaiting = _liveWaiting,
            CallsPerChange = perRow,
            LiveNeed = need,
            ExpectedUseByReset = window.Used + need,
            RunsOutAt = runsOut,
            RunsOutAtLocal = runsOut is { } at && explain ? Local(at) : null,
            BackfillAllowance = allowance,
            Window = _window,
            FullBatch = FullBatchAt(_window),
            WindowReason = _windowReason,
            Reason = "",
        };
        return explain ? forecast with { Reason = Explain(forecast) } : forecast;
    }

    // Under the lock. The forecast's figures that need no quota, without a reason.
    private DayForecast Bare(DateTimeOffset now, double? perRow, double liveRate, double backfillRate) => new()
    {
        At = now,
        LiveChangesPerMinute = liveRate * 60,
        BackfillChangesPerMinute = backfillRate * 60,
        LiveWaiting = _liveWaiting,
        CallsPerChange = perRow,
        Window = _window,
        FullBatch = FullBatchAt(_window),
        WindowReason = _windowReason,
        Reason = "",
    };

    // Under the lock. At most once per shortest window; a stretch also waits for a batch costed at
    // the window before it, so the estimate has seen the effect of the last stretch.
    private void Adapt(long? need, long left, DateTimeOffset now, DateTimeOffset reset)
    {
        if (_mode == SchedulerMode.Fixed || need is not { } calls)
        {
            return;
        }

        if (_windowReason != WindowReason.NoForecastYet && now - _lastAdapted < _minWindow)
        {
            return;
        }

        // The band between stretching and shrinking keeps the window from see-sawing on a noisy
        // forecast, but a window held in it leaves up to half of what is left unspent. Late in the
        // day that is lost at the reset, and the forecast has little time left to be wrong in: aim
        // to spend it all, shrinking unless the need comes within a tenth of what is left, and
        // stretching (or pacing) only when the need would pass it.
        var late = reset - now <= _spendTheRestWithin;
        var stretchAbove = late ? 1 : StretchAbove;
        var shrinkBelow = late ? StretchAbove : ShrinkBelow;
        var ratio = left <= 0 ? double.PositiveInfinity : (double)calls / left;
        StepWindow(ratio, stretchAbove, shrinkBelow, _minWindow, now, ratio > 1 ? WindowReason.Pacing : WindowReason.Held, late && ratio >= ShrinkBelow ? WindowReason.SpendingTheRest : WindowReason.Shrunk);
    }

    // Under the lock. One step of the controller on need ÷ room: stretch above the band (at most
    // once per costed batch; at the longest window, the reason given), shrink below it down to
    // `shortest`, hold in it.
    private void StepWindow(double ratio, double stretchAbove, double shrinkBelow, TimeSpan shortest, DateTimeOffset now, WindowReason atLongest, WindowReason shrunk)
    {
        if (ratio > stretchAbove)
        {
            if (_window >= _maxWindow)
            {
                _windowReason = atLongest;
            }
            else if (_costedSinceAdapted || _windowReason != WindowReason.Stretched)
            {
                _window = Min(_window * StretchFactor, _maxWindow);
                _windowReason = WindowReason.Stretched;
            }
            else
            {
                return;
            }
        }
        else if (ratio < shrinkBelow)
        {
            _window = Max(_window / StretchFactor, shortest);
            _windowReason = shrunk;
        }
        else
        {
            _windowReason = WindowReason.Held;
        }

        _lastAdapted = now;
        _costedSinceAdapted = false;
    }

    private string Explain(DayForecast f)
    {
        var window = Duration(f.Window);
        var head = f.WindowReason switch
        {
            WindowReason.Fixed => $"window {window}: fixed (adaptive mode is off)",
            WindowReason.NoDailyQuota => $"window {window}: as configured; the policy has no day-long quota to forecast",
            WindowReason.NoForecastYet when f.CallsPerChange is null => $"window {window}: as configured; no batch has been costed yet, so there is nothing to forecast with",
            WindowReason.NoForecastYet => $"window {window}: as configured, not adapted yet (a running worker adapts it to the forecast at its next decision)",
            WindowReason.Stretched => $"window stretched to {window} (full batch {f.FullBatch:N0} rows): the quota would run short before the reset",
            WindowReason.Shrunk when f.Window <= _minWindow => $"window at its shortest, {window}: the forecast leaves room",
            WindowReason.Shrunk => $"window shrunk to {window}: the forecast leaves room",
            WindowReason.Held => $"window held at {window}: the forecast fits the quota with little to spare",
            WindowReason.SpendingTheRest => $"window shrunk to {window} to spend what is left: the reset is near and the forecast would leave calls unspent, which are lost then",
            _ => $"window at its longest, {window}, and the quota would still run out: live batches are paced so the {f.Left:N0} calls left last until the reset",
        };
        var text = new StringBuilder(Text($"{head}. {f.Used:N0} of {f.Limit - f.Reserve:N0} usable calls used (reserve {f.Reserve:N0} of {f.Limit:N0}); resets at {Local(f.Reset!.Value)}"));
        if (f.CallsPerChange is { } perRow)
        {
            text.Append(Text($"; at {f.LiveChangesPerMinute:N1} changes/min, {f.LiveWaiting:N0} waiting and {perRow:0.####} calls a change, expected use by the reset is {f.ExpectedUseByReset:N0}"));
        }

        text.Append(f.RunsOutAtLocal is { } runsOut ? Text($"; at today's rate the quota would run out at {runsOut}") : "");
        return text.ToString();
    }

    private string BackfillWaits(DayForecast f, long calls, int rows) =>
        Text($"backfill waits for the reset at {Local(f.Reset!.Value)}: the live changes are forecast to need {(f.LiveNeed ?? 0):N0} of the {f.Left:N0} calls left (plus {_backfillMargin:P0}), leaving {f.BackfillAllowance:N0}, less than the {calls:N0} calls of a batch of {rows:N0} rows");

    private string Paced(DayForecast f, long calls, int rows, DateTimeOffset at) =>
        Text($"pacing: {f.Left:N0} calls are left until the reset at {Local(f.Reset!.Value)} and the quota would run out sooner at today's rate; a batch of {rows:N0} rows ({calls:N0} calls) goes at {Local(at)}");

    private string Local(DateTimeOffset instant)
    {
        var zone = (_quota as CalendarWindow)?.TimeZone ?? TimeZoneInfo.Utc;
        return Text($"{TimeZoneInfo.ConvertTime(instant, zone):HH:mm} {zone.Id}");
    }

    private static string Text(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    /// <summary>"15m", "22m30s", "2h", "45s".</summary>
    internal static string Duration(TimeSpan span)
    {
        var seconds = (long)Math.Round(span.TotalSeconds);
        var text = new StringBuilder();
        if (seconds >= 3600)
        {
            text.Append(CultureInfo.InvariantCulture, $"{seconds / 3600}h");
        }

        if (seconds % 3600 >= 60)
        {
            text.Append(CultureInfo.InvariantCulture, $"{seconds % 3600 / 60}m");
        }

        if (seconds % 60 > 0 || seconds == 0)
        {
            text.Append(CultureInfo.InvariantCulture, $"{seconds % 60}s");
        }

        return text.ToString();
    }

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;
}
