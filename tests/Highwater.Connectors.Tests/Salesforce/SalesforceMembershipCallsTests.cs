using Highwater.Connectors.Salesforce;
using Highwater.Core.Connectors;
using Highwater.Core.Model;
using Highwater.Core.Planning;
using Highwater.Simulators.Salesforce;
using Microsoft.Extensions.Time.Testing;

namespace Highwater.Connectors.Tests.Salesforce;

/// <summary>
/// What membership changes cost on Salesforce, over HTTP to the simulator: a removal the batch's
/// lookup answered the member id of is one delete, and additions to several campaigns share calls
/// of 200 (ceil(total / 200) calls). The batch is planned by the real planner and each planned call
/// sent in plan order, as the executor does.
/// </summary>
public sealed class SalesforceMembershipCallsTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2025, 3, 1, 12, 0, 0, TimeSpan.Zero));
    private readonly TallyingCallGate _gate = new();
    private readonly HttpClient _http = new();
    private SalesforceSimulator _sim = null!;

    public async Task InitializeAsync() =>
        _sim = await SalesforceSimulator.StartAsync(new SalesforceSimulatorOptions { TimeProvider = _time, DailyApiRequests = 10_000 });

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _sim.DisposeAsync();
    }

    [Fact]
    public async Task Batch_FoundByTheLookup_RemovalsAreOnlyDeletes_AdditionsOfThreeCampaignsPackedBy200()
    {
        // 250 Contacts Highwater never exported, each in Old; they should be in A, B and C instead.
        _sim.Seed(new SalesforceSeed { Lists = ["A", "B", "C"] });
        var emails = Enumerable.Range(0, 250).Select(i => $"p{i:D3}@example.com").ToArray();
        _sim.Seed(new SalesforceSeed
        {
            Records = [.. emails.Select(e => new SalesforceSeedRecord { Email = e, Fields = new Dictionary<string, string?> { ["LastName"] = "L" }, Lists = ["Old"] })],
        });
        var connector = Connector();
        var batch = emails.Select(e => new ExportRequest
        {
            ProfileKey = e,
            ForeignKey = e,
            Fields = new Dictionary<string, string?> { ["LastName"] = "New" },
            Groups = new HashSet<string>(["a", "b", "c"], StringComparer.Ordinal),
        }).ToList();

        await RunAsync(connector, batch);

        // 750 additions in ceil(750 / 200) = 4 calls, not one call per campaign's 250 (6);
        // 250 removals in ceil(250 / 200) = 2 deletes and no query of their member ids.
        Assert.Equal(4, _gate.Tally.DataOf("listAdd"));
        Assert.Equal(2, _gate.Tally.DataOf("listRemove"));
        Assert.Equal(2, _gate.Tally.DataOf("lookup"));
        Assert.Equal(2, _gate.Tally.DataOf("update"));
        Assert.Equal(10, _gate.Tally.DataCalls);
        var served = _sim.GetCounts().ByKind;
        Assert.Equal((4L, 2L, 2L, 2L), (served["listAdd"], served["listRemove"], served["lookup"], served["update"]));
        var state = _sim.GetState();
        Assert.Equal(250, state.Records.Count);
        Assert.All(state.Records, r =>
        {
            Assert.Equal(["A", "B", "C"], r.Lists.Order(StringComparer.Ordinal));
            Assert.Equal("New", r.Fields["LastName"]);
        });
        Assert.Equal(emails, state.Records.Select(r => r.Email).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task ListRemove_AfterTheBatchsLookup_OnlyTheDelete_AMemberTheLookupDidNotSeeIsQueried()
    {
        var seeded = _sim.Seed(new SalesforceSeed
        {
            Records =
            [
                new SalesforceSeedRecord { Email = "a@example.com", Fields = new Dictionary<string, string?> { ["LastName"] = "L" }, Lists = ["VIP", "Churned"] },
                new SalesforceSeedRecord { Email = "b@example.com", Fields = new Dictionary<string, string?> { ["LastName"] = "L" }, Lists = ["VIP"] },
            ],
        });
        var (a, b) = (seeded.Records[0].Id, seeded.Records[1].Id);
        var connector = Connector();
        await connector.EnsureListsAsync(["VIP", "Churned"], createMissing: false, default);
        await connector.LookupAsync(new PlannedCall(CallKind.Lookup, null, [new PlannedRecord { ProfileKey = "pa", ForeignKey = "a@example.com" }]), default);

        var seen = await connector.ExecuteAsync(new PlannedCall(CallKind.ListRemove, null, [Member("pa", a, "VIP"), Member("pa", a, "Churned")]), default);

        Assert.All(seen.Records, r => Assert.Equal(RecordStatus.Done, r.Status));
        Assert.Equal(1, _gate.Tally.DataOf("listRemove"));

        // b was not looked up: its member id is queried first.
        var unseen = await connector.ExecuteAsync(new PlannedCall(CallKind.ListRemove, null, [Member("pb", b, "VIP")]), default);

        Assert.Equal(RecordStatus.Done, Assert.Single(unseen.Records).Status);
        Assert.Equal(3, _gate.Tally.DataOf("listRemove"));
        Assert.Equal(3, _sim.GetCounts().ByKind["listRemove"]);
        var state = _sim.GetState().Records;
        Assert.Empty(state.Single(r => r.Id == a).Lists);
        Assert.Empty(state.Single(r => r.Id == b).Lists);
    }

    [Fact]
    public async Task ListRemove_InTheNextBatch_ForgetsTheLastLookupsIds_SoAMemberPutBackByHandIsStillRemoved()
    {
        var seeded = _sim.Seed(new SalesforceSeed
        {
            Records = [new SalesforceSeedRecord { Email = "a@example.com", Fields = new Dictionary<string, string?> { ["LastName"] = "L" }, Lists = ["VIP"] }],
        });
        var a = seeded.Records[0].Id;
        var connector = Connector();
        await connector.EnsureListsAsync(["VIP"], createMissing: false, default);
        await connector.LookupAsync(new PlannedCall(CallKind.Lookup, null, [new PlannedRecord { ProfileKey = "pa", ForeignKey = "a@example.com" }]), default);

        // Someone takes a out of VIP and puts it back: the member has a new id.
        Assert.True(_sim.SetCampaignMember(a, "VIP", member: false));
        Assert.True(_sim.SetCampaignMember(a, "VIP", member: true));
        await connector.EnsureListsAsync(["VIP"], createMissing: false, default);
        var result = await connector.ExecuteAsync(new PlannedCall(CallKind.ListRemove, null, [Member("pa", a, "VIP")]), default);

        Assert.Equal(RecordStatus.Done, Assert.Single(result.Records).Status);
        Assert.Equal(2, _gate.Tally.DataOf("listRemove"));
        Assert.Empty(Assert.Single(_sim.GetState().Records).Lists);
    }

    /// <summary>Plans the batch with the lookup answered by the connector, then sends every call in plan order.</summary>
    private static async Task RunAsync(SalesforceConnector connector, List<ExportRequest> batch)
    {
        var options = new PlannerOptions();
        options.ListsByGroup["a"] = "A";
        options.ListsByGroup["b"] = "B";
        options.ListsByGroup["c"] = "C";
        options.ListsByGroup["old"] = "Old";
        var planner = new Planner(connector.Capabilities, options);
        await connector.EnsureListsAsync([.. options.ListsByGroup.Values], createMissing: false, default);
        var phase = planner.PlanLookup(batch);
        var answers = new List<RemoteMatch>();
        foreach (var call in phase.Step.Calls)
        {
            answers.AddRange(await connector.LookupAsync(call, default));
        }

        var plan = planner.PlanWrites(phase, answers);
        foreach (var step in plan.Steps.Where(s => s.Kind != StepKind.Lookup))
        {
            foreach (var call in step.Calls)
            {
                var result = await connector.ExecuteAsync(call, default);
                Assert.All(result.Records, r => Assert.Equal(RecordStatus.Done, r.Status));
            }
        }
    }

    private SalesforceConnector Connector() =>
        new(_http, new SalesforceConnectorOptions { LoginUrl = _sim.BaseAddress, ClientId = "highwater-client", ClientSecret = "highwater-secret" }, _gate, _time);

    private static PlannedRecord Member(string profile, string remoteId, string list) =>
        new() { ProfileKey = profile, RemoteId = remoteId, ListChanges = [new ListChange(list, MembershipDirection.Remove)] };
}
