using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Highwater.Simulators.Tests.Pardot;

/// <summary>The <c>/_sim/</c> endpoints in the shapes every simulator shares.</summary>
public sealed class PardotSimulatorAdminTests
{
    [Fact]
    public async Task SeedStateCountsFaultsReset_OverHttp()
    {
        await using var sim = await PardotSimulatorHarness.StartAsync();
        using var seed = await sim.Http.PostAsJsonAsync("_sim/seed", new
        {
            lists = new[] { "VIP" },
            records = new[] { new { id = "42", email = "a@example.com", fields = new Dictionary<string, string?> { ["first_name"] = "A" }, lists = new[] { "Trial" } } },
        });
        var seeded = JsonNode.Parse(await seed.Content.ReadAsStringAsync())!;
        await sim.AuthorizeAsync();
        await sim.ReadByEmailAsync("a@example.com");

        var state = JsonNode.Parse(await sim.Http.GetStringAsync("_sim/state"))!;
        var counts = JsonNode.Parse(await sim.Http.GetStringAsync("_sim/counts"))!;
        using var faults = await sim.Http.PostAsJsonAsync("_sim/faults", new { serverErrorRate = 1.0 });
        var failing = await sim.ReadByEmailAsync("a@example.com");
        using var reset = await sim.Http.PostAsync(new Uri("_sim/reset", UriKind.Relative), null);
        var after = JsonNode.Parse(await sim.Http.GetStringAsync("_sim/state"))!;

        Assert.Equal("42", (string?)seeded["records"]![0]!["id"]);
        Assert.Equal(["VIP", "Trial"], seeded["lists"]!.AsArray().Select(l => (string?)l!["name"]));
        Assert.Equal("""{"id":"42","email":"a@example.com","fields":{"first_name":"A"},"lists":["Trial"]}""", state["records"]![0]!.ToJsonString());
        Assert.Equal((1, 0), ((int)counts["byKind"]!["lookup"]!, (int)counts["rateLimitRejections"]!));
        Assert.Equal(HttpStatusCode.NoContent, faults.StatusCode);
        Assert.Equal(HttpStatusCode.InternalServerError, failing.Status);
        Assert.Equal(HttpStatusCode.NoContent, reset.StatusCode);
        Assert.Empty(after["records"]!.AsArray());
    }

    [Fact]
    public async Task Seed_UnknownField_400WithTheReason()
    {
        await using var sim = await PardotSimulatorHarness.StartAsync();

        using var response = await sim.Http.PostAsJsonAsync("_sim/seed", new { records = new[] { new { email = "a@example.com", fields = new { shoe_size = "44" } } } });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("no field 'shoe_size'", (string?)JsonNode.Parse(await response.Content.ReadAsStringAsync())!["error"], StringComparison.Ordinal);
    }
}
