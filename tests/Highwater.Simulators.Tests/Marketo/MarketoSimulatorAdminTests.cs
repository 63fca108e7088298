using System.Net;
using System.Text;
using System.Text.Json.Nodes;

namespace Highwater.Simulators.Tests.Marketo;

public sealed class MarketoSimulatorAdminTests
{
    [Fact]
    public async Task Edit_DeletesSetsFieldsAndListMembers_CountsNoCall_AndNamesUnknownIds()
    {
        await using var sim = await MarketoSimulatorHarness.StartAsync();
        sim.Simulator.Seed(new Highwater.Simulators.Marketo.MarketoSeed(["VIP"], [new("7149", "a@example.com"), new("7150", "b@example.com"), new("7151", "c@example.com", null, ["VIP"])]));
        using var body = new StringContent("""
            {"delete":["7149","1"],
             "set":[{"id":"7150","field":"firstName","value":"Tampered"}],
             "lists":[{"id":"7150","list":"VIP","member":true},{"id":"7151","list":"VIP","member":false}]}
            """, Encoding.UTF8, "application/json");
        using var response = await sim.Http.PostAsync("_sim/edit", body);
        var answer = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(4, (int)answer["applied"]!);
        Assert.Equal(["1"], answer["missing"]!.AsArray().Select(n => (string?)n));
        var records = sim.Simulator.GetState().Records;
        Assert.Equal(["7150", "7151"], records.Select(r => r.Id));
        Assert.Equal("Tampered", records[0].Fields!["firstName"]);
        Assert.Equal(["VIP"], records[0].Lists!);
        Assert.Empty(records[1].Lists!);
        Assert.Equal(0, sim.Simulator.GetCounts().Total);
    }

    [Fact]
    public async Task Seed_State_Counts_Reset_SpeakTheCommonShapes()
    {
        await using var sim = await MarketoSimulatorHarness.StartAsync();
        using var seedBody = new StringContent("""
            {"lists":["VIP","Churned"],
             "records":[{"id":"7149","email":"a@example.com","fields":{"firstName":"Ann"},"lists":["VIP"]},
                        {"id":null,"email":"b@example.com","fields":{},"lists":[]}]}
            """, Encoding.UTF8, "application/json");
        using var seed = await sim.Http.PostAsync("_sim/seed", seedBody);
        var seeded = JsonNode.Parse(await seed.Content.ReadAsStringAsync())!;

        Assert.Equal(HttpStatusCode.OK, seed.StatusCode);
        Assert.Equal("7149", (string?)seeded["records"]![0]!["id"]);
        Assert.Equal("7150", (string?)seeded["records"]![1]!["id"]);
        Assert.Equal(["VIP", "Churned"], seeded["lists"]!.AsArray().Select(l => (string?)l!["name"]));

        await sim.AuthorizeAsync();
        await sim.LookupAsync();
        var state = await sim.GetJsonAsync("_sim/state");
        var counts = await sim.GetJsonAsync("_sim/counts");

        var first = state["records"]![0]!;
        Assert.Equal(("7149", "a@example.com", "Ann"), ((string?)first["id"], (string?)first["email"], (string?)first["fields"]!["firstName"]));
        Assert.Equal(["VIP"], first["lists"]!.AsArray().Select(n => (string?)n));
        Assert.Equal(1, (long)counts["byKind"]!["lookup"]!);
        Assert.Equal(1, (long)counts["byKind"]!["auth"]!);
        Assert.Equal(0, (long)counts["byKind"]!["upsert"]!);
        Assert.Equal(2, (long)counts["total"]!);
        Assert.Equal(0, (long)counts["rateLimitRejections"]!);

        using var reset = await sim.Http.PostAsync("_sim/reset", null);
        var after = await sim.GetJsonAsync("_sim/state");
        Assert.Equal(HttpStatusCode.NoContent, reset.StatusCode);
        Assert.Empty(after["records"]!.AsArray());
        Assert.Empty(after["lists"]!.AsArray());
        Assert.Equal(0, sim.Simulator.GetCounts().Total);
    }

    [Fact]
    public async Task Faults_SpentToday_CountsAgainstTheQuota()
    {
        await using var sim = await MarketoSimulatorHarness.StartAsync(o => o.DailyQuota = 100);
        await sim.AuthorizeAsync();
        using var faults = MarketoSimulatorHarness.Json(new { spentToday = 100 });
        using var set = await sim.Http.PostAsync("_sim/faults", faults);

        Assert.Equal(HttpStatusCode.NoContent, set.StatusCode);
        Assert.Equal("607", MarketoSimulatorHarness.ErrorCode(await sim.LookupAsync()));
    }
}
