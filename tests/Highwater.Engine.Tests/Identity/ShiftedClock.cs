namespace Highwater.Engine.Tests.Identity;

/// <summary>
/// The system clock, moved on by hand: its timers run in real time (a poll of a bulk job still
/// waits its second), while <see cref="Later"/> makes backoffs and holds end at once, as if that
/// much time had passed between two runs.
/// </summary>
internal sealed class ShiftedClock : TimeProvider
{
    private long _offsetTicks;

    public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + TimeSpan.FromTicks(Interlocked.Read(ref _offsetTicks));

    public void Later(TimeSpan by) => Interlocked.Add(ref _offsetTicks, by.Ticks);
}
