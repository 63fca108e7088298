using Highwater.Connectors.Marketo;
using Highwater.Core.Governor;
using Microsoft.Extensions.Time.Testing;

namespace Highwater.Core.Tests.Governor;

/// <summary>
/// Issue 15, item 3: the short windows live in the process, so a restart cannot count what its
/// predecessor spent in them; it waits them out instead (Marketo answered a restart within 20 s with 606).
/// </summary>
public class GovernorRestartTests
{
    private static readonly DateTimeOffset Start = new(2026, 1, 15, 20, 0, 0, TimeSpan.Zero);

    private readonly FakeTimeProvider _time = new(Start);
    private readonly InMemoryQuotaLedger _ledger = new();

    private RateGovernor Marketo(string? worker) => new(new RatePolicy(MarketoService.Policy("marketo-1")), _ledger, _time, worker);

    [Fact]
    public async Task TryAcquire_RestartedWithinTheShortWindowOfItsLastCall_WaitsTheWindowOut_ThenGoes()
    {
        var before = Marketo("w1");
        (await before.TryAcquireAsync(1, CancellationToken.None)).Lease!.Dispose();
        _time.Advance(TimeSpan.FromSeconds(5));

        var restarted = Marketo("w1");
        var decision = await restarted.TryAcquireAsync(1, CancellationToken.None);

        Assert.Equal((GovernorWaitReason.WindowPaused, "20s", Start.AddSeconds(22)), (decision.Reason, decision.Window, decision.Until));
        _time.Advance(TimeSpan.FromSeconds(17));
        var after = await restarted.TryAcquireAsync(1, CancellationToken.None);
        Assert.True(after.IsGo, $"still waiting: {after.Reason} until {after.Until:O}");
        after.Lease.Dispose();
    }

    [Fact]
    public async Task TryAcquire_RestartedAfterTheWindowPassed_GoesAtOnce()
    {
        var before = Marketo("w1");
        (await before.TryAcquireAsync(1, CancellationToken.None)).Lease!.Dispose();
        _time.Advance(TimeSpan.FromSeconds(23));

        var decision = await Marketo("w1").TryAcquireAsync(1, CancellationToken.None);

        Assert.True(decision.IsGo, $"waited: {decision.Reason} until {decision.Until:O}");
        decision.Lease.Dispose();
    }

    [Fact]
    public async Task TryAcquire_AnotherWorkersCalls_DoNotHoldThisOne_AndWithoutAWorkerNothingIsKept()
    {
        var first = Marketo("w1");
        (await first.TryAcquireAsync(1, CancellationToken.None)).Lease!.Dispose();
        var anonymous = Marketo(null);
        (await anonymous.TryAcquireAsync(1, CancellationToken.None)).Lease!.Dispose();

        var other = await Marketo("w2").TryAcquireAsync(1, CancellationToken.None);

        Assert.True(other.IsGo, $"another worker waited: {other.Reason}");
        other.Lease.Dispose();
        Assert.Equal(Start.ToUnixTimeMilliseconds(), await _ledger.GetUsedAsync("marketo-1", "~last-call:w1", DateTimeOffset.UnixEpoch, CancellationToken.None));
        Assert.Equal(0, await _ledger.GetUsedAsync("marketo-1", "~last-call", DateTimeOffset.UnixEpoch, CancellationToken.None));
    }

    [Fact]
    public async Task TryAcquire_ManyCallsInOneSecond_WriteTheLastCallOnce_ThenAgainASecondLater()
    {
        var governor = Marketo("w1");
        for (var i = 0; i < 5; i++)
        {
            (await governor.TryAcquireAsync(1, CancellationToken.None)).Lease!.Dispose();
            _time.Advance(TimeSpan.FromMilliseconds(100));
        }

        Assert.Equal(Start.ToUnixTimeMilliseconds(), await _ledger.GetUsedAsync("marketo-1", "~last-call:w1", DateTimeOffset.UnixEpoch, CancellationToken.None));
        _time.Advance(TimeSpan.FromMilliseconds(600));
        (await governor.TryAcquireAsync(1, CancellationToken.None)).Lease!.Dispose();
        Assert.Equal(Start.AddSeconds(1.1).ToUnixTimeMilliseconds(), await _ledger.GetUsedAsync("marketo-1", "~last-call:w1", DateTimeOffset.UnixEpoch, CancellationToken.None));
    }
}
