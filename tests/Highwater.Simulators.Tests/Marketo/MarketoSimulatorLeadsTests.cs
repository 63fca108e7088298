using System.Text.Json.Nodes;
using Highwater.Simulators.Marketo;

namespace Highwater.Simulators.Tests.Marketo;

public sealed class MarketoSimulatorLeadsTests
{
    [Fact]
    public async Task SyncLeads_CreateOnly_CreatesAndRejectsPerRecord_RestApplied()
    {
        await using var sim = await MarketoSimulatorHarness.StartAsync();
        await sim.AuthorizeAsync();
        sim.Simulator.Seed(new MarketoSeed(null, [new MarketoSimRecord("5000", "taken@example.com")]));
        var answer = await sim.PostJsonAsync("rest/v1/leads.json", """
            {"action":"createOnly","lookupField":"email","input":[
              {"email":"new@example.com","firstName":"Ann"},
              {"email":"not an email"},
              {"email":"field@example.com","favouriteColour":"red"},
              {"email":"long@example.com","lastName":"%LONG%"},
              {"email":"taken@example.com"},
              {"id":42,"email":"id@example.com"}
            ]}
            """.Replace("%LONG%", new string('x', 256), StringComparison.Ordinal));

        var result = (JsonArray)answer["result"]!;
        Assert.True(MarketoSimulatorHarness.Success(answer));
        Assert.Equal("created", (string?)result[0]!["status"]);
        Assert.NotNull(result[0]!["id"]);
        Assert.Equal(["1003", "1006", "1003", "1005", "1003"], result.Skip(1).Select(r => (string?)r!["reasons"]![0]!["code"]));
        Assert.All(result.Skip(1), r => Assert.Equal("skipped", (string?)r!["status"]));
        var state = sim.Simulator.GetState();
        Assert.Equal(["taken@example.com", "new@example.com"], state.Records.Select(r => r.Email));
        Assert.Equal("Ann", state.Records[1].Fields!["firstName"]);
        Assert.Equal(5, sim.Simulator.GetCounts().RecordRejections);
        Assert.Equal(1, sim.Simulator.GetCounts().Of("create"));
    }

    [Fact]
    public async Task SyncLeads_UpdateOnlyById_ChangesTheEmail_MissingIs1004()
    {
        await using var sim = await MarketoSimulatorHarness.StartAsync();
        await sim.AuthorizeAsync();
        sim.Simulator.Seed(new MarketoSeed(null, [new MarketoSimRecord("7149", "old@example.com", new Dictionary<string, string?> { ["firstName"] = "Brian" })]));
        var answer = await sim.PostJsonAsync("rest/v1/leads.json", """
            {"action":"updateOnly","lookupField":"id","input":[{"id":7149,"email":"new@example.com","lastName":"Smith"},{"id":9999,"email":"x@example.com"}]}
            """);

        var result = (JsonArray)answer["result"]!;
        Assert.Equal(7149, (long)result[0]!["id"]!);
        Assert.Equal("updated", (string?)result[0]!["status"]);
        Assert.Equal("1004", (string?)result[1]!["reasons"]![0]!["code"]);
        var lead = Assert.Single(sim.Simulator.GetState().Records);
        Assert.Equal("new@example.com", lead.Email);
        Assert.Equal("Brian", lead.Fields!["firstName"]);
        Assert.Equal("Smith", lead.Fields["lastName"]);
    }

    [Fact]
    public async Task SyncLeads_CreateOrUpdate_AnswersIdsForBoth_DuplicateEmailIs1007()
    {
        await using var sim = await MarketoSimulatorHarness.StartAsync();
        await sim.AuthorizeAsync();
        sim.Simulator.Seed(new MarketoSeed(null,
        [
            new MarketoSimRecord("100", "one@example.com"),
            new MarketoSimRecord("200", "dup@example.com"),
            new MarketoSimRecord("201", "DUP@example.com"),
        ]));
        var answer = await sim.PostJsonAsync("rest/v1/leads.json", """
            {"input":[{"email":"ONE@example.com","company":"Acme"},{"email":"two@example.com"},{"email":"dup@example.com"}]}
            """);

        var result = (JsonArray)answer["result"]!;
        Assert.Equal(("updated", 100L), ((string)result[0]!["status"]!, (long)result[0]!["id"]!));
        Assert.Equal("created", (string?)result[1]!["status"]);
        Assert.True((long)result[1]!["id"]! > 201);
        Assert.Equal("1007", (string?)result[2]!["reasons"]![0]!["code"]);
        Assert.Equal(1, sim.Simulator.GetCounts().Of("upsert"));
    }

    [Fact]
    public async Task SyncLeads_MoreThan300_RefusedWhole()
    {
        await using var sim = await MarketoSimulatorHarness.StartAsync();
        await sim.AuthorizeAsync();
        var input = string.Join(',', Enumerable.Range(0, 301).Select(i => $"{{\"email\":\"p{i}@example.com\"}}"));
        var answer = await sim.PostJsonAsync("rest/v1/leads.json", "{\"action\":\"createOnly\",\"input\":[" + input + "]}");

        Assert.False(MarketoSimulatorHarness.Success(answer));
        Assert.Equal("1003", MarketoSimulatorHarness.ErrorCode(answer));
        Assert.Empty(sim.Simulator.GetState().Records);
    }

    [Fact]
    public async Task Lookup_ByEmail_IgnoresCase_AnswersNoMemberships_MissesAbsent()
    {
        await using var sim = await MarketoSimulatorHarness.StartAsync();
        await sim.AuthorizeAsync();
        sim.Simulator.Seed(new MarketoSeed(["VIP"], [new MarketoSimRecord("7149", "Brian@Example.com", null, ["VIP"])]));
        var answer = await sim.GetJsonAsync("rest/v1/leads.json?filterType=email&filterValues=brian%40example.com,nobody%40example.com&fields=email,firstName");

        var lead = Assert.Single((JsonArray)answer["result"]!)!.AsObject();
        Assert.Equal(7149, (long)lead["id"]!);
        Assert.Equal("Brian@Example.com", (string?)lead["email"]);
        Assert.Equal(["id", "email", "firstName"], lead.Select(p => p.Key));
    }

    [Fact]
    public async Task Lookup_UnknownField_1006()
    {
        await using var sim = await MarketoSimulatorHarness.StartAsync();
        await sim.AuthorizeAsync();
        var answer = await sim.GetJsonAsync("rest/v1/leads.json?filterType=email&filterValues=a%40example.com&fields=shoeSize");
        Assert.Equal("1006", MarketoSimulatorHarness.ErrorCode(answer));
    }

    [Fact]
    public async Task DeleteLeads_DeletesAndLeavesTheirLists_MissingIs1004()
    {
        await using var sim = await MarketoSimulatorHarness.StartAsync();
        await sim.AuthorizeAsync();
        sim.Simulator.Seed(new MarketoSeed(null, [new MarketoSimRecord("10", "a@example.com", null, ["L"]), new MarketoSimRecord("11", "b@example.com")]));
        var answer = await sim.PostJsonAsync("rest/v1/leads/delete.json", """{"input":[{"id":10},{"id":12}]}""");

        var result = (JsonArray)answer["result"]!;
        Assert.Equal("deleted", (string?)result[0]!["status"]);
        Assert.Equal("1004", (string?)result[1]!["reasons"]![0]!["code"]);
        Assert.Equal(["11"], sim.Simulator.GetState().Records.Select(r => r.Id));
        Assert.Equal(1, sim.Simulator.GetCounts().Of("delete"));
    }
}
