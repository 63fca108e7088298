namespace Highwater.Simulators.Hosting;

/// <summary>
/// A simulator's request limits, one implementation for every simulator: requests in flight,
/// rolling windows, and a daily quota that resets at midnight in a zone or rolls over 24 hours,
/// with the calls other integrations spent. Which requests meet which limit, in which order with
/// the other checks, and how a refusal is answered, is the service's. Thread-safe.
/// </summary>
internal sealed class CallLimiter
{
    private static readonly TimeSpan Day = TimeSpan.FromHours(24);

    private readonly CallLimits _limits;
    private readonly Lock _gate = new();
    private readonly Queue<DateTimeOffset>[] _windows;
    private readonly Queue<(DateTimeOffset At, long Calls)> _rollingDay = new();
    private DateTime _day;
    private long _usedToday;
    private long _otherToday;
    private int _inFlight;

    public CallLimiter(CallLimits limits)
    {
        ArgumentNullException.ThrowIfNull(limits);
        _limits = limits;
        _windows = [.. limits.Windows.Select(_ => new Queue<DateTimeOffset>())];
    }

    /// <summary>The daily quota; null when there is none.</summary>
    public long? DailyQuota => _limits.DailyQuota;

    /// <summary>Requests holding a concurrency slot now.</summary>
    public int InFlight => Volatile.Read(ref _inFlight);

    /// <summary>Takes a concurrency slot; false when all are taken (the caller must then not <see cref="Exit"/>).</summary>
    public bool TryEnter()
    {
        var inFlight = Interlocked.Increment(ref _inFlight);
        if (_limits.MaxConcurrent is not { } most || inFlight <= most)
        {
            return true;
        }

        Interlocked.Decrement(ref _inFlight);
        return false;
    }

    /// <summary>Gives back a slot <see cref="TryEnter"/> took.</summary>
    public void Exit() => Interlocked.Decrement(ref _inFlight);

    /// <summary>
    /// Counts one request at <paramref name="now"/>, or answers the limit that refuses it: the day
    /// first (never counted), then concurrency (<paramref name="concurrencyExceeded"/>, when the
    /// caller's <see cref="TryEnter"/> failed), then the windows (<paramref name="windows"/>: false for
    /// requests they do not apply to, such as Eloqua's Bulk calls beside its REST window).
    /// </summary>
    public LimitRefusal? Admit(DateTimeOffset now, bool concurrencyExceeded = false, bool windows = true)
    {
        lock (_gate)
        {
            if (_limits.DailyQuota is { } quota && UsedTodayLocked(now) >= quota)
            {
                return new LimitRefusal(LimitKind.Daily, UntilDayFrees(now));
            }

            LimitRefusal? refusal = concurrencyExceeded ? new LimitRefusal(LimitKind.Concurrency, TimeSpan.Zero) : null;
            for (var i = 0; windows && i < _windows.Length; i++)
            {
                var (limit, length) = _limits.Windows[i];
                var recent = _windows[i];
                while (recent.Count > 0 && recent.Peek() <= now - length)
                {
                    recent.Dequeue();
                }

                if (refusal is null && recent.Count >= limit)
                {
                    refusal = new LimitRefusal(LimitKind.Rate, recent.Peek() + length - now);
                }
            }

            if (refusal is null || _limits.RefusedCount)
            {
                for (var i = 0; windows && i < _windows.Length; i++)
                {
                    _windows[i].Enqueue(now);
                }

                CountToday(now, 1);
            }

            return refusal;
        }
    }

    /// <summary>Requests counted against the day now, ours and the other integrations'.</summary>
    public long UsedToday(DateTimeOffset now)
    {
        lock (_gate)
        {
            return UsedTodayLocked(now);
        }
    }

    /// <summary>Other integrations have spent <paramref name="calls"/> today, replacing what they had spent (Marketo, Pardot).</summary>
    public void SetSpentToday(long calls, DateTimeOffset now)
    {
        lock (_gate)
        {
            UsedTodayLocked(now);
            _otherToday = calls;
        }
    }

    /// <summary>Other integrations spend <paramref name="calls"/> more now (Salesforce's rolling day, Eloqua).</summary>
    public void AddSpent(long calls, DateTimeOffset now)
    {
        lock (_gate)
        {
            UsedTodayLocked(now);
            if (_limits.DailyZone is null)
            {
                _rollingDay.Enqueue((now, calls));
                _usedToday += calls;
            }
            else
            {
                _otherToday += calls;
            }
        }
    }

    /// <summary>Forgets every request counted and every call spent.</summary>
    public void Reset()
    {
        lock (_gate)
        {
            foreach (var window in _windows)
            {
                window.Clear();
            }

            _rollingDay.Clear();
            _usedToday = 0;
            _otherToday = 0;
        }
    }

    private void CountToday(DateTimeOffset now, long calls)
    {
        if (_limits.DailyZone is null)
        {
            _rollingDay.Enqueue((now, calls));
        }

        _usedToday += calls;
    }

    /// <summary>Starts a new day at midnight in the zone, or lets the rolling day's old requests go.</summary>
    private long UsedTodayLocked(DateTimeOffset now)
    {
        if (_limits.DailyZone is { } zone)
        {
            var day = TimeZoneInfo.ConvertTime(now, zone).Date;
            if (day != _day)
            {
                _day = day;
                _usedToday = 0;
                _otherToday = 0;
            }
        }
        else
        {
            while (_rollingDay.TryPeek(out var oldest) && oldest.At <= now - Day)
            {
                _usedToday -= _rollingDay.Dequeue().Calls;
            }
        }

        return _usedToday + _otherToday;
    }

    private TimeSpan UntilDayFrees(DateTimeOffset now)
    {
        if (_limits.DailyZone is { } zone)
        {
            var local = TimeZoneInfo.ConvertTime(now, zone);
            var midnight = new DateTimeOffset(local.Date.AddDays(1), zone.GetUtcOffset(local.Date.AddDays(1)));
            return midnight - now;
        }

        return _rollingDay.TryPeek(out var oldest) ? oldest.At + Day - now : TimeSpan.Zero;
    }
}
