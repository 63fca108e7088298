using System.Net;
using Highwater.Simulators.Pardot;

namespace Highwater.Simulators.Tests.Pardot;

[Collection(InFlightCollection.Name)]
public sealed class PardotSimulatorLimitTests
{
    [Theory]
    [InlineData(400)]
    [InlineData(429)]
    public async Task Concurrency_SixthRequestInFlight_Code66_WithTheConfiguredStatus(int status)
    {
        await using var sim = await PardotSimulatorHarness.StartAsync(o => o.LimitStatus = status);
        await sim.AuthorizeAsync();
        sim.Simulator.SetFaults(new PardotFaults { SlowMillis = 1000 });
        var slow = Enumerable.Range(0, 5).Select(_ => sim.ReadByEmailAsync("a@example.com")).ToList();
        Assert.True(await Eventually.TrueAsync(() => sim.Simulator.InFlight == 5, TimeSpan.FromSeconds(30)));

        var refused = await sim.ReadByEmailAsync("a@example.com");
        sim.Time.Advance(TimeSpan.FromSeconds(1));
        var answers = await Task.WhenAll(slow);

        Assert.Equal(((HttpStatusCode)status, 66), (refused.Status, PardotSimulatorHarness.ErrorCode(refused.Body)));
        Assert.Equal("You have exceeded your concurrent request limit.  Please wait, before trying again", (string?)refused.Body!["err"]);
        Assert.All(answers, a => Assert.Equal(4, PardotSimulatorHarness.ErrorCode(a.Body)));
        Assert.Equal(1, sim.Simulator.GetCounts().RateLimitRejections);
    }

    [Fact]
    public async Task DailyQuota_Spent_Code122_UntilMidnightInTheConfiguredZone()
    {
        await using var sim = await PardotSimulatorHarness.StartAsync(o => { o.DailyQuota = 3; o.QuotaTimeZone = "Europe/Berlin"; });
        await sim.AuthorizeAsync();
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(4, PardotSimulatorHarness.ErrorCode((await sim.ReadByEmailAsync("a@example.com")).Body));
        }

        var refused = await sim.ReadByEmailAsync("a@example.com");
        // 12:00 UTC on 3 March 2025 is 13:00 in Berlin; Berlin's midnight is 23:00 UTC.
        sim.Time.Advance(TimeSpan.FromHours(10).Add(TimeSpan.FromMinutes(59)));
        await sim.AuthorizeAsync();
        var beforeMidnight = await sim.ReadByEmailAsync("a@example.com");
        sim.Time.Advance(TimeSpan.FromMinutes(1));
        var afterMidnight = await sim.ReadByEmailAsync("a@example.com");

        Assert.Equal(122, PardotSimulatorHarness.ErrorCode(refused.Body));
        Assert.Equal("Daily API rate limit met", (string?)refused.Body!["err"]);
        Assert.Equal(122, PardotSimulatorHarness.ErrorCode(beforeMidnight.Body));
        Assert.Equal(4, PardotSimulatorHarness.ErrorCode(afterMidnight.Body));
    }

    [Fact]
    public async Task SpentToday_OtherIntegrationsCalls_CountAgainstTheDay()
    {
        await using var sim = await PardotSimulatorHarness.StartAsync(o => o.DailyQuota = 100);
        await sim.AuthorizeAsync();
        sim.Simulator.SetFaults(new PardotFaults { SpentToday = 100 });

        var refused = await sim.ReadByEmailAsync("a@example.com");

        Assert.Equal(122, PardotSimulatorHarness.ErrorCode(refused.Body));
    }

    [Fact]
    public async Task V5_Code122_InTheV5Envelope()
    {
        await using var sim = await PardotSimulatorHarness.StartAsync(o => o.DailyQuota = 1);
        await sim.AuthorizeAsync();
        await sim.ReadByEmailAsync("a@example.com");

        var (_, body) = await sim.GetAsync("api/v5/imports/1");

        Assert.Equal("""{"code":122,"message":"Daily API rate limit met"}""", body!.ToJsonString());
    }

    [Fact]
    public async Task ServerError_500_NothingApplied()
    {
        await using var sim = await PardotSimulatorHarness.StartAsync();
        await sim.AuthorizeAsync();
        sim.Simulator.SetFaults(new PardotFaults { ServerErrorRate = 1 });

        var (status, _) = await sim.BatchUpsertAsync("""{"prospects":[{"email":"a@example.com"}]}""");

        Assert.Equal(HttpStatusCode.InternalServerError, status);
        Assert.Empty(sim.Simulator.GetState().Records);
    }
}
