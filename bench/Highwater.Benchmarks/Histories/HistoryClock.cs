using Microsoft.Extensions.Time.Testing;

namespace Highwater.Benchmarks.Histories;

/// <summary>
/// The one fake clock of a history, shared by the engine and the simulators (which outlive a
/// history: <see cref="Restart"/> gives each history a fresh clock at the same instant, so a seed
/// replays). It knows every timer waiting on it, so the driver can move time to the next one when
/// nothing else is going on, and never under a request; <see cref="Changed"/> wakes the driver the
/// moment a timer starts waiting, so no real time passes between the engine's wait and the move.
/// A time-out's timer is not a wait: the clock passes it only on the way to one.
/// </summary>
internal sealed class HistoryClock : TimeProvider
{
    /// <summary>Every history starts here: a Wednesday, 10:00 UTC (04:00 in Chicago, far from the quota's midnight).</summary>
    public static readonly DateTimeOffset Start = new(2026, 3, 4, 10, 0, 0, TimeSpan.Zero);

    private readonly Lock _gate = new();
    private readonly List<Tracked> _timers = [];
    private FakeTimeProvider _fake = new(Start);
    private int _starting;
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public override DateTimeOffset GetUtcNow() => Current.GetUtcNow();

    public override long GetTimestamp() => Current.GetTimestamp();

    public override long TimestampFrequency => Current.TimestampFrequency;

    public override TimeZoneInfo LocalTimeZone => TimeZoneInfo.Utc;

    private FakeTimeProvider Current
    {
        get
        {
            lock (_gate)
            {
                return _fake;
            }
        }
    }

    /// <summary>A new clock at <see cref="Start"/>; timers of the previous history never fire.</summary>
    public void Restart()
    {
        lock (_gate)
        {
            _fake = new FakeTimeProvider(Start);
            _timers.Clear();
        }
    }

    /// <summary>Completes at the next <see cref="Pulse"/>: a timer started waiting, or a call ended.</summary>
    public Task Changed
    {
        get
        {
            lock (_gate)
            {
                return _changed.Task;
            }
        }
    }

    /// <summary>Wakes whoever waits on <see cref="Changed"/>.</summary>
    public void Pulse()
    {
        TaskCompletionSource pulsed;
        lock (_gate)
        {
            pulsed = _changed;
            _changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        pulsed.TrySetResult();
    }

    /// <summary>
    /// When the earliest waiting timer is due; null when none waits, or while a timer is being
    /// started or changed (its fake timer may not count yet: moving the clock then would stretch it).
    /// </summary>
    public DateTimeOffset? NextDue
    {
        get
        {
            lock (_gate)
            {
                return _timers.Count == 0 || _starting > 0 ? null : _timers.Min(t => t.Due);
            }
        }
    }

    /// <summary>Moves the clock on (by nothing when <paramref name="by"/> is not positive: timers already due fire).</summary>
    public void Advance(TimeSpan by) => Current.Advance(by > TimeSpan.Zero ? by : TimeSpan.Zero);

    /// <summary>Moves the clock to <paramref name="at"/> when it is later than now.</summary>
    public void AdvanceTo(DateTimeOffset at) => Advance(at - GetUtcNow());

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        FakeTimeProvider fake;
        lock (_gate)
        {
            fake = _fake;
            _starting++;
        }

        try
        {
            // A time-out's timer (a CancellationTokenSource's, such as a connector's request time-out) guards
            // something else going on and is awaited by no one: the driver never moves to it, or every request
            // would time out the moment nothing else waited; it still fires when the clock passes it.
            var tracked = new Tracked(this, fake, Guard: state is CancellationTokenSource);
            tracked.Schedule(dueTime, period);
            tracked.Inner = fake.CreateTimer(s => { tracked.Fired(); callback(s); }, state, dueTime, period);
            return tracked;
        }
        finally
        {
            // Only now may the driver move the clock: the fake timer exists and counts from this instant.
            Started();
        }
    }

    private void Starting()
    {
        lock (_gate)
        {
            _starting++;
        }
    }

    private void Started()
    {
        lock (_gate)
        {
            _starting--;
        }

        Pulse();
    }

    private sealed class Tracked(HistoryClock clock, FakeTimeProvider fake, bool Guard) : ITimer
    {
        private TimeSpan _period = Timeout.InfiniteTimeSpan;

        public ITimer? Inner { get; set; }

        public DateTimeOffset Due { get; private set; }

        public void Schedule(TimeSpan dueTime, TimeSpan period)
        {
            lock (clock._gate)
            {
                clock._timers.Remove(this);
                _period = period;
                if (!Guard && dueTime != Timeout.InfiniteTimeSpan && ReferenceEquals(fake, clock._fake))
                {
                    Due = fake.GetUtcNow() + dueTime;
                    clock._timers.Add(this);
                }
            }
        }

        public void Fired()
        {
            lock (clock._gate)
            {
                clock._timers.Remove(this);
                if (!Guard && _period != Timeout.InfiniteTimeSpan && _period > TimeSpan.Zero && ReferenceEquals(fake, clock._fake))
                {
                    Due = fake.GetUtcNow() + _period;
                    clock._timers.Add(this);
                }
            }
        }

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            clock.Starting();
            try
            {
                Schedule(dueTime, period);
                return Inner?.Change(dueTime, period) ?? false;
            }
            finally
            {
                clock.Started();
            }
        }

        public void Dispose()
        {
            lock (clock._gate)
            {
                clock._timers.Remove(this);
            }

            Inner?.Dispose();
        }

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
