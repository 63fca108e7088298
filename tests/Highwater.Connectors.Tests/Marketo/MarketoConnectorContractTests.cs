using Highwater.Core.Connectors;
using Highwater.Core.Governor;
using Highwater.Core.Planning;
using Highwater.Simulators.Marketo;
using static Highwater.Connectors.Tests.Marketo.MarketoContractHarness;

namespace Highwater.Connectors.Tests.Marketo;

[Collection(InFlightCollection.Name)]
public sealed class MarketoConnectorContractTests
{
    [Fact]
    public async Task DescribeFields_AnswersTheWritableRestNames_AsOneMetadataCall()
    {
        await using var h = await StartAsync();

        var fields = await h.Connector.DescribeFieldsAsync(default);

        Assert.Contains("firstName", fields);
        Assert.Contains("email", fields);
        Assert.DoesNotContain("id", fields);
        Assert.DoesNotContain("updatedAt", fields);
        Assert.Equal((0L, 1L), (h.Gate.Tally.DataCalls, h.Simulator.GetCounts().Of("describe")));
    }

    [Fact]
    public async Task Lookup_FindsByEmailIgnoringCase_MissesAreAbsent_NoMemberships()
    {
        await using var h = await StartAsync();
        h.Simulator.Seed(new MarketoSeed(["VIP"], [new MarketoSimRecord("7149", "Ann@Example.com", null, ["VIP"])]));

        var matches = await h.Connector.LookupAsync(Call(CallKind.Lookup, Record("p1", "ann@example.com"), Record("p2", "nobody@example.com")), default);

        var match = Assert.Single(matches);
        Assert.Equal(("ann@example.com", "7149"), (match.ForeignKey, match.RemoteId));
        Assert.Null(match.Lists);
        Assert.Equal(1, h.Gate.Tally.DataOf("lookup"));
        Assert.Equal(1, h.Simulator.GetCounts().Of("lookup"));
    }

    [Fact]
    public async Task Lookup_300LongKeys_GoesAsPostMethodGet_NotRefused414()
    {
        await using var h = await StartAsync();
        var emails = Enumerable.Range(0, 300).Select(i => $"someone-with-a-fairly-long-address-{i:000}@example.com").ToList();
        h.Simulator.Seed(new MarketoSeed(null, [new MarketoSimRecord(null, emails[299])]));

        var matches = await h.Connector.LookupAsync(new PlannedCall(CallKind.Lookup, null, emails.Select((e, i) => Record($"p{i}", e)).ToList()), default);

        Assert.Equal(emails[299], Assert.Single(matches).ForeignKey);
        Assert.Equal(1, h.Simulator.GetCounts().Of("lookup"));
    }

    [Fact]
    public async Task Create_AnswersNewIds_InOrder_AndRejectsBadRecordsAlone()
    {
        await using var h = await StartAsync();
        var result = await h.Connector.ExecuteAsync(Call(CallKind.Create,
            Record("p1", "a@example.com", fields: new() { ["firstName"] = "Ann" }),
            Record("p2", "not-an-email"),
            Record("p3", "c@example.com", fields: new() { ["shoeSize"] = "44" }),
            Record("p4", "d@example.com", fields: new() { ["lastName"] = new string('x', 300) }),
            Record("p5", "e@example.com")), default);

        Assert.Equal(["p1", "p2", "p3", "p4", "p5"], result.Records.Select(r => r.ProfileKey));
        Assert.Equal([RecordStatus.Done, RecordStatus.Rejected, RecordStatus.Rejected, RecordStatus.Rejected, RecordStatus.Done], result.Records.Select(r => r.Status));
        Assert.Equal([null, "1003", "1006", "1003", null], result.Records.Select(r => r.Code));
        Assert.Equal(h.Lead("a@example.com").Id, result.Records[0].RemoteId);
        Assert.Equal(h.Lead("e@example.com").Id, result.Records[4].RemoteId);
        Assert.Equal("Ann", h.Lead("a@example.com").Fields!["firstName"]);
        Assert.Equal(2, h.Simulator.GetState().Records.Count);
    }

    [Fact]
    public async Task Create_LeadThatAppearedSinceTheLookup_RetryLater1005()
    {
        await using var h = await StartAsync();
        h.Simulator.Seed(new MarketoSeed(null, [new MarketoSimRecord("10", "a@example.com")]));
        var result = await h.Connector.ExecuteAsync(Call(CallKind.Create, Record("p1", "a@example.com")), default);
        Assert.Equal((RecordStatus.RetryLater, "1005"), (result.Records[0].Status, result.Records[0].Code));
    }

    [Fact]
    public async Task Update_ByRemoteId_ChangesTheKeyAndOnlyTheFieldsSent()
    {
        await using var h = await StartAsync();
        h.Simulator.Seed(new MarketoSeed(null, [new MarketoSimRecord("7149", "old@example.com", new Dictionary<string, string?> { ["firstName"] = "Brian", ["company"] = "Acme" })]));

        var result = await h.Connector.ExecuteAsync(Call(CallKind.Update,
            Record("p1", "new@example.com", "7149", new() { ["firstName"] = "John", ["company"] = null }, match: "old@example.com"),
            Record("p2", "gone@example.com", "9999", new() { ["firstName"] = "X" })), default);

        Assert.Equal((RecordStatus.Done, "7149"), (result.Records[0].Status, result.Records[0].RemoteId));
        Assert.Equal((RecordStatus.Rejected, "1004"), (result.Records[1].Status, result.Records[1].Code));
        var lead = Assert.Single(h.Simulator.GetState().Records);
        Assert.Equal("new@example.com", lead.Email);
        Assert.Equal("John", lead.Fields!["firstName"]);
        Assert.Null(lead.Fields["company"]);
        Assert.Equal(1, h.Gate.Tally.DataOf("update"));
    }

    [Fact]
    public async Task Upsert_CreatesAndUpdates_AnsweringIdsForBoth()
    {
        await using var h = await StartAsync();
        h.Simulator.Seed(new MarketoSeed(null, [new MarketoSimRecord("100", "one@example.com")]));

        var result = await h.Connector.ExecuteAsync(Call(CallKind.Upsert,
            Record("p1", "one@example.com", fields: new() { ["company"] = "Acme" }),
            Record("p2", "two@example.com", fields: new() { ["company"] = "Initech" })), default);

        Assert.All(result.Records, r => Assert.Equal(RecordStatus.Done, r.Status));
        Assert.Equal("100", result.Records[0].RemoteId);
        Assert.Equal(h.Lead("two@example.com").Id, result.Records[1].RemoteId);
        Assert.Equal("Acme", h.Lead("one@example.com").Fields!["company"]);
        Assert.Equal(1, h.Simulator.GetCounts().Of("upsert"));
    }

    [Fact]
    public async Task Delete_RemovesLeads_OneAlreadyGoneIsDone()
    {
        await using var h = await StartAsync();
        h.Simulator.Seed(new MarketoSeed(null, [new MarketoSimRecord("10", "a@example.com"), new MarketoSimRecord("11", "b@example.com")]));

        var result = await h.Connector.ExecuteAsync(Call(CallKind.Delete, Record("p1", remoteId: "10"), Record("p2", remoteId: "12")), default);

        Assert.All(result.Records, r => Assert.Equal(RecordStatus.Done, r.Status));
        Assert.Equal(["11"], h.Simulator.GetState().Records.Select(r => r.Id));
    }

    [Theory]
    [InlineData(CallKind.ListAdd)]
    [InlineData(CallKind.ListRemove)]
    public async Task Membership_OneCallPerListAndDirection_AppliesIt(CallKind kind)
    {
        await using var h = await StartAsync();
        var memberOf = kind == CallKind.ListAdd ? null : new[] { "VIP" };
        h.Simulator.Seed(new MarketoSeed(["VIP"], [new MarketoSimRecord("10", "a@example.com", null, memberOf), new MarketoSimRecord("11", "b@example.com")]));
        var direction = kind == CallKind.ListAdd ? MembershipDirection.Add : MembershipDirection.Remove;
        var records = new[] { "10", "11" }.Select(id => new PlannedRecord { ProfileKey = "p" + id, RemoteId = id, ListChanges = [new ListChange("VIP", direction)] }).ToList();

        var result = await h.Connector.ExecuteAsync(new PlannedCall(kind, "VIP", records), default);

        // Removing b, who is not a member (1015), is done as well: b is not in the list.
        Assert.All(result.Records, r => Assert.Equal(RecordStatus.Done, r.Status));
        var members = h.Simulator.GetState().Records.Where(r => r.Lists!.Contains("VIP")).Select(r => r.Id);
        string[] expected = kind == CallKind.ListAdd ? ["10", "11"] : [];
        Assert.Equal(expected, members);
        Assert.Equal(1, h.Gate.Tally.DataOf(CallTag.KindName(kind)));
        Assert.Equal(1, h.Gate.Tally.Metadata["lists"]);
    }

    [Fact]
    public async Task EnsureLists_FindsExisting_CreatesMissing_CachesThem()
    {
        await using var h = await StartAsync();
        var seeded = h.Simulator.Seed(new MarketoSeed(["VIP", "Churned"], null));

        var ids = await h.Connector.EnsureListsAsync(["VIP", "Churned", "New"], createMissing: true, default);
        var again = await h.Connector.EnsureListsAsync(["VIP", "New"], createMissing: false, default);

        Assert.Equal(seeded.Lists.Single(l => l.Name == "VIP").Id, ids["VIP"]);
        Assert.Equal(h.Simulator.GetState().Lists.Single(l => l.Name == "New").Id, ids["New"]);
        Assert.Equal(ids["New"], again["New"]);
        Assert.Equal(2, h.Gate.Tally.Metadata["lists"]); // one browse, one create; the second ask is cached
    }

    [Fact]
    public async Task EnsureLists_MissingAndNotToBeCreated_Permanent()
    {
        await using var h = await StartAsync();
        var error = await Assert.ThrowsAsync<ServiceCallException>(() => h.Connector.EnsureListsAsync(["Nope"], createMissing: false, default));
        Assert.Equal(ServiceCallFailure.Permanent, error.Failure);
        Assert.Empty(h.Simulator.GetState().Lists);
    }

    [Fact]
    public async Task TokenExpiredMidBatch_RefreshedAndResentOnce_NoDataFailure()
    {
        await using var h = await StartAsync();
        await h.Connector.ExecuteAsync(Call(CallKind.Upsert, Record("p1", "a@example.com")), default);
        h.Simulator.ExpireTokens();

        var result = await h.Connector.ExecuteAsync(Call(CallKind.Upsert, Record("p2", "b@example.com")), default);

        Assert.Equal(RecordStatus.Done, result.Records[0].Status);
        Assert.Equal(2, h.Gate.Tally.Metadata["auth"]);
        Assert.Equal(3, h.Gate.Tally.DataOf("upsert")); // the 602 attempt passed the gate too
        Assert.Equal(2, h.Simulator.GetState().Records.Count);
    }

    [Fact]
    public async Task SecretRevokedAfterUse_601ThenIdentity401_IsUnauthorized_AfterOneFreshToken()
    {
        await using var h = await StartAsync();
        await h.Connector.ExecuteAsync(Call(CallKind.Upsert, Record("p1", "a@example.com")), default);
        h.Simulator.SetFaults(new MarketoFaults { RefuseCredentials = true });

        var error = await Assert.ThrowsAsync<ServiceCallException>(() => h.Connector.LookupAsync(Call(CallKind.Lookup, Record("p2", "b@example.com")), default));

        Assert.Equal((ServiceCallFailure.Unauthorized, "401", "credentials refused (HTTP 401 from identity)"), (error.Failure, error.Code, error.Message));
        Assert.Equal(2, h.Gate.Tally.Metadata["auth"]);
    }

    [Fact]
    public async Task TokenNearExpiry_RefreshedBeforeUse_No602()
    {
        await using var h = await StartAsync();
        await h.Connector.LookupAsync(Call(CallKind.Lookup, Record("p1", "a@example.com")), default);
        h.Time.Advance(TimeSpan.FromSeconds(3600 - 30));

        await h.Connector.LookupAsync(Call(CallKind.Lookup, Record("p1", "a@example.com")), default);
        h.Time.Advance(TimeSpan.FromSeconds(31));
        await h.Connector.LookupAsync(Call(CallKind.Lookup, Record("p1", "a@example.com")), default);

        // Asked again in the last minute, Marketo answers the same token with 30 s left: it is used
        // to its end, then a new one is asked for; no request ever meets a 602.
        Assert.Equal(3, h.Gate.Tally.Metadata["auth"]);
        Assert.Equal(3, h.Gate.Tally.DataOf("lookup"));
        Assert.Equal(3, h.Simulator.GetCounts().Of("lookup"));
    }

    [Fact]
    public async Task RateWindow606_ReportedAsSignal_RateLimited_ThenSucceedsOnRetry()
    {
        await using var h = await StartAsync(s => s.RateLimit = 2);
        await h.Connector.LookupAsync(Call(CallKind.Lookup, Record("p1", "a@example.com")), default);
        await h.Connector.LookupAsync(Call(CallKind.Lookup, Record("p1", "a@example.com")), default);

        var error = await Assert.ThrowsAsync<ServiceCallException>(() => h.Connector.ExecuteAsync(Call(CallKind.Upsert, Record("p1", "a@example.com")), default));
        Assert.Equal((ServiceCallFailure.RateLimited, "606"), (error.Failure, error.Code));
        Assert.Equal(ServiceSignalKind.RateWindowExceeded, Assert.Single(h.Gate.Signals).Kind);
        Assert.Empty(h.Simulator.GetState().Records);

        h.Time.Advance(TimeSpan.FromSeconds(20));
        var result = await h.Connector.ExecuteAsync(Call(CallKind.Upsert, Record("p1", "a@example.com")), default);
        Assert.Equal(RecordStatus.Done, result.Records[0].Status);
        Assert.Single(h.Simulator.GetState().Records);
    }

    [Fact]
    public async Task Concurrency615_ReportedAsTooManyConcurrent()
    {
        await using var h = await StartAsync(s => s.MaxConcurrent = 1);
        h.Simulator.SetFaults(new MarketoFaults { SlowMillis = 1000 });
        var slow = h.Connector.LookupAsync(Call(CallKind.Lookup, Record("p1", "a@example.com")), default);
        Assert.True(await Eventually.TrueAsync(() => h.Simulator.InFlight == 1, TimeSpan.FromSeconds(30)));

        var error = await Assert.ThrowsAsync<ServiceCallException>(() => h.Connector.LookupAsync(Call(CallKind.Lookup, Record("p2", "b@example.com")), default));
        h.Time.Advance(TimeSpan.FromSeconds(1));
        await slow;

        Assert.Equal((ServiceCallFailure.RateLimited, "615"), (error.Failure, error.Code));
        Assert.Equal(ServiceSignalKind.TooManyConcurrent, Assert.Single(h.Gate.Signals).Kind);
    }

    [Fact]
    public async Task DailyQuotaExhausted_RateLimitedWithQuotaReached_NothingLostNorAppliedTwice()
    {
        await using var h = await StartAsync(s => s.DailyQuota = 3);
        h.Simulator.SetFaults(new MarketoFaults { SpentToday = 3 });
        var call = Call(CallKind.Create, Record("p1", "a@example.com"), Record("p2", "b@example.com"));

        var error = await Assert.ThrowsAsync<ServiceCallException>(() => h.Connector.ExecuteAsync(call, default));
        Assert.Equal((ServiceCallFailure.RateLimited, "607"), (error.Failure, error.Code));
        Assert.False(error.MayHaveApplied);
        Assert.Equal(ServiceSignalKind.QuotaReached, Assert.Single(h.Gate.Signals).Kind);
        Assert.Empty(h.Simulator.GetState().Records);

        // Midnight in Chicago (06:00 UTC in March, before the DST change) resets the quota.
        h.Time.Advance(TimeSpan.FromHours(18));
        var result = await h.Connector.ExecuteAsync(call, default);

        Assert.All(result.Records, r => Assert.Equal(RecordStatus.Done, r.Status));
        Assert.Equal(["a@example.com", "b@example.com"], h.Simulator.GetState().Records.Select(r => r.Email));
    }

    [Fact]
    public async Task ServerError_OnAWrite_Unknown_OnALookup_Transient()
    {
        await using var h = await StartAsync();
        h.Simulator.SetFaults(new MarketoFaults { ServerErrorRate = 1 });

        var write = await Assert.ThrowsAsync<ServiceCallException>(() => h.Connector.ExecuteAsync(Call(CallKind.Upsert, Record("p1", "a@example.com")), default));
        var read = await Assert.ThrowsAsync<ServiceCallException>(() => h.Connector.LookupAsync(Call(CallKind.Lookup, Record("p1", "a@example.com")), default));

        Assert.Equal((ServiceCallFailure.Unknown, "502"), (write.Failure, write.Code));
        Assert.Equal(ServiceCallFailure.Transient, read.Failure);
    }

    [Fact]
    public async Task DroppedConnection_OnACreate_Unknown_AndTheLeadExists()
    {
        await using var h = await StartAsync();
        await h.Connector.LookupAsync(Call(CallKind.Lookup, Record("p0", "z@example.com")), default);
        h.Simulator.SetFaults(new MarketoFaults { DropRate = 1 });

        var error = await Assert.ThrowsAsync<ServiceCallException>(() => h.Connector.ExecuteAsync(Call(CallKind.Create, Record("p1", "a@example.com")), default));

        Assert.True(error.MayHaveApplied);
        Assert.Single(h.Simulator.GetState().Records);
    }

    [Fact]
    public async Task BadClientSecret_IsUnauthorized_WithTheIdentityServicesWord()
    {
        await using var h = await StartAsync(connector: o => o.ClientSecret = "wrong");
        var error = await Assert.ThrowsAsync<ServiceCallException>(() => h.Connector.LookupAsync(Call(CallKind.Lookup, Record("p1", "a@example.com")), default));
        Assert.Equal((ServiceCallFailure.Unauthorized, "401", "credentials refused (HTTP 401 from identity)"), (error.Failure, error.Code, error.Message));
    }
}
