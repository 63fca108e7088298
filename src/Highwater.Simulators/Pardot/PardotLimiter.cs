namespace Highwater.Simulators.Pardot;

/// <summary>
/// The business unit's limits: requests in flight (code 66 beyond five) and API calls a calendar
/// day in the quota's zone (code 122 once spent; the count starts again at the next midnight).
/// Refused calls are not counted: Salesforce does not say whether they are, and counting them would
/// let a client locked out by code 122 never get back in.
/// </summary>
internal sealed class PardotLimiter(PardotSimulatorOptions options, TimeZoneInfo zone)
{
    private readonly Lock _gate = new();
    private DateTime _day;
    private long _usedToday;
    private long _otherToday;
    private int _inFlight;

    /// <summary>Requests holding a concurrency slot now.</summary>
    public int InFlight => Volatile.Read(ref _inFlight);

    /// <summary>API calls counted today, ours and the other integrations'.</summary>
    public long UsedToday(DateTimeOffset now)
    {
        lock (_gate)
        {
            Roll(now);
            return _usedToday + _otherToday;
        }
    }

    /// <summary>Takes a concurrency slot; false when all are taken (the caller answers 66 and must not <see cref="Exit"/>).</summary>
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

    /// <summary>Counts one call against the day, or answers 122 when the day's calls are spent.</summary>
    public int? Admit(DateTimeOffset now)
    {
        lock (_gate)
        {
            Roll(now);
            if (_usedToday + _otherToday >= options.DailyQuota)
            {
                return 122;
            }

            _usedToday++;
            return null;
        }
    }

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
