using Highwater.Core.Scheduling;

namespace Highwater.Core.Tests.Scheduling;

/// <summary>The flush rules and the governor's gate, at the configured window (no batch costed yet, so nothing adapts).</summary>
public class BatchSchedulerTests
{
    private static readonly TimeSpan FifteenMinutes = TimeSpan.FromMinutes(15);

    [Fact]
    public async Task Decide_NothingWaits_Waits()
    {
        var f = new SchedulerFixture();

        var decision = await f.DecideAsync(default);

        Assert.Equal((ScheduleRule.NothingWaiting, false, (DateTimeOffset?)null), (decision.Rule, decision.IsFlush, decision.NotBefore));
    }

    [Theory]
    [InlineData(999, 14, ScheduleRule.WindowOpen, 0)]
    [InlineData(1, 0, ScheduleRule.WindowOpen, 0)]
    [InlineData(1_000, 0, ScheduleRule.FullBatch, 1_000)]
    [InlineData(7_000, 0, ScheduleRule.FullBatch, 1_000)]
    [InlineData(1, 15, ScheduleRule.WindowElapsed, 1)]
    [InlineData(400, 40, ScheduleRule.WindowElapsed, 400)]
    public async Task Decide_FlushesAFullBatchOrWhenTheOldestHasWaitedTheWindow(long waiting, int waitedMinutes, ScheduleRule rule, int rows)
    {
        var f = new SchedulerFixture();
        var depth = f.Depth(waiting, TimeSpan.FromMinutes(waitedMinutes));

        var decision = await f.DecideAsync(depth);

        Assert.Equal((rule, Lane.Live, rows), (decision.Rule, decision.Lane, decision.Rows));
        Assert.Equal(rule == ScheduleRule.WindowOpen ? depth.OldestWaitingSince + FifteenMinutes : null, decision.NotBefore);
    }

    [Fact]
    public async Task Decide_FixedMode_UsesTheConfiguredWindowAndBatchSize()
    {
        var f = new SchedulerFixture(o => (o.Mode, o.BatchWindow, o.BatchSize) = (SchedulerMode.Fixed, TimeSpan.FromMinutes(5), 300));

        Assert.Equal(ScheduleRule.WindowOpen, (await f.DecideAsync(f.Depth(299, TimeSpan.FromMinutes(4)))).Rule);
        Assert.Equal(ScheduleRule.WindowElapsed, (await f.DecideAsync(f.Depth(299, TimeSpan.FromMinutes(5)))).Rule);
        Assert.Equal((ScheduleRule.FullBatch, 300), ((await f.DecideAsync(f.Depth(301))).Rule, (await f.DecideAsync(f.Depth(301))).Rows));
    }

    [Fact]
    public async Task Acquire_PaysForTheWholeBatchAtOnce()
    {
        var f = new SchedulerFixture();

        var grant = await f.Scheduler.AcquireAsync(Lane.Live, 300, 14, CancellationToken.None);

        Assert.Equal((ScheduleRule.Paid, 14), (grant.Rule, grant.Lease!.Calls));
        var snapshot = await f.Governor.GetSnapshotAsync(CancellationToken.None);
        Assert.Equal([14L, 14L], snapshot.Windows.Select(w => w.Used));
        Assert.Equal(1, snapshot.InFlight);
        grant.Lease.Dispose();
    }

    [Fact]
    public async Task Acquire_BatchTheShortWindowCannotFinish_WaitsAndCountsNothing()
    {
        var f = new SchedulerFixture();
        await f.CostABatchAsync(300, 90);

        var grant = await f.Scheduler.AcquireAsync(Lane.Live, 300, 14, CancellationToken.None);

        Assert.Equal((ScheduleRule.Governor, f.Now.AddSeconds(21)) /* 20 s and the 1 s arrival guard */, (grant.Rule, grant.Until));
        Assert.Null(grant.Lease);
        Assert.Equal(90, await f.DayUsedAsync());
    }

    [Fact]
    public async Task Acquire_BatchBeyondTheDaysUsableShare_WaitsForMidnightInChicago()
    {
        var f = new SchedulerFixture(policy: p => p.CalendarWindows[0].Limit = 100);
        await f.Ledger.RaiseUsedAsync("marketo-1", "day", SchedulerFixture.Midnight, 75, CancellationToken.None);

        var grant = await f.Scheduler.AcquireAsync(Lane.Live, 300, 6, CancellationToken.None);

        // 100 a day less the 20% reserve leaves 80: 75 + 6 would touch the reserve.
        Assert.Equal((ScheduleRule.Governor, SchedulerFixture.NextMidnight), (grant.Rule, grant.Until));
        Assert.Equal(75, await f.DayUsedAsync());
        Assert.True((await f.Scheduler.AcquireAsync(Lane.Live, 300, 5, CancellationToken.None)).IsGo);
    }

    [Fact]
    public async Task Acquire_PlanCostlierThanTheShortestWindow_AsksForASplit()
    {
        var f = new SchedulerFixture();

        var grant = await f.Scheduler.AcquireAsync(Lane.Live, 5_000, 101, CancellationToken.None);

        Assert.Equal((ScheduleRule.BatchTooLarge, false), (grant.Rule, grant.IsGo));
        Assert.Equal(0, await f.DayUsedAsync());
    }

    [Fact]
    public async Task Acquire_PlanWithoutCalls_GoesWithoutALease()
    {
        var f = new SchedulerFixture();

        var grant = await f.Scheduler.AcquireAsync(Lane.Live, 40, 0, CancellationToken.None);

        Assert.Equal((true, null), (grant.IsGo, grant.Lease));
        Assert.Equal(0, await f.DayUsedAsync());
    }

    [Fact]
    public void Validate_ReportsEveryProblemAtOnce_NamingEachSetting()
    {
        var options = new SchedulerOptions
        {
            MinWindow = TimeSpan.Zero,
            MaxWindow = TimeSpan.FromMinutes(-1),
            BatchWindow = TimeSpan.FromHours(3),
            BatchSize = 0,
            MaxBatchSize = 0,
            RateHalfLife = TimeSpan.Zero,
            BackfillMargin = -0.5,
            SpendTheRestWithin = TimeSpan.FromHours(-1),
        };

        var problems = BatchScheduler.Validate(options);

        Assert.Equal(
            ["minWindow", "maxWindow", "batchWindow", "batchSize", "maxBatchSize", "rateHalfLife", "backfillMargin", "spendTheRestWithin"],
            problems.Select(p => p[..p.IndexOf(':', StringComparison.Ordinal)]));
        var f = new SchedulerFixture();
        var thrown = Assert.Throws<ArgumentException>(() => new BatchScheduler("marketo", options, f.Governor, f.Time));
        Assert.Contains("backfillMargin: must be at least 0 (was -0.5)", thrown.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_Defaults_HaveNoProblem()
    {
        Assert.Empty(BatchScheduler.Validate(new SchedulerOptions()));
    }

    [Theory]
    [InlineData(0, "0s")]
    [InlineData(45, "45s")]
    [InlineData(900, "15m")]
    [InlineData(1350, "22m30s")]
    [InlineData(7200, "2h")]
    [InlineData(5430, "1h30m30s")]
    public void Duration_ReadsLikeAPerson(int seconds, string text)
    {
        Assert.Equal(text, BatchScheduler.Duration(TimeSpan.FromSeconds(seconds)));
    }

    [Fact]
    public async Task Admit_ReservesNothing_TheGateWillPayEachCall()
    {
        var f = new SchedulerFixture();

        var grant = await f.Scheduler.AdmitAsync(Lane.Live, 300, 14, CancellationToken.None);

        Assert.Equal((ScheduleRule.Admitted, true, (Highwater.Core.Governor.GovernorLease?)null), (grant.Rule, grant.IsGo, grant.Lease));
        Assert.Equal(0, await f.DayUsedAsync());
        Assert.Equal(0, (await f.Governor.GetSnapshotAsync(CancellationToken.None)).InFlight);
    }

    [Fact]
    public async Task Admit_EstimateBeyondTheDaysUsableShare_AsksForASplit_AndASingleRowWaitsForMidnight()
    {
        var f = new SchedulerFixture(policy: p => p.CalendarWindows[0].Limit = 100);
        await f.Ledger.RaiseUsedAsync("marketo-1", "day", SchedulerFixture.Midnight, 75, CancellationToken.None);

        // 100 a day less the 20% reserve leaves 80, of which 75 are used: 6 calls do not fit, 5 do.
        var many = await f.Scheduler.AdmitAsync(Lane.Live, 300, 6, CancellationToken.None);
        var one = await f.Scheduler.AdmitAsync(Lane.Live, 1, 6, CancellationToken.None);

        Assert.Equal((ScheduleRule.BatchTooLarge, false), (many.Rule, many.IsGo));
        Assert.Equal((ScheduleRule.Governor, (DateTimeOffset?)SchedulerFixture.NextMidnight), (one.Rule, one.Until));
        Assert.True((await f.Scheduler.AdmitAsync(Lane.Live, 300, 5, CancellationToken.None)).IsGo);
    }
}
