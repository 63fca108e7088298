using Highwater.Core.Scheduling;

namespace Highwater.Core.Tests.Scheduling;

/// <summary>
/// Arrivals told with the time since their source's previous poll count as arriving over that span:
/// a process that polls once (<c>sync</c>) forecasts the rate they came at, not a burst a minute.
/// </summary>
public sealed class BatchSchedulerArrivalSpanTests
{
    [Fact]
    public async Task RecordArrivals_SinceTheLastPollAnHourAgo_ReadsAsTheRateOverTheHour()
    {
        // A scheduler made just now, as a sync's is, told of what the source changed in the hour since its last poll.
        var f = new SchedulerFixture();

        f.Scheduler.RecordArrivals(Lane.Live, 600, since: f.Now - TimeSpan.FromHours(1));

        var forecast = await f.Scheduler.ForecastAsync(CancellationToken.None);
        Assert.Equal(10.0, forecast.LiveChangesPerMinute, 6);
    }

    [Fact]
    public async Task RecordArrivals_AtOnce_ReadsAsABurstOverTheWarmUp_WhichIsWhatTheSpanAvoids()
    {
        var f = new SchedulerFixture();

        f.Scheduler.RecordArrivals(Lane.Live, 600);

        // The one-minute warm-up: about 600 a minute, sixty times the rate they came at.
        var forecast = await f.Scheduler.ForecastAsync(CancellationToken.None);
        Assert.InRange(forecast.LiveChangesPerMinute, 600, 610);
    }

    [Fact]
    public async Task RecordArrivals_SpansAfterARunningStart_AddUpToTheRateOfEach()
    {
        var f = new SchedulerFixture();
        for (var i = 0; i < 6; i++)
        {
            var since = f.Now;
            f.Time.Advance(TimeSpan.FromMinutes(10));
            f.Scheduler.RecordArrivals(Lane.Live, 50, since);
        }

        // 300 in the hour the scheduler has run: 5 a minute (the hour-long half-life barely weighs the early ones down).
        var forecast = await f.Scheduler.ForecastAsync(CancellationToken.None);
        Assert.InRange(forecast.LiveChangesPerMinute, 4.9, 5.1);
    }
}
