using System.Net;
using System.Text.Json.Nodes;
using Highwater.Simulators.Pardot;

namespace Highwater.Simulators.Tests.Pardot;

public sealed class PardotSimulatorProspectsTests : IAsyncLifetime
{
    private PardotSimulatorHarness _sim = null!;

    public async Task InitializeAsync()
    {
        _sim = await PardotSimulatorHarness.StartAsync(o => o.CustomFields.Add("plan"));
        await _sim.AuthorizeAsync();
    }

    public async Task DisposeAsync() => await _sim.DisposeAsync();

    [Fact]
    public async Task ReadByEmail_OneProspect_AnObjectWithItsListSubscription_AnyCase()
    {
        _sim.Simulator.Seed(new PardotSeed(["Churned"], [new PardotSimRecord("23828580", "grouparoo@demo.com", new Dictionary<string, string?> { ["first_name"] = "John" }, ["VIP"])]));

        var (status, body) = await _sim.ReadByEmailAsync("Grouparoo@Demo.com");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("ok", (string?)body!["@attributes"]!["stat"]);
        var prospect = Assert.IsType<JsonObject>(body["prospect"]);
        Assert.Equal((23828580L, "John", "grouparoo@demo.com"), ((long)prospect["id"]!, (string?)prospect["first_name"], (string?)prospect["email"]));
        Assert.Null(prospect["last_name"]);
        var subscription = Assert.IsType<JsonObject>(prospect["lists"]!["list_subscription"]);
        Assert.Equal("VIP", (string?)subscription["list"]!["name"]);
        Assert.Equal(1, _sim.Simulator.GetCounts().Of("lookup"));
    }

    [Fact]
    public async Task ReadByEmail_TwoProspectsTwoLists_ArraysBoth_NoListsIsNull()
    {
        _sim.Simulator.Seed(new PardotSeed(null,
        [
            new PardotSimRecord(null, "twin@example.com", null, ["A", "B"]),
            new PardotSimRecord(null, "twin@example.com"),
        ]));

        var body = (await _sim.ReadByEmailAsync("twin@example.com")).Body!;

        var prospects = Assert.IsType<JsonArray>(body["prospect"]);
        Assert.Equal(2, Assert.IsType<JsonArray>(prospects[0]!["lists"]!["list_subscription"]).Count);
        Assert.Null(prospects[1]!["lists"]);
    }

    [Fact]
    public async Task ReadByEmail_Unknown_Http400Code4_AsRecorded()
    {
        var (status, body) = await _sim.ReadByEmailAsync("nobody@example.com");

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("""{"@attributes":{"stat":"fail","version":1,"err_code":4},"err":"Invalid prospect email address"}""", body!.ToJsonString());
    }

    [Fact]
    public async Task BatchUpsert_CreatesWithoutId_UpdatesById_201WhenItCreated()
    {
        var seeded = _sim.Simulator.Seed(new PardotSeed(null, [new PardotSimRecord(null, "known@example.com", new Dictionary<string, string?> { ["first_name"] = "Old", ["job_title"] = "Analyst" })]));
        var id = seeded.Records[0].Id;

        var created = await _sim.BatchUpsertAsync("""{"prospects":[{"email":"new@example.com","first_name":"New","plan":"gold"}]}""");
        var updated = await _sim.BatchUpsertAsync($$"""{"prospects":[{"email":"known@example.com","id":{{id}},"first_name":"John","job_title":""}]}""");

        Assert.Equal(HttpStatusCode.Created, created.Status);
        Assert.Equal("""{"@attributes":{"stat":"ok","version":1},"errors":{}}""", created.Body!.ToJsonString());
        Assert.Equal(HttpStatusCode.OK, updated.Status);
        Assert.Equal("gold", _sim.Prospect("new@example.com").Fields!["plan"]);
        var known = _sim.Prospect("known@example.com");
        Assert.Equal(("John", false), (known.Fields!["first_name"], known.Fields.ContainsKey("job_title")));
    }

    [Fact]
    public async Task BatchUpsert_ByEmailAlone_CreatesAnotherProspect_AsV4Documents()
    {
        _sim.Simulator.Seed(new PardotSeed(null, [new PardotSimRecord(null, "dup@example.com")]));

        await _sim.BatchUpsertAsync("""{"prospects":[{"email":"dup@example.com","first_name":"Again"}]}""");

        Assert.Equal(2, _sim.Simulator.GetState().Records.Count(r => r.Email == "dup@example.com"));
    }

    [Fact]
    public async Task BatchUpsert_ErrorsByIndex_TheRestApplied_ListsJoinedAndLeft()
    {
        var seeded = _sim.Simulator.Seed(new PardotSeed(["VIP", "Churned"], [new PardotSimRecord(null, "member@example.com", null, ["Churned"])]));
        var vip = seeded.Lists.Single(l => l.Name == "VIP").Id;
        var churned = seeded.Lists.Single(l => l.Name == "Churned").Id;

        var (status, body) = await _sim.BatchUpsertAsync($$"""
            {"prospects":[
              {"email":"member@example.com","id":{{seeded.Records[0].Id}},"list_{{vip}}":1,"list_{{churned}}":0},
              {"email":"not-an-email","first_name":"Bad"},
              {"email":"ok@example.com","list_999":1},
              {"email":"shoe@example.com","shoe_size":"44"},
              {"id":1,"first_name":"Ghost"}]}
            """);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("""{"1":"Invalid prospect email address","2":"Invalid list ID","3":"One or more of the specified fields are invalid","4":"Non-existent prospect ID; No email address provided"}""", body!["errors"]!.ToJsonString());
        Assert.Equal(["VIP"], _sim.Prospect("member@example.com").Lists);
        Assert.DoesNotContain(_sim.Simulator.GetState().Records, r => r.Email is "ok@example.com" or "shoe@example.com");
        Assert.Equal(4, _sim.Simulator.GetCounts().RecordRejections);
    }

    [Fact]
    public async Task BatchUpsert_51Prospects_Code70_NothingApplied()
    {
        var prospects = string.Join(",", Enumerable.Range(0, 51).Select(i => $$"""{"email":"p{{i}}@example.com"}"""));

        var (status, body) = await _sim.BatchUpsertAsync($$"""{"prospects":[{{prospects}}]}""");

        Assert.Equal((HttpStatusCode.BadRequest, 70), (status, PardotSimulatorHarness.ErrorCode(body)));
        Assert.Empty(_sim.Simulator.GetState().Records);
    }

    [Fact]
    public async Task BatchUpsert_NotJson_Code71()
    {
        var (_, body) = await _sim.BatchUpsertAsync("{prospects:");

        Assert.Equal(71, PardotSimulatorHarness.ErrorCode(body));
    }

    [Fact]
    public async Task Delete_204_ThenGoneFromRead_ButInTheRecycleBinQuery()
    {
        var id = _sim.Simulator.Seed(new PardotSeed(null, [new PardotSimRecord(null, "bye@example.com")])).Records[0].Id;

        var deleted = await _sim.SendAsync(HttpMethod.Post, $"api/prospect/version/4/do/delete/id/{id}?format=json");
        var again = await _sim.SendAsync(HttpMethod.Post, $"api/prospect/version/4/do/delete/id/{id}?format=json");
        var read = await _sim.ReadByEmailAsync("bye@example.com");
        var bin = (await _sim.GetAsync("api/prospect/version/4/do/query?format=json&output=mobile&deleted=true")).Body!;

        Assert.Equal((HttpStatusCode.NoContent, (JsonObject?)null), (deleted.Status, deleted.Body));
        Assert.Equal(3, PardotSimulatorHarness.ErrorCode(again.Body));
        Assert.Equal(4, PardotSimulatorHarness.ErrorCode(read.Body));
        Assert.Equal((1, "bye@example.com"), ((int)bin["result"]!["total_results"]!, (string?)bin["result"]!["prospect"]!["email"]));
    }

    [Fact]
    public async Task Query_ByList_MobileOutput_ArrayForSeveral()
    {
        _sim.Simulator.Seed(new PardotSeed(null,
        [
            new PardotSimRecord(null, "a@example.com", new Dictionary<string, string?> { ["first_name"] = "A" }, ["VIP"]),
            new PardotSimRecord(null, "b@example.com", null, ["VIP"]),
            new PardotSimRecord(null, "c@example.com"),
        ]));
        var vip = _sim.Simulator.GetState().Lists.Single().Id;

        var body = (await _sim.GetAsync($"api/prospect/version/4/do/query?format=json&output=mobile&list_id={vip}")).Body!;

        var result = body["result"]!;
        Assert.Equal(2, (int)result["total_results"]!);
        var first = result["prospect"]![0]!.AsObject();
        Assert.Equal(["id", "first_name", "last_name", "email", "company"], first.Select(p => p.Key));
    }

    [Fact]
    public async Task Lists_CreateThenQueryByName_AsRecorded()
    {
        var none = (await _sim.GetAsync("api/list/version/4/do/query?format=json&name=%28test%29%20High%20Value")).Body!;
        var created = (await _sim.SendAsync(HttpMethod.Post, "api/list/version/4/do/create?format=json&name=%28test%29%20High%20Value")).Body!;
        var found = (await _sim.GetAsync("api/list/version/4/do/query?format=json&name=%28test%29%20high%20value")).Body!;

        Assert.Equal("""{"total_results":0}""", none["result"]!.ToJsonString());
        Assert.Equal("(test) High Value", (string?)created["list"]!["name"]);
        Assert.Equal((long)created["list"]!["id"]!, (long)found["result"]!["list"]!["id"]!);
    }
}
