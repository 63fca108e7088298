namespace Highwater.Simulators.Marketo;

/// <summary>
/// The instance-wide limits: requests in flight, the rolling rate window and the daily quota
/// (reset at midnight in the quota's zone). Calls answered with a starred code (601, 602, ...)
/// never get here, so they count toward nothing, as the error-code page says.
/// </summary>
internal sealed class MarketoLimiter(MarketoSimulatorOptions options, TimeZoneInfo zone)
{
    private readonly Lock _gate = new();
    private readonly Queue<DateTimeOffset> _window = new();
    private DateTime _day;
    private long _usedToday;
    private long _otherToday;
    private int _inFlight;

    /// <summary>Takes a concurrency slot; false when all are taken (the caller answers 615 and must not <see cref="Exit"/>).</summary>
    public bool TryEnter()
    {
        if (Interlocked.Increment(ref _inFlight) <= options.MaxConcurrent)
        {
            return true;
        }

        Interlocked.Decrement(ref _inFlight);
        return false;
    }

    public void Exit() => Interlocked.Decrement(ref _inFlight);

    /// <summary>Requests holding a concurrency slot now.</summary>
    public int InFlight => Volatile.Read(ref _inFlight);

    /// <summary>
    /// Counts one call and answers the limit code that refuses it (615, 607, 606), or null. A refused
    /// call still counts toward the window and the quota: 606, 607 and 615 are not starred codes.
    /// </summary>
    public string? Admit(DateTimeOffset now, bool concurrencyExceeded)
    {
        lock (_gate)
        {
            Roll(now);
            if (_usedToday + _otherToday >= options.DailyQuota)
            {
                return "607";
            }

            while (_window.Count > 0 && _window.Peek() <= now - options.RateWindow)
            {
                _window.Dequeue();
            }

            var code = concurrencyExceeded ? "615" : _window.Count >= options.RateLimit ? "606" : null;
            _window.Enqueue(now);
            _usedToday++;
            return code;
        }
    }

    /// <summary>Calls other integrations spent today.</summary>
    public void SetSpentToday(long calls, DateTimeOffset now)
    {
        lock (_gate)
        {
            Roll(now);
            _otherToday = calls;
        }
    }

    public void Reset()
    {
        lock (_gate)
        {
            _window.Clear();
            _usedToday = 0;
            _otherToday = 0;
        }
    }

    private void Roll(DateTimeOffset now)
    {
        var day = TimeZoneInfo.ConvertTime(now, zone).Date;
        if (day != _day)
        {
            _day = day;
            _usedToday = 0;
            _otherToday = 0;
        }
    }
}
