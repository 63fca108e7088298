using System.Net;
using System.Text;
using Highwater.Simulators.Marketo;

namespace Highwater.Simulators.Tests.Marketo;

[Collection(InFlightCollection.Name)]
public sealed class MarketoSimulatorLimitTests
{
    [Fact]
    public async Task RateWindow_101stCallIn20Seconds_606_ThenPassesWhenTheWindowMoves()
    {
        await using var sim = await MarketoSimulatorHarness.StartAsync();
        await sim.AuthorizeAsync();
        for (var i = 0; i < 100; i++)
        {
            Assert.True(MarketoSimulatorHarness.Success(await sim.LookupAsync()));
        }

        var refused = await sim.LookupAsync();
        sim.Time.Advance(TimeSpan.FromSeconds(20));
        var later = await sim.LookupAsync();

        Assert.Equal("606", MarketoSimulatorHarness.ErrorCode(refused));
        Assert.True(MarketoSimulatorHarness.Success(later));
        Assert.Equal(1, sim.Simulator.GetCounts().RateLimitRejections);
    }

    [Fact]
    public async Task DailyQuota_Spent_607_UntilMidnightInChicago()
    {
        await using var sim = await MarketoSimulatorHarness.StartAsync(o => o.DailyQuota = 10);
        await sim.AuthorizeAsync();
        sim.Simulator.SetFaults(new MarketoFaults { SpentToday = 9 });
        Assert.True(MarketoSimulatorHarness.Success(await sim.LookupAsync()));
        var refused = await sim.LookupAsync();

        // 12:00 UTC on 3 March 2025 is 06:00 CST; Chicago's midnight is 06:00 UTC on 4 March.
        sim.Time.Advance(TimeSpan.FromHours(17).Add(TimeSpan.FromMinutes(59)));
        await sim.AuthorizeAsync();
        var beforeMidnight = await sim.LookupAsync();
        sim.Time.Advance(TimeSpan.FromMinutes(1));
        await sim.AuthorizeAsync();
        var afterMidnight = await sim.LookupAsync();

        Assert.Equal("607", MarketoSimulatorHarness.ErrorCode(refused));
        Assert.Equal("607", MarketoSimulatorHarness.ErrorCode(beforeMidnight));
        Assert.True(MarketoSimulatorHarness.Success(afterMidnight));
    }

    [Fact]
    public async Task Concurrency_EleventhRequestInFlight_615()
    {
        await using var sim = await MarketoSimulatorHarness.StartAsync();
        await sim.AuthorizeAsync();
        sim.Simulator.SetFaults(new MarketoFaults { SlowMillis = 1000 });
        var slow = Enumerable.Range(0, 10).Select(_ => sim.LookupAsync()).ToList();
        Assert.True(await Eventually.TrueAsync(() => sim.Simulator.InFlight == 10, TimeSpan.FromSeconds(30)));

        var refused = await sim.LookupAsync();
        sim.Time.Advance(TimeSpan.FromSeconds(1));
        var answers = await Task.WhenAll(slow);

        Assert.Equal("615", MarketoSimulatorHarness.ErrorCode(refused));
        Assert.All(answers, a => Assert.True(MarketoSimulatorHarness.Success(a)));
    }

    [Fact]
    public async Task Lookup_UrlOver8KB_414_ButPostWithMethodGetAnswers()
    {
        await using var sim = await MarketoSimulatorHarness.StartAsync();
        await sim.AuthorizeAsync();
        sim.Simulator.Seed(new MarketoSeed(null, [new MarketoSimRecord(null, "person-0000@example.com")]));
        var emails = Enumerable.Range(1, 299).Select(i => $"person-{i:0000}-with-a-rather-long-address@example.com").Prepend("person-0000@example.com");
        var query = "filterType=email&filterValues=" + Uri.EscapeDataString(string.Join(',', emails));

        using var tooLong = await sim.Http.GetAsync("rest/v1/leads.json?" + query);
        using var form = new StringContent(query, Encoding.UTF8, "application/x-www-form-urlencoded");
        using var post = await sim.Http.PostAsync("rest/v1/leads.json?_method=GET", form);
        var answer = System.Text.Json.Nodes.JsonNode.Parse(await post.Content.ReadAsStringAsync())!;

        Assert.Equal(HttpStatusCode.RequestUriTooLong, tooLong.StatusCode);
        Assert.Equal(HttpStatusCode.OK, post.StatusCode);
        Assert.Equal("person-0000@example.com", (string?)answer["result"]![0]!["email"]);
        Assert.Equal(1, sim.Simulator.GetCounts().Of("lookup"));
    }

    [Fact]
    public async Task Body_Over1MB_413()
    {
        await using var sim = await MarketoSimulatorHarness.StartAsync();
        await sim.AuthorizeAsync();
        var big = "{\"input\":[{\"email\":\"a@example.com\",\"company\":\"" + new string('x', 1024 * 1024) + "\"}]}";
        using var content = new StringContent(big, Encoding.UTF8, "application/json");
        using var response = await sim.Http.PostAsync("rest/v1/leads.json", content);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Empty(sim.Simulator.GetState().Records);
    }

    [Fact]
    public async Task ServerErrorFault_502_AndNothingApplied()
    {
        await using var sim = await MarketoSimulatorHarness.StartAsync();
        await sim.AuthorizeAsync();
        sim.Simulator.SetFaults(new MarketoFaults { ServerErrorRate = 1 });
        using var content = new StringContent("{\"action\":\"createOnly\",\"input\":[{\"email\":\"a@example.com\"}]}", Encoding.UTF8, "application/json");
        using var response = await sim.Http.PostAsync("rest/v1/leads.json", content);

        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        Assert.Empty(sim.Simulator.GetState().Records);
    }

    [Fact]
    public async Task DropFault_ConnectionCut_ButTheCallWasApplied()
    {
        await using var sim = await MarketoSimulatorHarness.StartAsync();
        await sim.AuthorizeAsync();
        sim.Simulator.SetFaults(new MarketoFaults { DropRate = 1 });
        using var content = new StringContent("{\"action\":\"createOnly\",\"input\":[{\"email\":\"a@example.com\"}]}", Encoding.UTF8, "application/json");

        await Assert.ThrowsAsync<HttpRequestException>(() => sim.Http.PostAsync("rest/v1/leads.json", content));
        Assert.Equal("a@example.com", Assert.Single(sim.Simulator.GetState().Records).Email);
    }
}
