using Highwater.Core.Governor;

namespace Highwater.Core.Tests.Governor;

/// <summary>A short rolling window (Marketo's 100 calls per 20 seconds), counted exactly in process.</summary>
public class ShortRollingWindowTests : GovernorWindowTests
{
    private static readonly TimeSpan Length = TimeSpan.FromSeconds(20);

    // A call counts for the window's length and a guard of a second: the service counts from arrival, a little after the governor let the call go.
    private static readonly TimeSpan Guard = TimeSpan.FromSeconds(1);

    protected override RatePolicyOptions Options(long limit, double reserveShare)
    {
        var options = new RatePolicyOptions { Account = "marketo-1" };
        options.RollingWindows.Add(new RollingWindowOptions { Name = "w", Limit = limit, Length = Length, ReserveShare = reserveShare });
        return options;
    }

    [Fact]
    public async Task TryAcquire_100thCallIn20Seconds_Goes()
    {
        var governor = Governor(100);
        await SpendAsync(governor, 1);
        Time.Advance(TimeSpan.FromSeconds(19));

        await SpendAsync(governor, 99);
    }

    [Fact]
    public async Task TryAcquire_101stCallIn20Seconds_WaitsUntilTheOldestExpires()
    {
        var governor = Governor(100);
        await SpendAsync(governor, 1);
        Time.Advance(TimeSpan.FromSeconds(5));
        await SpendAsync(governor, 99);
        Time.Advance(TimeSpan.FromSeconds(5));

        var decision = await governor.TryAcquireAsync(1, CancellationToken.None);

        Assert.False(decision.IsGo);
        Assert.Equal(Start + Length + Guard, decision.Until);
        Time.SetUtcNow(Start + Length + Guard - TimeSpan.FromTicks(1));
        Assert.False((await governor.TryAcquireAsync(1, CancellationToken.None)).IsGo);
        Time.SetUtcNow(Start + Length + Guard);
        await SpendAsync(governor, 1);

        // The 99 calls made 5 seconds in hold the window until 25 seconds in (and the guard).
        Assert.Equal(Start + TimeSpan.FromSeconds(25) + Guard, (await governor.TryAcquireAsync(1, CancellationToken.None)).Until);
    }

    [Fact]
    public async Task TryAcquire_ABatchWaitsUntilEnoughOfTheOldestCallsExpire()
    {
        var governor = Governor(100);
        for (var second = 0; second < 10; second++)
        {
            await SpendAsync(governor, 10);
            Time.Advance(TimeSpan.FromSeconds(1));
        }

        // 25 calls need the 30 made in the first three seconds gone, 10 of which went at second 2.
        var decision = await governor.TryAcquireAsync(25, CancellationToken.None);

        Assert.Equal(Start + TimeSpan.FromSeconds(23) /* 22 s and the 1 s arrival guard */, decision.Until);
    }

    [Fact]
    public async Task TryAcquire_RandomTraffic_NeverMoreThanTheLimitInAnyInterval()
    {
        var governor = Governor(100);
        var random = new Random(4);
        var granted = new List<(DateTimeOffset At, int Calls)>();

        for (var step = 0; step < 3_000; step++)
        {
            Time.Advance(TimeSpan.FromMilliseconds(random.Next(0, 400)));
            var calls = random.Next(1, 15);
            var decision = await governor.TryAcquireAsync(calls, CancellationToken.None);
            if (decision.IsGo)
            {
                granted.Add((Time.GetUtcNow(), calls));
                decision.Lease.Dispose();
            }
        }

        AssertNoIntervalHoldsMore(granted, Length, 100);

        Assert.True(granted.Sum(g => g.Calls) > 0.9 * 100 * (Time.GetUtcNow() - Start) / Length, "the window should be used nearly fully");
    }

    [Fact]
    public async Task Report_RateWindowExceeded_PausesForTheWindowsLength()
    {
        var governor = Governor(100);
        Time.Advance(TimeSpan.FromSeconds(3));

        await governor.ReportAsync(ServiceSignal.RateWindowExceeded(), CancellationToken.None);

        var decision = await governor.TryAcquireAsync(1, CancellationToken.None);
        Assert.Equal((GovernorWaitReason.WindowPaused, Start + TimeSpan.FromSeconds(24) /* with the 1 s arrival guard */), (decision.Reason, decision.Until));
    }

    [Fact]
    public async Task Report_UsageInTheShortWindow_CountsFromNow()
    {
        var governor = Governor(100);
        await SpendAsync(governor, 10);
        Time.Advance(TimeSpan.FromSeconds(10));

        // HubSpot: X-HubSpot-RateLimit-Max 100, -Remaining 20: other apps spent 70 that we never saw.
        await governor.ReportAsync(ServiceSignal.Remaining(remaining: 20, limit: 100, window: "w"), CancellationToken.None);

        await SpendAsync(governor, 20);
        var decision = await governor.TryAcquireAsync(1, CancellationToken.None);
        Assert.Equal(Start + TimeSpan.FromSeconds(21) /* with the 1 s arrival guard */, decision.Until);
        Time.SetUtcNow(decision.Until);
        await SpendAsync(governor, 10);
        Assert.Equal(Start + TimeSpan.FromSeconds(31), (await governor.TryAcquireAsync(1, CancellationToken.None)).Until);
    }
}
