using System.Text;
using Highwater.Core.Governor;

namespace Highwater.Core.Scheduling;

// A service with no day-long quota (Mailchimp: 10 connections and a per-second ceiling) has no calls
// to save for later: a call spent now costs nothing tomorrow, only a share of its rate windows for
// their length. So its window starts at its shortest, the longest of those windows (a call's cost is
// paid back within it; at most minWindow), and stretches only when the calls the arriving changes
// need come near what the windows allow a second. Its concurrency needs no window: a flush takes
// every row waiting up to maxBatchSize, so while the connections are busy with one batch the next
// one fills, and costs fewer calls a row.
public sealed partial class BatchScheduler
{
    // The window a policy's adaptive mode shrinks to: minWindow under a daily quota, else the time a
    // call's cost takes to leave its longest rate window, if shorter.
    private static TimeSpan ShortestWindow(RateWindow? quota, RateWindow[] rateWindows, TimeSpan minWindow) =>
        quota is null && rateWindows.Length > 0 ? Min(minWindow, rateWindows.Max(w => w.NominalLength)) : minWindow;

    // Rows a flush takes when more wait than a full batch.
    private int FlushRows(int full) => _mode == SchedulerMode.Adaptive && _quota is null ? _maxBatchSize : full;

    // Under the lock. The calls the arriving changes need a second, against what the rate windows allow.
    private DayForecast RateForecast(GovernorSnapshot snapshot, DateTimeOffset now, double? perRow, double liveRate, double backfillRate, bool adapt, bool explain)
    {
        var allowed = AllowedPerSecond(snapshot);
        double? needed = perRow is { } p ? liveRate * p : null;
        if (adapt && _mode == SchedulerMode.Adaptive && needed is { } n)
        {
            AdaptToRate(allowed is > 0 ? n / allowed.Value : 0, now);
        }

        var forecast = Bare(now, perRow, liveRate, backfillRate);
        return explain ? forecast with { Reason = ExplainRate(forecast, allowed, needed) } : forecast;
    }

    // The tightest of the windows shorter than a day, in usable calls a second; null when there is none.
    private double? AllowedPerSecond(GovernorSnapshot snapshot)
    {
        double? allowed = null;
        foreach (var window in _rateWindows)
        {
            var limit = snapshot.Windows.FirstOrDefault(w => w.Window == window.Name) is { } seen ? seen.Limit - seen.Reserve : window.Usable;
            var perSecond = limit / window.NominalLength.TotalSeconds;
            allowed = allowed is { } a ? Math.Min(a, perSecond) : perSecond;
        }

        return allowed;
    }

    // Under the lock. The same band as the daily forecast's, at most once per shortest window.
    private void AdaptToRate(double ratio, DateTimeOffset now)
    {
        if (_windowReason != WindowReason.NoDailyQuota && now - _lastAdapted < _shortest)
        {
            return;
        }

        var shrunk = Max(_window / StretchFactor, _shortest) <= _shortest ? WindowReason.NoDailyQuota : WindowReason.Shrunk;
        StepWindow(ratio, StretchAbove, ShrinkBelow, _shortest, now, WindowReason.Held, shrunk);
    }

    private static string ExplainRate(DayForecast f, double? allowed, double? needed)
    {
        var window = Duration(f.Window);
        var head = f.WindowReason switch
        {
            WindowReason.Fixed => $"window {window}: fixed (adaptive mode is off)",
            WindowReason.NoDailyQuota => $"window at its shortest, {window}: no daily quota to save calls for, and the calls stay well below the rate limits",
            WindowReason.Shrunk => $"window shrunk to {window}: the calls stay well below the rate limits",
            WindowReason.Stretched => $"window stretched to {window} (full batch {f.FullBatch:N0} rows): the calls would come near the rate limits",
            _ => $"window held at {window}: the calls come near the rate limits",
        };
        var text = new StringBuilder(Text($"{head}. No daily quota"));
        text.Append(allowed is { } a ? Text($"; the rate limits allow {a:N1} calls a second") : "");
        if (f.CallsPerChange is { } perRow && needed is { } n)
        {
            text.Append(Text($"; at {f.LiveChangesPerMinute:N1} changes/min and {perRow:0.####} calls a change, the changes need {n:0.##} a second"));
        }

        return text.ToString();
    }
}
