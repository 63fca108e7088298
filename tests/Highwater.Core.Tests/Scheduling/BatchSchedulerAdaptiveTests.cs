using Highwater.Core.Scheduling;

namespace Highwater.Core.Tests.Scheduling;

/// <summary>
/// The adaptive window, from the forecast of the day: 50,000 a day less the 20% reserve is 40,000
/// usable, and every test costs its batches at 0.1 calls a row.
/// </summary>
public class BatchSchedulerAdaptiveTests
{
    [Fact]
    public async Task Forecast_BeforeAnyBatchIsCosted_KeepsTheConfiguredWindow()
    {
        var f = new SchedulerFixture();
        f.Arrive(1_000, 10);

        await f.DecideAsync(f.Depth(10));
        var forecast = await f.Scheduler.ForecastAsync(CancellationToken.None);

        Assert.Equal((WindowReason.NoForecastYet, TimeSpan.FromMinutes(15), 1_000), (forecast.WindowReason, forecast.Window, forecast.FullBatch));
        Assert.Null(forecast.ExpectedUseByReset);
    }

    [Fact]
    public async Task Adaptive_QuotaWouldRunOutBeforeTheReset_StretchesTheWindowAndTheFullBatch()
    {
        var f = new SchedulerFixture();
        f.Arrive(1_000, 10);
        await f.CostABatchAsync(1_000, 100);

        var decision = await f.DecideAsync(f.Depth(1_200));

        // 1,000 rows a minute at 0.1 calls for 1,430 minutes is about 143,000 calls: far over 39,900.
        Assert.Equal((TimeSpan.FromMinutes(22.5), 1_500), (f.Scheduler.Window, f.Scheduler.FullBatch));
        Assert.Equal(ScheduleRule.WindowOpen, decision.Rule);
        var forecast = await f.Scheduler.ForecastAsync(CancellationToken.None);
        Assert.Equal(WindowReason.Stretched, forecast.WindowReason);
        Assert.InRange(forecast.ExpectedUseByReset!.Value, 140_000, 147_000);
    }

    [Fact]
    public async Task Adaptive_StretchesAtMostOnceForEachCostedBatch()
    {
        var f = new SchedulerFixture();
        f.Arrive(1_000, 10);
        await f.CostABatchAsync(1_000, 100);

        await f.DecideAsync(f.Depth(10));
        f.Time.Advance(TimeSpan.FromMinutes(5));
        await f.DecideAsync(f.Depth(10));

        Assert.Equal(TimeSpan.FromMinutes(22.5), f.Scheduler.Window);
        await f.CostABatchAsync(1_000, 100);
        await f.DecideAsync(f.Depth(10));
        Assert.Equal(TimeSpan.FromMinutes(33.75), f.Scheduler.Window);
    }

    [Fact]
    public async Task Adaptive_RoomInTheQuota_ShrinksTheWindowDownToTheShortest()
    {
        var f = new SchedulerFixture();
        f.Arrive(10, 10);
        await f.CostABatchAsync(100, 10);

        await f.DecideAsync(f.Depth(1));
        Assert.Equal(TimeSpan.FromMinutes(10), f.Scheduler.Window);

        for (var i = 0; i < 10; i++)
        {
            f.Time.Advance(TimeSpan.FromMinutes(1));
            await f.DecideAsync(f.Depth(1));
        }

        Assert.Equal(TimeSpan.FromMinutes(1), f.Scheduler.Window);
        var forecast = await f.Scheduler.ForecastAsync(CancellationToken.None);
        Assert.Equal(WindowReason.Shrunk, forecast.WindowReason);
        Assert.StartsWith("window at its shortest, 1m: the forecast leaves room", forecast.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Adaptive_AdaptsAtMostOncePerShortestWindow()
    {
        var f = new SchedulerFixture();
        f.Arrive(10, 10);
        await f.CostABatchAsync(100, 10);

        await f.DecideAsync(f.Depth(1));
        f.Time.Advance(TimeSpan.FromSeconds(59));
        await f.DecideAsync(f.Depth(1));

        Assert.Equal(TimeSpan.FromMinutes(10), f.Scheduler.Window);
    }

    [Fact]
    public async Task Adaptive_ForecastBetweenHalfAndNineTenthsOfWhatIsLeft_HoldsTheWindow()
    {
        var f = new SchedulerFixture();

        // 200 rows a minute at 0.1 calls for the 1,430 minutes left: about 28,600 of 39,900.
        f.Arrive(200, 10);
        await f.CostABatchAsync(1_000, 100);
        await f.DecideAsync(f.Depth(0));

        var forecast = await f.Scheduler.ForecastAsync(CancellationToken.None);
        Assert.Equal((WindowReason.Held, TimeSpan.FromMinutes(15)), (forecast.WindowReason, forecast.Window));
        Assert.Null(forecast.RunsOutAt);
    }

    [Fact]
    public async Task Adaptive_AtTheLongestWindowAndStillShort_PacesLiveBatchesUntilTheReset()
    {
        var f = new SchedulerFixture(o => o.MaxWindow = TimeSpan.FromMinutes(30));
        f.Arrive(1_000, 10);
        for (var i = 0; i < 3; i++)
        {
            await f.CostABatchAsync(1_000, 100);
            f.Time.Advance(TimeSpan.FromMinutes(1));
            await f.DecideAsync(f.Depth(0));
        }

        var forecast = await f.Scheduler.ForecastAsync(CancellationToken.None);
        Assert.Equal((WindowReason.Pacing, TimeSpan.FromMinutes(30), 2_000), (forecast.WindowReason, forecast.Window, forecast.FullBatch));

        var paced = await f.DecideAsync(f.Depth(50_000));

        // The last batch went a minute ago; a batch of 2,000 rows (200 calls) waits for its share of
        // the 39,700 left to accrue over the time to the reset: about 7 minutes.
        Assert.Equal(ScheduleRule.Pacing, paced.Rule);
        Assert.InRange(paced.NotBefore!.Value, f.Now.AddMinutes(6), f.Now.AddMinutes(7));
        f.Time.Advance(paced.NotBefore.Value - f.Now);
        Assert.Equal((ScheduleRule.FullBatch, 2_000), ((await f.DecideAsync(f.Depth(50_000))).Rule, (await f.DecideAsync(f.Depth(50_000))).Rows));
    }

    // 10 rows a minute all day, then one batch costed at 0.1 calls a row at 19:00 in Chicago, 5 hours
    // before the reset: the forecast need is about 10 × 300 × 0.1 = 300 calls. A daily limit of 650 (130
    // reserved) leaves 420 of 520 usable after that batch; one of 520 (104 reserved) leaves 316.
    [Theory]
    [InlineData(6, WindowReason.SpendingTheRest, 10)]
    [InlineData(0, WindowReason.Held, 15)]
    public async Task Adaptive_LateInTheDayWithCallsToSpare_ShrinksToSpendWhatIsLeft(int spendTheRestWithinHours, WindowReason reason, int windowMinutes)
    {
        var f = new SchedulerFixture(o => o.SpendTheRestWithin = TimeSpan.FromHours(spendTheRestWithinHours), p => p.CalendarWindows[0].Limit = 650);
        f.Arrive(10, 19 * 60);
        await f.CostABatchAsync(1_000, 100);

        await f.DecideAsync(f.Depth(0));

        // Need 300 of 420 left: inside the band that holds earlier in the day, but 120 calls would go unspent.
        var forecast = await f.Scheduler.ForecastAsync(CancellationToken.None);
        Assert.Equal(420, forecast.Left);
        Assert.InRange(forecast.LiveNeed!.Value, 295, 305);
        Assert.Equal((reason, TimeSpan.FromMinutes(windowMinutes)), (forecast.WindowReason, forecast.Window));
        if (reason == WindowReason.SpendingTheRest)
        {
            Assert.StartsWith("window shrunk to 10m to spend what is left: the reset is near", forecast.Reason, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData(6, WindowReason.Held, 15)]
    [InlineData(0, WindowReason.Stretched, 22.5)]
    public async Task Adaptive_LateInTheDayNeedWithinATenthOfWhatIsLeft_HoldsRatherThanStretches(int spendTheRestWithinHours, WindowReason reason, double windowMinutes)
    {
        var f = new SchedulerFixture(o => o.SpendTheRestWithin = TimeSpan.FromHours(spendTheRestWithinHours), p => p.CalendarWindows[0].Limit = 520);
        f.Arrive(10, 19 * 60);
        await f.CostABatchAsync(1_000, 100);

        await f.DecideAsync(f.Depth(0));

        // Need 300 of 316 left: it fits, so late in the day the window need not stretch.
        var forecast = await f.Scheduler.ForecastAsync(CancellationToken.None);
        Assert.Equal(316, forecast.Left);
        Assert.InRange(forecast.LiveNeed!.Value, 295, 305);
        Assert.Equal((reason, TimeSpan.FromMinutes(windowMinutes)), (forecast.WindowReason, forecast.Window));
    }

    [Fact]
    public async Task Adaptive_LateInTheDayNeedAboveWhatIsLeft_StillStretches()
    {
        var f = new SchedulerFixture(policy: p => p.CalendarWindows[0].Limit = 400);
        f.Arrive(10, 19 * 60);
        await f.CostABatchAsync(1_000, 100);

        await f.DecideAsync(f.Depth(0));

        // Need 300 of 220 left.
        Assert.Equal((WindowReason.Stretched, TimeSpan.FromMinutes(22.5)), ((await f.Scheduler.ForecastAsync(CancellationToken.None)).WindowReason, f.Scheduler.Window));
    }

    [Fact]
    public async Task Acquire_WhilePacing_HoldsABatchUntilItsShareHasAccrued()
    {
        var f = new SchedulerFixture(o => o.MaxWindow = TimeSpan.FromMinutes(30));
        f.Arrive(1_000, 10);
        for (var i = 0; i < 3; i++)
        {
            await f.CostABatchAsync(1_000, 100);
            f.Time.Advance(TimeSpan.FromMinutes(1));
            await f.DecideAsync(f.Depth(0));
        }

        var grant = await f.Scheduler.AcquireAsync(Lane.Live, 2_000, 100, CancellationToken.None);

        Assert.Equal(ScheduleRule.Pacing, grant.Rule);
        Assert.Equal(300, await f.DayUsedAsync());
        f.Time.Advance(grant.Until!.Value - f.Now);
        Assert.True((await f.Scheduler.AcquireAsync(Lane.Live, 2_000, 100, CancellationToken.None)).IsGo);
    }

    [Fact]
    public async Task Fixed_NeverAdaptsTheWindow()
    {
        var f = new SchedulerFixture(o => o.Mode = SchedulerMode.Fixed);
        f.Arrive(1_000, 10);
        for (var i = 0; i < 3; i++)
        {
            await f.CostABatchAsync(1_000, 100);
            f.Time.Advance(TimeSpan.FromMinutes(1));
            await f.DecideAsync(f.Depth(0));
        }

        var forecast = await f.Scheduler.ForecastAsync(CancellationToken.None);
        Assert.Equal((WindowReason.Fixed, TimeSpan.FromMinutes(15), 1_000), (forecast.WindowReason, forecast.Window, forecast.FullBatch));
        Assert.NotNull(forecast.RunsOutAt);
    }

    [Fact]
    public async Task Forecast_ReadsTodaysUseTheExpectedUseTheHourItRunsOutAndWhy()
    {
        var f = new SchedulerFixture();
        f.Arrive(1_000, 10);
        await f.CostABatchAsync(1_000, 100);
        await f.DecideAsync(f.Depth(0));

        var forecast = await f.Scheduler.ForecastAsync(CancellationToken.None);

        Assert.Equal((100L, 10_000L, 50_000L, 39_900L), (forecast.Used, forecast.Reserve, forecast.Limit, forecast.Left));
        Assert.Equal(SchedulerFixture.NextMidnight, forecast.Reset);
        Assert.Equal(0.1, forecast.CallsPerChange);
        Assert.InRange(forecast.LiveChangesPerMinute, 990, 1_020);

        // 399,000 affordable rows at about 1,000 a minute: the quota runs out near 06:45 in Chicago.
        Assert.InRange(forecast.RunsOutAt!.Value, f.Now.AddMinutes(390), f.Now.AddMinutes(400));
        Assert.Matches("^06:[34][0-9] America/Chicago$", forecast.RunsOutAtLocal);
        Assert.Contains("window stretched to 22m30s", forecast.Reason, StringComparison.Ordinal);
        Assert.Contains("100 of 40,000 usable calls used (reserve 10,000 of 50,000); resets at 00:00 America/Chicago", forecast.Reason, StringComparison.Ordinal);
        Assert.Contains($"the quota would run out at {forecast.RunsOutAtLocal}", forecast.Reason, StringComparison.Ordinal);
    }
}
