using Highwater.Core.Governor;
using Microsoft.Extensions.Time.Testing;

namespace Highwater.Core.Tests.Governor;

/// <summary>
/// What every kind of window promises through the governor; each kind's tests inherit these and
/// add its own edges.
/// </summary>
public abstract class GovernorWindowTests
{
    /// <summary>Mid-afternoon in Chicago on an ordinary winter day.</summary>
    protected static readonly DateTimeOffset Start = new(2026, 1, 15, 20, 0, 0, TimeSpan.Zero);

    protected FakeTimeProvider Time { get; } = new(Start);

    protected InMemoryQuotaLedger Ledger { get; } = new();

    /// <summary>A policy of the window under test alone, named "w".</summary>
    protected abstract RatePolicyOptions Options(long limit, double reserveShare);

    protected RateGovernor Governor(long limit, double reserveShare = 0) => new(new RatePolicy(Options(limit, reserveShare)), Ledger, Time);

    [Fact]
    public async Task TryAcquire_UpToTheUsableShare_GoesEveryTime()
    {
        var governor = Governor(10);

        await SpendAsync(governor, 10);

        var snapshot = Assert.Single((await governor.GetSnapshotAsync(CancellationToken.None)).Windows);
        Assert.Equal((10L, 0L), (snapshot.Used, snapshot.Left));
    }

    [Fact]
    public async Task TryAcquire_OneMoreThanTheWindowAllows_WaitsBecauseTheWindowIsFull()
    {
        var governor = Governor(10);
        await SpendAsync(governor, 10);

        var decision = await governor.TryAcquireAsync(1, CancellationToken.None);

        Assert.False(decision.IsGo);
        Assert.Equal((GovernorWaitReason.WindowFull, "w"), (decision.Reason, decision.Window));
        Assert.True(decision.Until > Time.GetUtcNow());
    }

    [Fact]
    public async Task TryAcquire_AtTheInstantItWasToldToWaitFor_Goes()
    {
        var governor = Governor(10);
        await SpendAsync(governor, 10);
        var until = (await governor.TryAcquireAsync(1, CancellationToken.None)).Until;

        Time.SetUtcNow(until.AddTicks(-1));
        var early = await governor.TryAcquireAsync(1, CancellationToken.None);
        Time.SetUtcNow(until);
        var onTime = await governor.TryAcquireAsync(1, CancellationToken.None);

        Assert.False(early.IsGo);
        Assert.True(onTime.IsGo);
        onTime.Lease.Dispose();
    }

    [Fact]
    public async Task TryAcquire_SeveralCallsAtOnce_CountAsMany()
    {
        var governor = Governor(10);

        using (var lease = (await governor.TryAcquireAsync(7, CancellationToken.None)).Lease!)
        {
            Assert.Equal(7, lease.Calls);
        }

        Assert.False((await governor.TryAcquireAsync(4, CancellationToken.None)).IsGo);
        await SpendAsync(governor, 3);
        Assert.False((await governor.TryAcquireAsync(1, CancellationToken.None)).IsGo);
    }

    [Fact]
    public async Task TryAcquire_WithAReserve_NeverSpendsIt()
    {
        var governor = Governor(10, reserveShare: 0.3);

        await SpendAsync(governor, 7);
        var decision = await governor.TryAcquireAsync(1, CancellationToken.None);

        Assert.False(decision.IsGo);
        var window = Assert.Single((await governor.GetSnapshotAsync(CancellationToken.None)).Windows);
        Assert.Equal((7L, 10L, 3L, 0L), (window.Used, window.Limit, window.Reserve, window.Left));
    }

    [Fact]
    public async Task TryAcquire_MoreCallsThanTheWindowCanEverHold_IsMisuse()
    {
        var governor = Governor(10, reserveShare: 0.3);

        var e = await Assert.ThrowsAsync<ArgumentOutOfRangeException>(async () => await governor.TryAcquireAsync(8, CancellationToken.None));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(async () => await governor.TryAcquireAsync(0, CancellationToken.None));

        Assert.Contains("ask for 1 to 7 calls at once", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Report_UsageAboveOurCount_RaisesItSoWeSpendOnlyWhatIsLeft()
    {
        var governor = Governor(10);
        await SpendAsync(governor, 2);

        await governor.ReportAsync(ServiceSignal.Usage(8, window: "w"), CancellationToken.None);

        await SpendAsync(governor, 2);
        Assert.False((await governor.TryAcquireAsync(1, CancellationToken.None)).IsGo);
    }

    [Fact]
    public async Task Report_UsageBelowOurCount_ChangesNothing()
    {
        var governor = Governor(10);
        await SpendAsync(governor, 6);

        await governor.ReportAsync(ServiceSignal.Usage(1, window: "w"), CancellationToken.None);

        Assert.Equal(6, Assert.Single((await governor.GetSnapshotAsync(CancellationToken.None)).Windows).Used);
    }

    [Fact]
    public async Task Report_RemainingCalls_CountTheRestAsUsed()
    {
        var governor = Governor(10);

        await governor.ReportAsync(ServiceSignal.Remaining(remaining: 3, limit: 10), CancellationToken.None);

        Assert.Equal(7, Assert.Single((await governor.GetSnapshotAsync(CancellationToken.None)).Windows).Used);
    }

    [Fact]
    public async Task Report_ASmallerLimit_LowersTheWindowAndItsReserve()
    {
        var governor = Governor(100, reserveShare: 0.2);

        await governor.ReportAsync(ServiceSignal.Usage(0, limit: 10), CancellationToken.None);

        await SpendAsync(governor, 8);
        Assert.False((await governor.TryAcquireAsync(1, CancellationToken.None)).IsGo);
        var window = Assert.Single((await governor.GetSnapshotAsync(CancellationToken.None)).Windows);
        Assert.Equal((10L, 2L), (window.Limit, window.Reserve));
    }

    [Fact]
    public async Task Report_RateWindowExceeded_PausesTheWindow()
    {
        var governor = Governor(10);

        await governor.ReportAsync(ServiceSignal.RateWindowExceeded("w"), CancellationToken.None);
        var decision = await governor.TryAcquireAsync(1, CancellationToken.None);

        Assert.False(decision.IsGo);
        Assert.Equal((GovernorWaitReason.WindowPaused, "w"), (decision.Reason, decision.Window));
        Time.SetUtcNow(decision.Until);
        await SpendAsync(governor, 1);
    }

    [Fact]
    public async Task AcquireAsync_WindowFull_ReturnsWhenTheTimerReachesTheInstant()
    {
        var governor = Governor(10);
        await SpendAsync(governor, 10);
        var until = (await governor.TryAcquireAsync(1, CancellationToken.None)).Until;

        var waiting = governor.AcquireAsync(1, CancellationToken.None);
        Time.SetUtcNow(until.AddTicks(-1));
        Assert.False(waiting.IsCompleted);
        Time.SetUtcNow(until);

        using var lease = await waiting.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(until, lease.AcquiredAt);
    }

    /// <summary>Checks that no interval of <paramref name="length"/> holds more than <paramref name="most"/> granted calls.</summary>
    protected static void AssertNoIntervalHoldsMore(IReadOnlyList<(DateTimeOffset At, int Calls)> granted, TimeSpan length, long most)
    {
        // An interval is as full as it gets just after a call: check the one ending at each call.
        foreach (var (at, _) in granted)
        {
            var held = granted.Where(g => g.At > at - length && g.At <= at).Sum(g => g.Calls);
            Assert.True(held <= most, $"{held} calls in the {length} up to {at:O}, more than {most}");
        }
    }

    /// <summary>Spends <paramref name="calls"/> single calls, each of which must go.</summary>
    protected static async Task SpendAsync(RateGovernor governor, int calls)
    {
        for (var i = 0; i < calls; i++)
        {
            var decision = await governor.TryAcquireAsync(1, CancellationToken.None);
            Assert.True(decision.IsGo, $"call {i + 1} of {calls} was told to wait until {decision.Until:O} ({decision.Reason})");
            decision.Lease.Dispose();
        }
    }
}
