using Highwater.Core.Scheduling;

namespace Highwater.Core.Tests.Scheduling;

/// <summary>Live and backfill: a backfill spends only what the live changes are forecast to leave.</summary>
public class BatchSchedulerLaneTests
{
    private static readonly TimeSpan AnHour = TimeSpan.FromHours(1);

    [Fact]
    public async Task Decide_LiveDueAndBackfillFull_FlushesLiveFirst()
    {
        var f = new SchedulerFixture();

        var decision = await f.DecideAsync(f.Depth(10, AnHour), f.Depth(50_000, AnHour));

        Assert.Equal((ScheduleRule.WindowElapsed, Lane.Live, 10), (decision.Rule, decision.Lane, decision.Rows));
    }

    [Fact]
    public async Task Decide_LiveNotDue_FlushesAFullBackfillBatch()
    {
        var f = new SchedulerFixture();

        var decision = await f.DecideAsync(f.Depth(10), f.Depth(50_000));

        Assert.Equal((ScheduleRule.FullBatch, Lane.Backfill, 5_000), (decision.Rule, decision.Lane, decision.Rows));
    }

    [Fact]
    public async Task Decide_NeitherDue_AsksAgainWhenTheSoonerWindowEnds()
    {
        var f = new SchedulerFixture();
        var live = f.Depth(10, TimeSpan.FromMinutes(2));
        var backfill = f.Depth(10, TimeSpan.FromMinutes(9));

        var decision = await f.DecideAsync(live, backfill);

        Assert.Equal((ScheduleRule.WindowOpen, Lane.Backfill, backfill.OldestWaitingSince + TimeSpan.FromMinutes(15)), (decision.Rule, decision.Lane, decision.NotBefore));
    }

    [Fact]
    public async Task Backfill_WithRoomBeyondTheLiveForecast_Goes()
    {
        var f = new SchedulerFixture();
        f.Arrive(10, 10);
        await f.CostABatchAsync(100, 10);

        var decision = await f.DecideAsync(default, f.Depth(50_000));
        var grant = await f.Scheduler.AcquireAsync(Lane.Backfill, decision.Rows, 60, CancellationToken.None);

        Assert.Equal((ScheduleRule.FullBatch, Lane.Backfill), (decision.Rule, decision.Lane));
        Assert.True(grant.IsGo, grant.Reason);
    }

    [Fact]
    public async Task Backfill_LiveForecastNeedsWhatIsLeft_WaitsForTheReset()
    {
        var f = new SchedulerFixture();

        // 245 live rows a minute at 0.1 calls until the reset: about 35,000 of the 39,900 left,
        // which with the 25% margin leaves the backfill nothing.
        f.Arrive(245, 10);
        await f.CostABatchAsync(1_000, 100);

        var decision = await f.DecideAsync(default, f.Depth(50_000));
        var grant = await f.Scheduler.AcquireAsync(Lane.Backfill, 5_000, 40, CancellationToken.None);

        Assert.Equal((ScheduleRule.BackfillBudget, Lane.Backfill, SchedulerFixture.NextMidnight), (decision.Rule, decision.Lane, decision.NotBefore));
        Assert.Equal((ScheduleRule.BackfillBudget, SchedulerFixture.NextMidnight), (grant.Rule, grant.Until));
        Assert.Equal(100, await f.DayUsedAsync());
        Assert.Equal(0, (await f.Scheduler.ForecastAsync(CancellationToken.None)).BackfillAllowance);
    }

    [Fact]
    public async Task Backfill_DoesNotMoveTheLiveCostOrPace()
    {
        var f = new SchedulerFixture();
        f.Arrive(10, 10);
        await f.CostABatchAsync(100, 10);

        await f.CostABatchAsync(5_000, 90, Lane.Backfill);

        Assert.Equal(0.1, (await f.Scheduler.ForecastAsync(CancellationToken.None)).CallsPerChange);
    }
}
