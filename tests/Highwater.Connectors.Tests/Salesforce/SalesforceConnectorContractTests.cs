using Highwater.Connectors.Salesforce;
using Highwater.Core.Connectors;
using Highwater.Core.Governor;
using Highwater.Core.Planning;
using Highwater.Simulators.Salesforce;
using Microsoft.Extensions.Time.Testing;

namespace Highwater.Connectors.Tests.Salesforce;

/// <summary>The connector against the simulator: every call kind, both membership directions, expiry and limits.</summary>
public sealed class SalesforceConnectorContractTests : IAsyncLifetime
{
    private const long Allocation = 1000;
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2025, 3, 1, 12, 0, 0, TimeSpan.Zero));
    private readonly TallyingCallGate _gate = new();
    private readonly HttpClient _http = new();
    private SalesforceSimulator _sim = null!;

    public async Task InitializeAsync()
    {
        var options = new SalesforceSimulatorOptions { TimeProvider = _time, DailyApiRequests = Allocation };
        options.CustomContactFields["Plan__c"] = 20;
        _sim = await SalesforceSimulator.StartAsync(options);
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _sim.DisposeAsync();
    }

    [Fact]
    public async Task DescribeFields_AnswersContactsWritableFields_CustomOnesToo()
    {
        var connector = Connector();

        var fields = await connector.DescribeFieldsAsync(default);

        Assert.Contains("FirstName", fields);
        Assert.Contains("Plan__c", fields);
        Assert.DoesNotContain("Id", fields);
        Assert.Equal((0L, 1L), (_gate.Tally.DataCalls, _sim.GetCounts().ByKind["describe"]));
    }

    [Fact]
    public async Task Lookup_FindsContactsByEmailInAnyCase_WithTheirCampaignsByName()
    {
        var seeded = Seed(("a@example.com", ["VIP", "Churned"]), ("b@example.com", []));
        var connector = Connector();

        var matches = await connector.LookupAsync(Lookup("A@Example.com", "missing@example.com", "b@example.com"), default);

        Assert.Equal(2, matches.Count);
        var a = matches.Single(m => m.ForeignKey == "A@Example.com");
        Assert.Equal(seeded.Records[0].Id, a.RemoteId);
        Assert.Equal(new HashSet<string> { "VIP", "Churned" }, a.Lists);
        Assert.Empty(matches.Single(m => m.ForeignKey == "b@example.com").Lists!);
        Assert.Equal(1, _gate.Tally.DataOf("lookup"));
        Assert.Equal(1, _sim.GetCounts().ByKind["lookup"]);
    }

    [Fact]
    public async Task Lookup_KeysBeyondOneUri_GoInSeveralRequests_AllFound()
    {
        var emails = Enumerable.Range(0, 60).Select(i => $"person.number{i}@example.com").ToArray();
        Seed([.. emails.Select(e => (e, Array.Empty<string>()))]);
        var connector = Connector(o => o.MaxQueryUriBytes = 1500);

        var matches = await connector.LookupAsync(Lookup(emails), default);

        Assert.Equal(emails.Order(), matches.Select(m => m.ForeignKey).Order());
        Assert.True(_gate.Tally.DataOf("lookup") > 1);
        Assert.Equal(_gate.Tally.DataOf("lookup"), _sim.GetCounts().ByKind["lookup"]);
    }

    [Fact]
    public async Task Create_AnswersNewIds_RejectsBadRecordsAlone_WithTheirReasons()
    {
        var connector = Connector();
        var call = new PlannedCall(CallKind.Create, null,
        [
            Write("p1", "ok@example.com", ("LastName", "Ok"), ("Plan__c", "gold")),
            Write("p2", "not-an-email", ("LastName", "Bad")),
            Write("p3", "long@example.com", ("LastName", new string('x', 81))),
            Write("p4", "unknown@example.com", ("LastName", "U"), ("Shoe_Size__c", "44")),
        ]);

        var result = await connector.ExecuteAsync(call, default);

        Assert.Equal(["p1", "p2", "p3", "p4"], result.Records.Select(r => r.ProfileKey));
        Assert.Equal(RecordStatus.Done, result.Records[0].Status);
        Assert.StartsWith("003", result.Records[0].RemoteId, StringComparison.Ordinal);
        Assert.Equal(["INVALID_EMAIL_ADDRESS", "STRING_TOO_LONG", "INVALID_FIELD"], result.Records.Skip(1).Select(r => r.Code));
        Assert.All(result.Records.Skip(1), r => Assert.Equal(RecordStatus.Rejected, r.Status));
        Assert.Equal("Email: invalid email address: not-an-email", result.Records[1].Reason);
        var stored = Assert.Single(_sim.GetState().Records);
        Assert.Equal((result.Records[0].RemoteId, "ok@example.com", "gold"), (stored.Id, stored.Email, stored.Fields["Plan__c"]));
        Assert.Equal(1, _gate.Tally.DataOf("create"));
    }

    [Fact]
    public async Task Update_ByRemoteId_WritesFields_MovesTheKey_AndRejectsAClearedLastName()
    {
        var seeded = Seed(("old@example.com", []), ("other@example.com", []));
        var connector = Connector();
        var call = new PlannedCall(CallKind.Update, null,
        [
            Write("p1", "new@example.com", ("FirstName", "Ada")) with { RemoteId = seeded.Records[0].Id, MatchForeignKey = "old@example.com" },
            Write("p2", "other@example.com", ("LastName", null)) with { RemoteId = seeded.Records[1].Id, MatchForeignKey = "other@example.com" },
        ]);

        var result = await connector.ExecuteAsync(call, default);

        Assert.Equal(RecordStatus.Done, result.Records[0].Status);
        Assert.Equal(seeded.Records[0].Id, result.Records[0].RemoteId);
        Assert.Equal((RecordStatus.Rejected, "REQUIRED_FIELD_MISSING"), (result.Records[1].Status, result.Records[1].Code));
        var state = _sim.GetState().Records;
        Assert.Equal(("new@example.com", "Ada"), (state[0].Email, state[0].Fields["FirstName"]));
        Assert.Equal("L", state[1].Fields["LastName"]);
    }

    [Fact]
    public async Task Delete_RemovesContactsAndTheirMemberships_OneAlreadyGoneIsDone()
    {
        var seeded = Seed(("a@example.com", ["VIP"]), ("b@example.com", []));
        var connector = Connector();
        var call = new PlannedCall(CallKind.Delete, null,
        [
            new PlannedRecord { ProfileKey = "p1", RemoteId = seeded.Records[0].Id },
            new PlannedRecord { ProfileKey = "p2", RemoteId = seeded.Records[1].Id },
        ]);
        await connector.ExecuteAsync(call with { Records = [call.Records[1]] }, default);

        var result = await connector.ExecuteAsync(call, default);

        Assert.All(result.Records, r => Assert.Equal(RecordStatus.Done, r.Status));
        Assert.Empty(_sim.GetState().Records);
        Assert.Empty(await connector.LookupAsync(Lookup("a@example.com"), default));
    }

    [Fact]
    public async Task ListAdd_EveryCampaignInOneRequest_AnExistingMemberIsDone()
    {
        var seeded = Seed(("a@example.com", ["VIP"]), ("b@example.com", []));
        _sim.Seed(new SalesforceSeed { Lists = ["Churned"] });
        var (a, b) = (seeded.Records[0].Id, seeded.Records[1].Id);
        var connector = Connector();
        await connector.EnsureListsAsync(["VIP", "Churned"], createMissing: false, default);

        var result = await connector.ExecuteAsync(new PlannedCall(CallKind.ListAdd, null,
        [
            Member("pa", a, "VIP", MembershipDirection.Add),
            Member("pa", a, "Churned", MembershipDirection.Add),
            Member("pb", b, "VIP", MembershipDirection.Add),
        ]), default);

        Assert.All(result.Records, r => Assert.Equal(RecordStatus.Done, r.Status));
        Assert.Equal(1, _gate.Tally.DataOf("listAdd"));
        var state = _sim.GetState().Records;
        Assert.Equal(["VIP", "Churned"], state[0].Lists);
        Assert.Equal(["VIP"], state[1].Lists);
    }

    [Fact]
    public async Task ListRemove_QueriesTheMembersThenDeletesThem_TwoRequests_ANonMemberIsDone()
    {
        var seeded = Seed(("a@example.com", ["VIP", "Churned"]), ("b@example.com", ["VIP"]));
        var (a, b) = (seeded.Records[0].Id, seeded.Records[1].Id);
        var connector = Connector();
        await connector.EnsureListsAsync(["VIP", "Churned"], createMissing: false, default);

        var result = await connector.ExecuteAsync(new PlannedCall(CallKind.ListRemove, null,
        [
            Member("pa", a, "VIP", MembershipDirection.Remove),
            Member("pb", b, "Churned", MembershipDirection.Remove),
        ]), default);

        Assert.All(result.Records, r => Assert.Equal(RecordStatus.Done, r.Status));
        Assert.Equal(2, _gate.Tally.DataOf("listRemove"));
        Assert.Equal(2, _sim.GetCounts().ByKind["listRemove"]);
        var state = _sim.GetState().Records;
        Assert.Equal(["Churned"], state[0].Lists);
        Assert.Equal(["VIP"], state[1].Lists);
    }

    [Fact]
    public async Task EnsureLists_CreatesTheMissing_CachesIds_RefusesWhenCreationIsNotAllowed()
    {
        Seed(("a@example.com", ["VIP"]));
        var connector = Connector();

        var ids = await connector.EnsureListsAsync(["VIP", "Winback"], createMissing: true, default);
        await connector.EnsureListsAsync(["VIP", "Winback"], createMissing: true, default);

        Assert.All(ids.Values, id => Assert.StartsWith("701", id, StringComparison.Ordinal));
        Assert.Equal(_sim.GetState().Lists.Select(l => (l.Name, l.Id)).Order(), ids.Select(p => (p.Key, p.Value)).Order());
        Assert.Equal(2, _gate.Tally.Metadata["lists"]);
        var refused = await Assert.ThrowsAsync<ServiceCallException>(() => connector.EnsureListsAsync(["Nope"], createMissing: false, default));
        Assert.Equal(ServiceCallFailure.Permanent, refused.Failure);
    }

    [Fact]
    public async Task SecretRevokedAfterUse_InvalidSessionThenTokenRefused_IsUnauthorized_AfterOneNewSession()
    {
        var connector = Connector();
        await connector.LookupAsync(Lookup("a@example.com"), default);
        _sim.InjectFaults(new SalesforceFaults { RefuseCredentials = true });

        var refused = await Assert.ThrowsAsync<ServiceCallException>(() => connector.LookupAsync(Lookup("a@example.com"), default));

        Assert.Equal((ServiceCallFailure.Unauthorized, "invalid_client"), (refused.Failure, refused.Code));
        Assert.Equal(2, _gate.Tally.Metadata["auth"]);
    }

    [Fact]
    public async Task SessionExpiredMidBatch_NewSessionAndTheRequestSentOnceMore()
    {
        var connector = Connector();
        await connector.LookupAsync(Lookup("a@example.com"), default);
        _sim.InjectFaults(new SalesforceFaults { ExpireTokens = true });

        var result = await connector.ExecuteAsync(new PlannedCall(CallKind.Create, null, [Write("p1", "a@example.com", ("LastName", "A"))]), default);

        Assert.Equal(RecordStatus.Done, Assert.Single(result.Records).Status);
        Assert.Single(_sim.GetState().Records);
        Assert.Equal(2, _gate.Tally.Metadata["auth"]);
        Assert.Equal(2, _gate.Tally.DataOf("create"));
        Assert.Equal(1, _sim.GetCounts().ByKind["create"]);
    }

    [Fact]
    public async Task Session_RenewedBeforeItsLifetimeRunsOut_WithoutARefusal()
    {
        var connector = Connector();
        await connector.LookupAsync(Lookup("a@example.com"), default);
        _time.Advance(TimeSpan.FromMinutes(116));

        await connector.LookupAsync(Lookup("a@example.com"), default);

        Assert.Equal(2, _gate.Tally.Metadata["auth"]);
        Assert.Equal(2, _gate.Tally.DataOf("lookup"));
    }

    [Fact]
    public async Task EveryAnswer_ReportsTheOrgsUsage()
    {
        var connector = Connector();
        _sim.InjectFaults(new SalesforceFaults { SpentToday = 400 });

        await connector.LookupAsync(Lookup("a@example.com"), default);

        var usage = Assert.Single(_gate.Signals, s => s.Kind == ServiceSignalKind.UsageReported);
        Assert.Equal((401L, Allocation), (usage.Used, usage.Limit));
    }

    [Fact]
    public async Task AllocationSpent_RateLimitedWithQuotaReached_NothingApplied_ThenTheSameCallSucceedsOnce()
    {
        var connector = Connector();
        var call = new PlannedCall(CallKind.Create, null, [Write("p1", "a@example.com", ("LastName", "A"))]);
        _sim.InjectFaults(new SalesforceFaults { SpentToday = Allocation });

        var refused = await Assert.ThrowsAsync<ServiceCallException>(() => connector.ExecuteAsync(call, default));

        Assert.Equal((ServiceCallFailure.RateLimited, "REQUEST_LIMIT_EXCEEDED"), (refused.Failure, refused.Code));
        Assert.Contains(_gate.Signals, s => s.Kind == ServiceSignalKind.QuotaReached);
        Assert.Empty(_sim.GetState().Records);

        _time.Advance(TimeSpan.FromHours(24));
        var result = await connector.ExecuteAsync(call, default);

        Assert.Equal(RecordStatus.Done, Assert.Single(result.Records).Status);
        Assert.Single(_sim.GetState().Records);
        Assert.Equal(1, _sim.GetCounts().RateLimitRejections);
    }

    [Fact]
    public async Task ServerError_IsUnknown_DroppedConnection_IsUnknown_AndHadApplied()
    {
        var connector = Connector();
        await connector.LookupAsync(Lookup("a@example.com"), default);
        var call = new PlannedCall(CallKind.Create, null, [Write("p1", "a@example.com", ("LastName", "A"))]);

        _sim.InjectFaults(new SalesforceFaults { ServerErrorRate = 1 });
        var failed = await Assert.ThrowsAsync<ServiceCallException>(() => connector.ExecuteAsync(call, default));
        Assert.Equal((ServiceCallFailure.Unknown, "UNKNOWN_EXCEPTION"), (failed.Failure, failed.Code));
        Assert.Empty(_sim.GetState().Records);

        _sim.InjectFaults(new SalesforceFaults { ServerErrorRate = 0, DropRate = 1 });
        var dropped = await Assert.ThrowsAsync<ServiceCallException>(() => connector.ExecuteAsync(call, default));
        Assert.Equal(ServiceCallFailure.Unknown, dropped.Failure);
        Assert.True(dropped.MayHaveApplied);
        Assert.Single(_sim.GetState().Records);
    }

    [Fact]
    public async Task WrongSecret_IsUnauthorized_TheDestinationsFailureNotTheRecords()
    {
        var connector = Connector(o => o.ClientSecret = "wrong");

        var refused = await Assert.ThrowsAsync<ServiceCallException>(() => connector.LookupAsync(Lookup("a@example.com"), default));

        Assert.Equal((ServiceCallFailure.Unauthorized, "invalid_client"), (refused.Failure, refused.Code));
        Assert.StartsWith("credentials refused (HTTP 400 invalid_client from the token endpoint", refused.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("wrong", refused.Message, StringComparison.Ordinal);
    }

    private SalesforceConnector Connector(Action<SalesforceConnectorOptions>? configure = null)
    {
        var options = new SalesforceConnectorOptions { LoginUrl = _sim.BaseAddress, ClientId = "highwater-client", ClientSecret = "highwater-secret" };
        configure?.Invoke(options);
        return new SalesforceConnector(_http, options, _gate, _time);
    }

    private SalesforceSeedResult Seed(params (string Email, string[] Lists)[] contacts) =>
        _sim.Seed(new SalesforceSeed
        {
            Records = [.. contacts.Select(c => new SalesforceSeedRecord { Email = c.Email, Fields = new Dictionary<string, string?> { ["LastName"] = "L" }, Lists = c.Lists })],
        });

    private static PlannedCall Lookup(params string[] keys) =>
        new(CallKind.Lookup, null, [.. keys.Select((k, i) => new PlannedRecord { ProfileKey = $"p{i}", ForeignKey = k })]);

    private static PlannedRecord Write(string profile, string email, params (string Field, string? Value)[] fields) =>
        new() { ProfileKey = profile, ForeignKey = email, Fields = fields.ToDictionary(f => f.Field, f => f.Value) };

    private static PlannedRecord Member(string profile, string remoteId, string list, MembershipDirection direction) =>
        new() { ProfileKey = profile, RemoteId = remoteId, ListChanges = [new ListChange(list, direction)] };
}
