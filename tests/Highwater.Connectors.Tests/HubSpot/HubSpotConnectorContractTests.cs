using Highwater.Connectors.HubSpot;
using Highwater.Core.Connectors;
using Highwater.Core.Governor;
using Highwater.Core.Planning;
using Highwater.Simulators.HubSpot;
using static Highwater.Connectors.Tests.HubSpot.HubSpotContractHarness;

namespace Highwater.Connectors.Tests.HubSpot;

/// <summary>The connector against the simulator over HTTP: batch calls, per-record outcomes, lists, limits and their signals.</summary>
public sealed class HubSpotConnectorContractTests
{
    private static readonly Dictionary<string, string?> Ann = new() { ["firstname"] = "Ann" };

    [Fact]
    public async Task Lookup_BatchReadByEmail_FindsIgnoringCase_MissesAreAbsent_OneRequest()
    {
        await using var h = await StartAsync();
        h.Simulator.Seed(new HubSpotSeed { Records = [new HubSpotSeedRecord { Id = "501", Email = "a@example.com" }] });

        var matches = await h.Connector.LookupAsync(Call(CallKind.Lookup, Record("p1", "A@example.com"), Record("p2", "zz@example.com")), default);

        var match = Assert.Single(matches);
        Assert.Equal(("A@example.com", "501", (IReadOnlySet<string>?)null), (match.ForeignKey, match.RemoteId, match.Lists));
        Assert.Equal(1, h.Simulator.GetCounts().Of("lookup"));
        Assert.Equal(1, h.Tally.Tally.DataOf("lookup"));
    }

    [Fact]
    public async Task Create_207PartialFailure_NamesTheBadRecordAlone_OthersCreatedWithIds()
    {
        await using var h = await StartAsync();

        var result = await h.Connector.ExecuteAsync(Call(CallKind.Create, Record("p1", "a@example.com", fields: Ann), Record("p2", "not-an-email"), Record("p3", "c@example.com")), default);

        Assert.Equal(["p1", "p2", "p3"], result.Records.Select(r => r.ProfileKey));
        Assert.Equal(RecordStatus.Done, result.Records[0].Status);
        Assert.Equal(h.Contact("a@example.com").Id, result.Records[0].RemoteId);
        Assert.Equal(h.Contact("c@example.com").Id, result.Records[2].RemoteId);
        var bad = result.Records[1];
        Assert.Equal((RecordStatus.Rejected, "VALIDATION_ERROR"), (bad.Status, bad.Code));
        Assert.Contains("Email address not-an-email is invalid", bad.Reason, StringComparison.Ordinal);
        Assert.Equal("Ann", h.Contact("a@example.com").Fields["firstname"]);
        Assert.Equal(2, h.Simulator.GetState().Records.Count);
        Assert.Equal((1, 1L), (h.Simulator.GetCounts().Of("create"), h.Simulator.GetCounts().RecordRejections));
    }

    [Fact]
    public async Task Create_AddressTakenSinceTheLookup_RetryLaterConflict()
    {
        await using var h = await StartAsync();
        h.Simulator.Seed(new HubSpotSeed { Records = [new HubSpotSeedRecord { Email = "a@example.com" }] });

        var result = await h.Connector.ExecuteAsync(Call(CallKind.Create, Record("p1", "a@example.com")), default);

        Assert.Equal((RecordStatus.RetryLater, "CONFLICT"), (result.Records[0].Status, result.Records[0].Code));
        Assert.Single(h.Simulator.GetState().Records);
    }

    [Fact]
    public async Task Update_ByRecordId_ChangesTheKeyAndTheFieldsSent()
    {
        await using var h = await StartAsync();
        h.Simulator.Seed(new HubSpotSeed { Records = [new HubSpotSeedRecord { Id = "501", Email = "old@example.com", Fields = new Dictionary<string, string?> { ["lastname"] = "Lee" } }] });

        var result = await h.Connector.ExecuteAsync(Call(CallKind.Update, Record("p1", "new@example.com", "501", Ann)), default);

        Assert.Equal((RecordStatus.Done, "501"), (result.Records[0].Status, result.Records[0].RemoteId));
        var contact = Assert.Single(h.Simulator.GetState().Records);
        Assert.Equal(("501", "new@example.com", "Ann", "Lee"), (contact.Id, contact.Email, contact.Fields["firstname"], contact.Fields["lastname"]));
    }

    [Fact]
    public async Task Update_ContactGone_RejectedAlone_OthersUpdated()
    {
        await using var h = await StartAsync();
        h.Simulator.Seed(new HubSpotSeed { Records = [new HubSpotSeedRecord { Id = "501", Email = "a@example.com" }] });

        var result = await h.Connector.ExecuteAsync(Call(CallKind.Update, Record("p1", "a@example.com", "501", Ann), Record("p2", "b@example.com", "999")), default);

        Assert.Equal(RecordStatus.Done, result.Records[0].Status);
        Assert.Equal((RecordStatus.Rejected, "OBJECT_NOT_FOUND"), (result.Records[1].Status, result.Records[1].Code));
        Assert.Equal("Ann", h.Contact("a@example.com").Fields["firstname"]);
    }

    [Fact]
    public async Task Upsert_ByEmail_CreatesAndUpdates_AnsweringIds_MatchedForTheOneThatExisted()
    {
        await using var h = await StartAsync();
        h.Simulator.Seed(new HubSpotSeed { Records = [new HubSpotSeedRecord { Id = "501", Email = "a@example.com" }] });

        var result = await h.Connector.ExecuteAsync(Call(CallKind.Upsert, Record("p1", "A@example.com", fields: Ann), Record("p2", "b@example.com", fields: Ann)), default);

        Assert.Equal((RecordStatus.Done, "501", true), (result.Records[0].Status, result.Records[0].RemoteId, result.Records[0].Matched));
        Assert.Equal((RecordStatus.Done, h.Contact("b@example.com").Id, false), (result.Records[1].Status, result.Records[1].RemoteId, result.Records[1].Matched));
        Assert.Equal("Ann", h.Contact("a@example.com").Fields["firstname"]);
        Assert.Equal(1, h.Simulator.GetCounts().Of("upsert"));
    }

    [Fact]
    public async Task Upsert_OneBadAddress_WholeBatchRefused_HalvedUntilItStandsAlone_FiveRequests()
    {
        await using var h = await StartAsync();

        var result = await h.Connector.ExecuteAsync(Call(CallKind.Upsert, Record("p1", "a@example.com"), Record("p2", "b@example.com"), Record("p3", "c@example.com"), Record("p4", "bad@")), default);

        Assert.Equal([RecordStatus.Done, RecordStatus.Done, RecordStatus.Done, RecordStatus.Rejected], result.Records.Select(r => r.Status));
        Assert.Contains("Email address bad@ is invalid", result.Records[3].Reason, StringComparison.Ordinal);
        Assert.Equal(3, h.Simulator.GetState().Records.Count);

        // [1-4] refused, [1-2] done, [3-4] refused, [3] done, [4] refused.
        Assert.Equal(5, h.Simulator.GetCounts().Of("upsert"));
        Assert.Equal(5, h.Tally.Tally.DataOf("upsert"));
    }

    [Fact]
    public async Task Upsert_PropertyTheAccountLacks_EveryRecordRejected_InOneRequest()
    {
        await using var h = await StartAsync();

        var result = await h.Connector.ExecuteAsync(Call(CallKind.Upsert, Record("p1", "a@example.com", fields: new() { ["favourite"] = "x" }), Record("p2", "b@example.com", fields: new() { ["favourite"] = "y" })), default);

        Assert.All(result.Records, r => Assert.Equal((RecordStatus.Rejected, "VALIDATION_ERROR"), (r.Status, r.Code)));
        Assert.Contains("PROPERTY_DOESNT_EXIST", result.Records[0].Reason, StringComparison.Ordinal);
        Assert.Equal(1, h.Simulator.GetCounts().Of("upsert"));
        Assert.Empty(h.Simulator.GetState().Records);
    }

    [Fact]
    public async Task Archive_RemovesContactsAndTheirMemberships_IdsGoneOrMissingAreDone()
    {
        await using var h = await StartAsync();
        h.Simulator.Seed(new HubSpotSeed { Records = [new HubSpotSeedRecord { Id = "501", Email = "a@example.com", Lists = ["Trial"] }, new HubSpotSeedRecord { Id = "502", Email = "b@example.com" }] });

        var result = await h.Connector.ExecuteAsync(Call(CallKind.Delete, Record("p1", remoteId: "501"), Record("p2", remoteId: "999"), Record("p3")), default);

        Assert.All(result.Records, r => Assert.Equal(RecordStatus.Done, r.Status));
        Assert.Equal("b@example.com", Assert.Single(h.Simulator.GetState().Records).Email);
        Assert.Equal(1, h.Simulator.GetCounts().Of("delete"));
    }

    [Fact]
    public async Task ListUpdate_AddsAndRemovesOfOneList_InOneAddAndRemoveCall()
    {
        await using var h = await StartAsync();
        h.Simulator.Seed(new HubSpotSeed { Records = [new HubSpotSeedRecord { Id = "501", Email = "a@example.com" }, new HubSpotSeedRecord { Id = "502", Email = "b@example.com", Lists = ["Trial"] }] });
        await h.Connector.EnsureListsAsync(["Trial"], createMissing: false, default);

        var call = new PlannedCall(CallKind.ListUpdate, "Trial",
        [
            Record("p1", "a@example.com", "501") with { ListChanges = [new ListChange("Trial", MembershipDirection.Add)] },
            Record("p2", "b@example.com", "502") with { ListChanges = [new ListChange("Trial", MembershipDirection.Remove)] },
            Record("p3", "gone@example.com", "999") with { ListChanges = [new ListChange("Trial", MembershipDirection.Add)] },
            Record("p4", "gone2@example.com", "998") with { ListChanges = [new ListChange("Trial", MembershipDirection.Remove)] },
        ]);
        var result = await h.Connector.ExecuteAsync(call, default);

        Assert.Equal([RecordStatus.Done, RecordStatus.Done, RecordStatus.Rejected, RecordStatus.Done], result.Records.Select(r => r.Status));
        Assert.Equal("recordIdsMissing", result.Records[2].Code);
        Assert.Equal(["Trial"], h.Contact("a@example.com").Lists);
        Assert.Empty(h.Contact("b@example.com").Lists);
        Assert.Equal(1, h.Simulator.GetCounts().Of("listUpdate"));
        Assert.Equal(1, h.Tally.Tally.DataOf("listUpdate"));
    }

    [Fact]
    public async Task EnsureLists_FindsByNameIgnoringCase_CreatesMissingAsManual_CachesThem()
    {
        await using var h = await StartAsync();
        h.Simulator.Seed(new HubSpotSeed { Lists = ["Trial Users"] });

        var first = await h.Connector.EnsureListsAsync(["trial users", "Customers"], createMissing: true, default);
        var again = await h.Connector.EnsureListsAsync(["trial users", "Customers"], createMissing: true, default);

        var lists = h.Simulator.GetState().Lists;
        Assert.Equal(lists.Single(l => l.Name == "Trial Users").Id, first["trial users"]);
        Assert.Equal(("MANUAL", first["Customers"]), (lists.Single(l => l.Name == "Customers").ProcessingType, lists.Single(l => l.Name == "Customers").Id));
        Assert.Equal(first, again);
        Assert.Equal(3, h.Simulator.GetCounts().Of("lists"));
    }

    [Fact]
    public async Task EnsureLists_DynamicList_Permanent_NamingWhy()
    {
        await using var h = await StartAsync();
        h.Simulator.Seed(new HubSpotSeed { DynamicLists = ["Active"] });

        var error = await Assert.ThrowsAsync<ServiceCallException>(() => h.Connector.EnsureListsAsync(["Active"], createMissing: true, default));

        Assert.Equal(ServiceCallFailure.Permanent, error.Failure);
        Assert.Equal("HubSpot list 'Active' is DYNAMIC: only a MANUAL (or SNAPSHOT) list takes members from an API; rename it or map another", error.Message);
    }

    [Fact]
    public async Task EnsureLists_MissingAndNotToBeCreated_Permanent()
    {
        await using var h = await StartAsync();

        var error = await Assert.ThrowsAsync<ServiceCallException>(() => h.Connector.EnsureListsAsync(["Nope"], createMissing: false, default));

        Assert.Equal((ServiceCallFailure.Permanent, "HubSpot has no contact list named 'Nope', and lists may not be created"), (error.Failure, error.Message));
        Assert.Empty(h.Simulator.GetState().Lists);
    }

    [Fact]
    public async Task DescribeFields_WritableProperties_NotHubSpotsReadOnlyOnes_OneMetadataCall()
    {
        await using var h = await StartAsync();
        h.Simulator.Seed(new HubSpotSeed { Properties = ["plan_tier"] });

        var fields = await h.Connector.DescribeFieldsAsync(default);

        Assert.Contains("firstname", fields);
        Assert.Contains("plan_tier", fields);
        Assert.DoesNotContain("hs_object_id", fields);
        Assert.DoesNotContain("createdate", fields);
        Assert.Equal((1L, 0L), (h.Tally.Tally.MetadataCalls, h.Tally.Tally.DataCalls));
    }

    [Fact]
    public async Task RateLimitHeaders_ReportedAsTheServicesCount_OfTheDayAndThe10sWindow()
    {
        await using var h = await StartAsync();
        h.Simulator.SetFaults(new HubSpotFaults { SpentToday = 1000, SpentTenSeconds = 7 });

        await h.Connector.LookupAsync(Call(CallKind.Lookup, Record("p1", "a@example.com")), default);

        var usage = h.Tally.Signals.Where(s => s.Kind == ServiceSignalKind.UsageReported).ToList();
        Assert.Equal(2, usage.Count);
        Assert.Equal((1001L, 250_000L, (string?)null), (usage[0].Used, usage[0].Limit, usage[0].Window));
        Assert.Equal((8L, 100L, "10s"), (usage[1].Used, usage[1].Limit, usage[1].Window));
    }

    [Fact]
    public async Task TenSecondly429_ReportedAsTheWindowExceeded_RateLimited_ThenSucceedsAfterTheWindow()
    {
        await using var h = await StartAsync(s => s.TenSecondLimit = 2);
        await h.Connector.LookupAsync(Call(CallKind.Lookup, Record("p1", "a@example.com")), default);
        await h.Connector.LookupAsync(Call(CallKind.Lookup, Record("p1", "a@example.com")), default);

        var error = await Assert.ThrowsAsync<ServiceCallException>(() => h.Connector.ExecuteAsync(Call(CallKind.Upsert, Record("p1", "a@example.com")), default));

        Assert.Equal((ServiceCallFailure.RateLimited, "TEN_SECONDLY_ROLLING", false), (error.Failure, error.Code, error.MayHaveApplied));
        Assert.Equal(ServiceSignal.RateWindowExceeded("10s"), h.Tally.Signals.Last());
        Assert.Empty(h.Simulator.GetState().Records);
        Assert.Equal(1, h.Simulator.GetCounts().RateLimitRejections);

        h.Time.Advance(TimeSpan.FromSeconds(10));
        var result = await h.Connector.ExecuteAsync(Call(CallKind.Upsert, Record("p1", "a@example.com")), default);
        Assert.Equal(RecordStatus.Done, result.Records[0].Status);
    }

    [Fact]
    public async Task Daily429_QuotaReached_UntilMidnightInTheAccountsZone()
    {
        await using var h = await StartAsync(s => s.DailyLimit = 3);
        h.Simulator.SetFaults(new HubSpotFaults { SpentToday = 3 });
        var call = Call(CallKind.Create, Record("p1", "a@example.com"));

        var error = await Assert.ThrowsAsync<ServiceCallException>(() => h.Connector.ExecuteAsync(call, default));
        Assert.Equal((ServiceCallFailure.RateLimited, "DAILY"), (error.Failure, error.Code));
        Assert.Equal(ServiceSignal.QuotaReached(), h.Tally.Signals.Last());

        // 12:00 UTC is 07:00 in New York; its midnight is 17 hours on.
        h.Time.Advance(TimeSpan.FromHours(16.9));
        await Assert.ThrowsAsync<ServiceCallException>(() => h.Connector.ExecuteAsync(call, default));
        h.Time.Advance(TimeSpan.FromHours(0.1));
        Assert.Equal(RecordStatus.Done, (await h.Connector.ExecuteAsync(call, default)).Records[0].Status);
    }

    [Fact]
    public async Task Governed_OtherAppsFilledTheWindow_One429Honoured_ThenNoMore_Over250Lookups()
    {
        InFlightGate? gate = null;
        await using var h = await StartAsync(gate: time => gate = new InFlightGate(new GovernedCallGate(new RateGovernor(new RatePolicy(HubSpotService.Policy("acct", "America/New_York")), new InMemoryQuotaLedger(), time))));
        h.Simulator.SetFaults(new HubSpotFaults { SpentTenSeconds = 100 });

        var done = 0;
        var limited = 0;
        while (done < 250)
        {
            try
            {
                await h.RunAsync(() => h.Connector.LookupAsync(Call(CallKind.Lookup, Record("p1", "a@example.com")), default));
                done++;
            }
            catch (ServiceCallException e) when (e.Failure == ServiceCallFailure.RateLimited)
            {
                limited++;
            }
        }

        Assert.Equal(1, limited);
        Assert.Equal((1L, 250L), (h.Simulator.GetCounts().RateLimitRejections, h.Simulator.GetCounts().Of("lookup")));
    }

    [Fact]
    public async Task WrongToken_401_Unauthorized()
    {
        await using var h = await StartAsync(token: "pat-na1-revoked");

        var error = await Assert.ThrowsAsync<ServiceCallException>(() => h.Connector.LookupAsync(Call(CallKind.Lookup, Record("p1", "a@example.com")), default));

        Assert.Equal((ServiceCallFailure.Unauthorized, "401", true), (error.Failure, error.Code, error.StopsDestination));
        Assert.Equal("credentials refused (HTTP 401 INVALID_AUTHENTICATION: check the private app's access token)", error.Message);
    }

    [Fact]
    public async Task TokenRevokedAfterUse_401_Unauthorized_NothingApplied()
    {
        await using var h = await StartAsync();
        await h.Connector.LookupAsync(Call(CallKind.Lookup, Record("p1", "a@example.com")), default);
        h.Simulator.SetFaults(new HubSpotFaults { RefuseCredentials = true });

        var error = await Assert.ThrowsAsync<ServiceCallException>(() => h.Connector.ExecuteAsync(Call(CallKind.Create, Record("p1", "a@example.com")), default));

        Assert.Equal(ServiceCallFailure.Unauthorized, error.Failure);
        Assert.Empty(h.Simulator.GetState().Records);
    }

    [Fact]
    public async Task ServerError_OnAWrite_Unknown_OnALookup_Transient()
    {
        await using var h = await StartAsync();
        h.Simulator.SetFaults(new HubSpotFaults { ServerErrorRate = 1 });

        var write = await Assert.ThrowsAsync<ServiceCallException>(() => h.Connector.ExecuteAsync(Call(CallKind.Create, Record("p1", "a@example.com")), default));
        var read = await Assert.ThrowsAsync<ServiceCallException>(() => h.Connector.LookupAsync(Call(CallKind.Lookup, Record("p1", "a@example.com")), default));

        Assert.Equal((ServiceCallFailure.Unknown, "502"), (write.Failure, write.Code));
        Assert.Equal((ServiceCallFailure.Transient, "502"), (read.Failure, read.Code));
        Assert.Empty(h.Simulator.GetState().Records);
    }

    [Fact]
    public async Task DroppedConnection_OnACreate_Unknown_AndTheContactExists()
    {
        await using var h = await StartAsync();
        h.Simulator.SetFaults(new HubSpotFaults { DropRate = 1 });

        var error = await Assert.ThrowsAsync<ServiceCallException>(() => h.Connector.ExecuteAsync(Call(CallKind.Create, Record("p1", "a@example.com")), default));

        Assert.Equal(ServiceCallFailure.Unknown, error.Failure);
        Assert.Equal("a@example.com", Assert.Single(h.Simulator.GetState().Records).Email);
    }

    [Fact]
    public async Task ReadListMembers_PagesOfIds_ThenTheirEmailsByBatchRead_SoAdoptionCanMatchThem()
    {
        await using var h = await StartAsync();
        h.Simulator.Seed(new HubSpotSeed { Records = [.. Enumerable.Range(0, 260).Select(n => new HubSpotSeedRecord { Id = (1000 + n).ToString(System.Globalization.CultureInfo.InvariantCulture), Email = $"m{n}@example.com", Lists = ["Trial"] })] });

        var members = await h.Connector.ReadListMembersAsync("Trial", default);

        Assert.Equal(260, members.Count);
        Assert.Equal(("1000", "m0@example.com"), (members[0].RemoteId, members[0].ForeignKey));
        Assert.Equal(("1259", "m259@example.com"), (members[^1].RemoteId, members[^1].ForeignKey));
        Assert.Equal((2L, 3L), (h.Simulator.GetCounts().Of("listMembers"), h.Simulator.GetCounts().Of("lookup")));
    }
}
