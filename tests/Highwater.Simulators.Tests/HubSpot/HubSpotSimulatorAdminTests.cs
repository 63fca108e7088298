using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Highwater.Simulators.HubSpot;
using Microsoft.Extensions.Time.Testing;

namespace Highwater.Simulators.Tests.HubSpot;

/// <summary>HubSpot's side of the shared <c>/_sim/</c> admin and limiter: its own seed, its own fault, its headers and 429 bodies.</summary>
public sealed class HubSpotSimulatorAdminTests
{
    private static readonly DateTimeOffset Start = new(2025, 3, 3, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task HubSpotSeed_TakesPropertiesAndDynamicLists_OverHttp()
    {
        await using var simulator = await HubSpotSimulator.StartAsync(new HubSpotSimulatorOptions { TimeProvider = new FakeTimeProvider(Start) });
        using var http = new HttpClient { BaseAddress = simulator.BaseAddress };

        using var answer = await http.PostAsync("_sim/hubspot/seed", Json("""{"properties":["plan_tier"],"dynamicLists":["Active"],"lists":["Trial"],"records":[{"id":"501","email":"a@example.com","fields":{"plan_tier":"gold"},"lists":["Trial"]}]}"""));

        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        var state = simulator.GetState();
        Assert.Equal([("Active", "DYNAMIC"), ("Trial", "MANUAL")], state.Lists.Select(l => (l.Name, l.ProcessingType)).Order());
        var contact = Assert.Single(state.Records);
        Assert.Equal(("501", "gold", "Trial"), (contact.Id, contact.Fields["plan_tier"], Assert.Single(contact.Lists)));
        Assert.Equal(0, simulator.GetCounts().Total);
    }

    [Fact]
    public async Task SpentTenSeconds_FillsTheWindowNotTheDay_Then429WithThePolicyName_CountedAsARefusal()
    {
        var time = new FakeTimeProvider(Start);
        await using var simulator = await HubSpotSimulator.StartAsync(new HubSpotSimulatorOptions { TimeProvider = time, TenSecondLimit = 3 });
        using var http = new HttpClient { BaseAddress = simulator.BaseAddress };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", new HubSpotSimulatorOptions().AccessToken);
        using var faults = await http.PostAsync("_sim/faults", Json("""{"spentTenSeconds":2,"spentToday":10}"""));
        Assert.Equal(HttpStatusCode.NoContent, faults.StatusCode);

        using var first = await http.GetAsync("crm/v3/properties/contacts");
        using var refused = await http.GetAsync("crm/v3/properties/contacts");

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(("0", "249989"), (Header(first, "X-HubSpot-RateLimit-Remaining"), Header(first, "X-HubSpot-RateLimit-Daily-Remaining")));
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        var body = JsonNode.Parse(await refused.Content.ReadAsStringAsync())!;
        Assert.Equal(("TEN_SECONDLY_ROLLING", "RATE_LIMIT"), ((string?)body["policyName"], (string?)body["errorType"]));
        Assert.Equal((1L, 1L), (simulator.GetCounts().RateLimitRejections, simulator.GetCounts().Of("fields")));

        time.Advance(TimeSpan.FromSeconds(10));
        using var later = await http.GetAsync("crm/v3/properties/contacts");
        Assert.Equal(HttpStatusCode.OK, later.StatusCode);
    }

    private static StringContent Json(string text) => new(text, Encoding.UTF8, "application/json");

    private static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? values.Single() : null;
}
