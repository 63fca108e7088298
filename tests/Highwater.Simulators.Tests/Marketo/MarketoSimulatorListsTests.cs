using System.Text;
using System.Text.Json.Nodes;
using Highwater.Simulators.Marketo;

namespace Highwater.Simulators.Tests.Marketo;

public sealed class MarketoSimulatorListsTests
{
    [Fact]
    public async Task ListMembership_AddByBody_RemoveByQuery_NotMember1015_NoLead1004()
    {
        await using var sim = await MarketoSimulatorHarness.StartAsync();
        await sim.AuthorizeAsync();
        var seeded = sim.Simulator.Seed(new MarketoSeed(["Churned"], [new MarketoSimRecord("7149", "a@example.com"), new MarketoSimRecord("7150", "b@example.com")]));
        var listId = seeded.Lists.Single().Id;

        var added = await sim.PostJsonAsync($"rest/v1/lists/{listId}/leads.json", """{"input":[{"id":7149},{"id":1}]}""");
        using var remove = new HttpRequestMessage(HttpMethod.Delete, $"rest/v1/lists/{listId}/leads.json?id=7149&id=7150");
        var removed = await sim.SendJsonAsync(remove);

        Assert.Equal("added", (string?)added["result"]![0]!["status"]);
        Assert.Equal("1004", (string?)added["result"]![1]!["reasons"]![0]!["code"]);
        Assert.Equal("removed", (string?)removed["result"]![0]!["status"]);
        Assert.Equal("1015", (string?)removed["result"]![1]!["reasons"]![0]!["code"]);
        Assert.All(sim.Simulator.GetState().Records, r => Assert.Empty(r.Lists!));
        var counts = sim.Simulator.GetCounts();
        Assert.Equal((1, 1), (counts.Of("listAdd"), counts.Of("listRemove")));
    }

    [Fact]
    public async Task MemberOfList_AnswersMemberofOrNotmemberofPerId_AndSkips1004ForNoLead()
    {
        await using var sim = await MarketoSimulatorHarness.StartAsync();
        await sim.AuthorizeAsync();
        var seeded = sim.Simulator.Seed(new MarketoSeed(["Churned"], [new MarketoSimRecord("7149", "a@example.com", null, ["Churned"]), new MarketoSimRecord("7150", "b@example.com")]));
        var listId = seeded.Lists.Single().Id;

        var answer = await sim.GetJsonAsync($"rest/v1/lists/{listId}/leads/ismember.json?id=7149,7150,1");
        var unknown = await sim.GetJsonAsync("rest/v1/lists/999/leads/ismember.json?id=7149");

        var result = (JsonArray)answer["result"]!;
        Assert.Equal([(7149L, "memberof"), (7150L, "notmemberof")], result.Take(2).Select(r => ((long)r!["id"]!, (string)r["status"]!)));
        Assert.Equal(("skipped", "1004"), ((string?)result[2]!["status"], (string?)result[2]!["reasons"]![0]!["code"]));
        Assert.Equal("1013", MarketoSimulatorHarness.ErrorCode(unknown));
        Assert.Equal(2, sim.Simulator.GetCounts().Of("listIsMember"));
    }

    [Fact]
    public async Task ListMembership_UnknownList_1013()
    {
        await using var sim = await MarketoSimulatorHarness.StartAsync();
        await sim.AuthorizeAsync();
        var answer = await sim.PostJsonAsync("rest/v1/lists/999/leads.json", """{"input":[{"id":1}]}""");
        Assert.Equal("1013", MarketoSimulatorHarness.ErrorCode(answer));
    }

    [Fact]
    public async Task StaticLists_ByName_MissingIsAWarning_CreateThenFind()
    {
        await using var sim = await MarketoSimulatorHarness.StartAsync();
        await sim.AuthorizeAsync();
        var before = await sim.GetJsonAsync("rest/asset/v1/staticList/byName.json?name=" + Uri.EscapeDataString("(test) High Value"));
        using var form = new StringContent("name=%28test%29%20High%20Value&folder=%7B%22type%22%3A%22Folder%22%2C%22id%22%3A12%7D", Encoding.UTF8, "application/x-www-form-urlencoded");
        using var post = await sim.Http.PostAsync("rest/asset/v1/staticLists.json", form);
        var created = JsonNode.Parse(await post.Content.ReadAsStringAsync())!;
        var after = await sim.GetJsonAsync("rest/asset/v1/staticList/byName.json?name=" + Uri.EscapeDataString("(test) High Value"));
        var browse = await sim.GetJsonAsync("rest/asset/v1/staticLists.json?maxReturn=200");

        Assert.True(MarketoSimulatorHarness.Success(before));
        Assert.Null(before["result"]);
        Assert.Equal("No assets found for the given search criteria.", (string?)before["warnings"]![0]);
        Assert.Equal("(test) High Value", (string?)created["result"]![0]!["name"]);
        Assert.Equal(12, (long)created["result"]![0]!["folder"]!["id"]!);
        Assert.Equal((long)created["result"]![0]!["id"]!, (long)after["result"]![0]!["id"]!);
        Assert.Single((JsonArray)browse["result"]!);
        Assert.Equal(4, sim.Simulator.GetCounts().Of("lists"));
    }

    [Fact]
    public async Task StaticLists_CreateExistingName_709()
    {
        await using var sim = await MarketoSimulatorHarness.StartAsync();
        await sim.AuthorizeAsync();
        sim.Simulator.Seed(new MarketoSeed(["VIP"], null));
        using var form = new StringContent("name=VIP&folder=%7B%22id%22%3A12%2C%22type%22%3A%22Folder%22%7D", Encoding.UTF8, "application/x-www-form-urlencoded");
        using var post = await sim.Http.PostAsync("rest/asset/v1/staticLists.json", form);
        var answer = (JsonObject)JsonNode.Parse(await post.Content.ReadAsStringAsync())!;

        Assert.Equal("709", MarketoSimulatorHarness.ErrorCode(answer));
        Assert.Single(sim.Simulator.GetState().Lists);
    }
}
