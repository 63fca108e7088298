using Highwater.Core.Governor;

namespace Highwater.Core.Tests.Governor;

/// <summary>A calendar day resetting at midnight in America/Chicago (Marketo's daily quota), counted in the ledger.</summary>
public class CalendarDayWindowTests : GovernorWindowTests
{
    protected override RatePolicyOptions Options(long limit, double reserveShare)
    {
        var options = new RatePolicyOptions { Account = "marketo-1" };
        options.CalendarWindows.Add(new CalendarWindowOptions { Name = "w", Limit = limit, TimeZone = "America/Chicago", ReserveShare = reserveShare });
        return options;
    }

    private static DateTimeOffset Utc(int month, int day, int hour, int minute = 0) => new(2026, month, day, hour, minute, 0, TimeSpan.Zero);

    [Fact]
    public async Task TryAcquire_DayFullInWinter_WaitsUntilMidnightCentralStandardTime()
    {
        var governor = Governor(10);
        await SpendAsync(governor, 10);

        var decision = await governor.TryAcquireAsync(1, CancellationToken.None);

        Assert.Equal(Utc(1, 16, 6), decision.Until);
        Time.SetUtcNow(decision.Until);
        await SpendAsync(governor, 10);
    }

    [Fact]
    public async Task TryAcquire_DayFullInSummer_WaitsUntilMidnightCentralDaylightTime()
    {
        Time.SetUtcNow(Utc(7, 15, 4, 30)); // 23:30 CDT on the 14th
        var governor = Governor(10);
        await SpendAsync(governor, 10);

        var decision = await governor.TryAcquireAsync(1, CancellationToken.None);

        Assert.Equal(Utc(7, 15, 5), decision.Until);
        Time.SetUtcNow(decision.Until);
        await SpendAsync(governor, 10);
    }

    [Fact]
    public async Task TryAcquire_SpringForwardDay_LastsTwentyThreeHours()
    {
        Time.SetUtcNow(Utc(3, 8, 6)); // midnight CST, the day clocks jump from 02:00 to 03:00
        var governor = Governor(10);
        await SpendAsync(governor, 10);
        Time.SetUtcNow(Utc(3, 8, 20));

        var decision = await governor.TryAcquireAsync(1, CancellationToken.None);

        Assert.Equal(Utc(3, 9, 5), decision.Until);
        Assert.Equal(TimeSpan.FromHours(23), decision.Until - Utc(3, 8, 6));
        Assert.Equal(10, await Ledger.GetUsedAsync("marketo-1", "w", Utc(3, 8, 6), CancellationToken.None));
        Time.SetUtcNow(decision.Until);
        await SpendAsync(governor, 10);
    }

    [Fact]
    public async Task TryAcquire_FallBackDay_LastsTwentyFiveHours()
    {
        Time.SetUtcNow(Utc(11, 1, 6, 30)); // 01:30 CDT, before the clocks fall back to 01:00 CST
        var governor = Governor(10);
        await SpendAsync(governor, 10);
        Time.SetUtcNow(Utc(11, 1, 7, 30)); // 01:30 CST: the same local day

        var decision = await governor.TryAcquireAsync(1, CancellationToken.None);

        Assert.Equal(Utc(11, 2, 6), decision.Until);
        Assert.Equal(TimeSpan.FromHours(25), decision.Until - Utc(11, 1, 5));
        var window = Assert.Single((await governor.GetSnapshotAsync(CancellationToken.None)).Windows);
        Assert.Equal((Utc(11, 1, 5), Utc(11, 2, 6)), (window.WindowStart!.Value, window.NextReset!.Value));
    }

    [Fact]
    public async Task TryAcquire_AfterARestartMidDay_RemembersTodaysUsage()
    {
        var before = Governor(10);
        await SpendAsync(before, 6);
        Time.Advance(TimeSpan.FromHours(2));

        var after = Governor(10);

        await SpendAsync(after, 4);
        Assert.Equal(Utc(1, 16, 6), (await after.TryAcquireAsync(1, CancellationToken.None)).Until);
    }

    [Fact]
    public async Task Report_QuotaReached_PausesUntilMidnightAndTellsEveryWorker()
    {
        var governor = Governor(50_000, reserveShare: 0.2);
        await SpendAsync(governor, 5);

        // Marketo 607 "Daily quota reached": other integrations spent the rest.
        await governor.ReportAsync(ServiceSignal.QuotaReached(), CancellationToken.None);

        var decision = await governor.TryAcquireAsync(1, CancellationToken.None);
        Assert.Equal((GovernorWaitReason.WindowPaused, Utc(1, 16, 6)), (decision.Reason, decision.Until));
        var otherWorker = Governor(50_000, reserveShare: 0.2);
        var answer = await otherWorker.TryAcquireAsync(1, CancellationToken.None);
        Assert.Equal((GovernorWaitReason.WindowFull, Utc(1, 16, 6)), (answer.Reason, answer.Until));
        Time.SetUtcNow(Utc(1, 16, 6));
        await SpendAsync(governor, 1);
        await SpendAsync(otherWorker, 1);
    }

    [Fact]
    public async Task Report_HubSpotDailyRemaining_CountsWhatOtherAppsSpent()
    {
        var governor = Governor(250_000, reserveShare: 0.2);

        // X-HubSpot-RateLimit-Daily: 250000, X-HubSpot-RateLimit-Daily-Remaining: 50010
        await governor.ReportAsync(ServiceSignal.Remaining(remaining: 50_010, limit: 250_000), CancellationToken.None);

        await SpendAsync(governor, 10);
        Assert.False((await governor.TryAcquireAsync(1, CancellationToken.None)).IsGo);
        Assert.Equal(200_000, await Ledger.GetUsedAsync("marketo-1", "w", Utc(1, 15, 6), CancellationToken.None));
    }

    [Fact]
    public async Task TryAcquire_ReservesInTheLedgerBeforeAnswering()
    {
        var governor = Governor(10);

        var decision = await governor.TryAcquireAsync(3, CancellationToken.None);

        Assert.True(decision.IsGo);
        Assert.Equal(3, await Ledger.GetUsedAsync("marketo-1", "w", Utc(1, 15, 6), CancellationToken.None));
        decision.Lease.Dispose();
    }
}
