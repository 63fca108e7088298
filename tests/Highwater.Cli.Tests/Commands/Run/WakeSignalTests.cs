using Highwater.Cli.Commands.Run;
using Microsoft.Extensions.Time.Testing;

namespace Highwater.Cli.Tests.Commands.Run;

public sealed class WakeSignalTests
{
    private static readonly TimeSpan Minute = TimeSpan.FromMinutes(1);

    [Fact]
    public async Task Wait_SetBefore_ReturnsAtOnceAndConsumesTheSignal()
    {
        var time = new FakeTimeProvider();
        var signal = new WakeSignal();
        signal.Set();

        Assert.True(await signal.WaitAsync(Minute, time, CancellationToken.None));
        var second = signal.WaitAsync(Minute, time, CancellationToken.None);
        Assert.False(second.IsCompleted);
        time.Advance(Minute);
        Assert.False(await second);
    }

    [Fact]
    public async Task Wait_SetWhileWaiting_ReturnsBeforeTheTimeout()
    {
        var time = new FakeTimeProvider();
        var signal = new WakeSignal();
        var waiting = signal.WaitAsync(Minute, time, CancellationToken.None);

        Assert.False(waiting.IsCompleted);
        signal.Set();

        Assert.True(await waiting);
    }

    [Fact]
    public async Task Wait_Cancelled_Throws()
    {
        var signal = new WakeSignal();
        using var stop = new CancellationTokenSource();
        var waiting = signal.WaitAsync(Minute, new FakeTimeProvider(), stop.Token);

        await stop.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);
    }
}
