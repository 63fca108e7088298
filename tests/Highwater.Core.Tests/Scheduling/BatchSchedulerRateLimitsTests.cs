using Highwater.Connectors.Mailchimp;
using Highwater.Core.Governor;
using Highwater.Core.Scheduling;

namespace Highwater.Core.Tests.Scheduling;

/// <summary>
/// The window of a service with no daily quota: it follows what the calls cost against the rate
/// windows the service has, at its shortest while they are far below them, and a backlog goes in
/// batches as large as the options allow.
/// </summary>
public class BatchSchedulerRateLimitsTests
{
    private static readonly TimeSpan OneSecond = TimeSpan.FromSeconds(1);

    private static SchedulerFixture Mailchimp(Action<SchedulerOptions>? change = null) => new(change, service: MailchimpService.Policy("mailchimp-1"));

    // Marketo's 100 calls in any 20 s and 10 connections, without its daily quota.
    private static SchedulerFixture RateOnly() => new(policy: p => p.CalendarWindows.Clear());

    [Fact]
    public async Task New_NoDailyQuota_StartsAtItsLongestRateWindow_AndARowGoesOnceItHasWaitedIt()
    {
        var f = Mailchimp();

        var open = await f.DecideAsync(f.Depth(1, TimeSpan.FromMilliseconds(500)));
        var ready = await f.DecideAsync(f.Depth(1, OneSecond));

        Assert.Equal((OneSecond, WindowReason.NoDailyQuota), (f.Scheduler.Window, (await f.Scheduler.ForecastAsync(CancellationToken.None)).WindowReason));
        Assert.Equal((ScheduleRule.WindowOpen, (DateTimeOffset?)(f.Now + TimeSpan.FromMilliseconds(500))), (open.Rule, open.NotBefore));
        Assert.Equal((ScheduleRule.WindowElapsed, 1), (ready.Rule, ready.Rows));
    }

    [Fact]
    public async Task New_NoDailyQuota_ShortestIsAtMostTheMinimumWindow()
    {
        var f = new SchedulerFixture(o => o.MinWindow = TimeSpan.FromSeconds(10), policy: p =>
        {
            p.CalendarWindows.Clear();
            p.RollingWindows[0].Length = TimeSpan.FromMinutes(1);
        });

        await f.DecideAsync(f.Depth(1));

        Assert.Equal(TimeSpan.FromSeconds(10), f.Scheduler.Window);
    }

    [Theory]
    [InlineData(7_000, 5_000)]
    [InlineData(3_000, 3_000)]
    public async Task Decide_NoDailyQuota_ABacklogGoesInBatchesUpToTheLargest(long waiting, int rows)
    {
        var f = Mailchimp();

        var decision = await f.DecideAsync(f.Depth(waiting, OneSecond));

        Assert.Equal((ScheduleRule.FullBatch, rows), (decision.Rule, decision.Rows));
    }

    [Fact]
    public async Task Decide_NoDailyQuota_FixedModeKeepsTheConfiguredWindowAndBatch()
    {
        var f = Mailchimp(o => o.Mode = SchedulerMode.Fixed);

        var decision = await f.DecideAsync(f.Depth(7_000));

        Assert.Equal((TimeSpan.FromMinutes(15), ScheduleRule.FullBatch, 1_000), (f.Scheduler.Window, decision.Rule, decision.Rows));
        Assert.Equal(WindowReason.Fixed, (await f.Scheduler.ForecastAsync(CancellationToken.None)).WindowReason);
    }

    [Fact]
    public async Task Adapt_FewChangesFarBelowTheRateLimits_StaysAtTheShortest_AndSaysWhy()
    {
        var f = Mailchimp();
        f.Arrive(10, 10);
        await f.CostABatchAsync(1, 2);

        await f.DecideAsync(f.Depth(1));
        var forecast = await f.Scheduler.ForecastAsync(CancellationToken.None);

        Assert.Equal((WindowReason.NoDailyQuota, OneSecond, (string?)null, (long?)null), (forecast.WindowReason, forecast.Window, forecast.QuotaWindow, forecast.BackfillAllowance));
        Assert.Equal(
            "window at its shortest, 1s: no daily quota to save calls for, and the calls stay well below the rate limits. No daily quota; the rate limits allow 1,000.0 calls a second; at 10.1 changes/min and 2 calls a change, the changes need 0.34 a second",
            forecast.Reason);
    }

    [Fact]
    public async Task Adapt_CallsNearTheRateLimits_Stretches_ThenShrinksBackWhenTheyFall()
    {
        var f = RateOnly();
        f.Arrive(5_000, 5);
        await f.CostABatchAsync(1_000, 90);

        // 83 changes a second at 0.09 calls each need 7.5 calls a second; 100 in 20 s allow 5.
        await f.DecideAsync(f.Depth(10));
        var stretched = await f.Scheduler.ForecastAsync(CancellationToken.None);
        f.Arrive(0, 240);
        await f.DecideAsync(f.Depth(10));
        var shrunk = await f.Scheduler.ForecastAsync(CancellationToken.None);

        Assert.Equal((WindowReason.Stretched, TimeSpan.FromSeconds(30)), (stretched.WindowReason, stretched.Window));
        Assert.Equal("window stretched to 30s (full batch 1,000 rows): the calls would come near the rate limits. No daily quota; the rate limits allow 5.0 calls a second; at 5,028.9 changes/min and 0.09 calls a change, the changes need 7.54 a second", stretched.Reason);
        Assert.Equal((WindowReason.NoDailyQuota, TimeSpan.FromSeconds(20)), (shrunk.WindowReason, shrunk.Window));
    }

    [Fact]
    public async Task Adapt_RateLimitLoweredByTheService_CountsTheLowerLimit()
    {
        var f = RateOnly();
        f.Arrive(1_000, 5);
        await f.CostABatchAsync(1_000, 90);

        // 16.7 changes a second need 1.5 calls a second: below half of 5, above half of 2.5 (a lowered 50 in 20 s).
        await f.DecideAsync(f.Depth(10));
        var before = f.Scheduler.Window;
        await f.Governor.ReportAsync(ServiceSignal.Usage(0, limit: 50), CancellationToken.None);
        f.Time.Advance(TimeSpan.FromSeconds(20));
        await f.DecideAsync(f.Depth(10));

        Assert.Equal((TimeSpan.FromSeconds(20), WindowReason.Held), (before, (await f.Scheduler.ForecastAsync(CancellationToken.None)).WindowReason));
    }
}
