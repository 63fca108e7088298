using Microsoft.Extensions.Time.Testing;

namespace Highwater.Connectors.Tests.Pardot;

/// <summary>A fake clock that says when someone starts waiting on it, so a test moves it on exactly then.</summary>
internal sealed class TimerWatchingTimeProvider(FakeTimeProvider inner) : TimeProvider
{
    public SemaphoreSlim TimerCreated { get; } = new(0);

    public override DateTimeOffset GetUtcNow() => inner.GetUtcNow();

    public override long GetTimestamp() => inner.GetTimestamp();

    public override long TimestampFrequency => inner.TimestampFrequency;

    public override TimeZoneInfo LocalTimeZone => inner.LocalTimeZone;

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = inner.CreateTimer(callback, state, dueTime, period);
        TimerCreated.Release();
        return timer;
    }
}
