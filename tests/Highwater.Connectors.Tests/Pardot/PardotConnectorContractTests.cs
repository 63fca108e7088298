using Highwater.Core.Connectors;
using Highwater.Core.Governor;
using Highwater.Core.Planning;
using Highwater.Simulators.Pardot;
using static Highwater.Connectors.Tests.Pardot.PardotContractHarness;

namespace Highwater.Connectors.Tests.Pardot;

/// <summary>The connector against the simulator: every call kind, inline memberships, the import job, expiry and the limits.</summary>
[Collection(InFlightCollection.Name)]
public sealed class PardotConnectorContractTests
{
    private static Dictionary<string, string?> Fields(params (string Name, string? Value)[] fields) => fields.ToDictionary(f => f.Name, f => f.Value);

    [Fact]
    public async Task Lookup_OneRequestPerKey_FindsEveryProspectWithItsListsByOurNames()
    {
        await using var h = await StartAsync();
        h.Simulator.Seed(new PardotSeed(null,
        [
            new PardotSimRecord(null, "a@example.com", null, ["VIP", "Churned"]),
            new PardotSimRecord(null, "twin@example.com"),
            new PardotSimRecord(null, "twin@example.com", null, ["VIP"]),
        ]));
        await h.Connector.EnsureListsAsync(["vip"], createMissing: false, default);

        var matches = await h.Connector.LookupAsync(Call(CallKind.Lookup, Record("p1", "A@Example.com"), Record("p2", "missing@example.com"), Record("p3", "twin@example.com")), default);

        var a = Assert.Single(matches, m => m.ForeignKey == "A@Example.com");
        Assert.Equal(h.Prospect("a@example.com").Id, a.RemoteId);
        Assert.Equal(new HashSet<string> { "vip", "Churned" }, a.Lists);
        Assert.Equal(2, matches.Count(m => m.ForeignKey == "twin@example.com"));
        Assert.Equal(3, h.Gate.Tally.DataOf("lookup"));
        Assert.Equal(3, h.Simulator.GetCounts().Of("lookup"));
    }

    [Fact]
    public async Task CreateThenUpdate_BatchUpsert_ListsInline_NoListCalls()
    {
        await using var h = await StartAsync();
        h.Simulator.Seed(new PardotSeed(["VIP", "Churned"], null));

        var created = await h.Connector.ExecuteAsync(Call(CallKind.Create,
            Record("p1", "new@example.com", fields: Fields(("first_name", "New"), ("plan", "gold"), ("last_name", null)), lists: [Join("VIP"), Join("Churned")])), default);
        var id = h.Prospect("new@example.com").Id;
        var updated = await h.Connector.ExecuteAsync(Call(CallKind.Update,
            Record("p1", "moved@example.com", id, Fields(("email", "moved@example.com"), ("first_name", null)), match: "new@example.com", lists: [Leave("Churned")])), default);

        Assert.Equal((RecordStatus.Done, (string?)null), (created.Records[0].Status, created.Records[0].RemoteId));
        Assert.Equal((RecordStatus.Done, id), (updated.Records[0].Status, updated.Records[0].RemoteId));
        var prospect = h.Prospect("moved@example.com");
        Assert.Equal(id, prospect.Id);
        Assert.Equal(new Dictionary<string, string?> { ["plan"] = "gold" }, prospect.Fields);
        Assert.Equal(["VIP"], prospect.Lists);
        Assert.Equal((1, 1), (h.Gate.Tally.DataOf("create"), h.Gate.Tally.DataOf("update")));
        Assert.Equal(2, h.Simulator.GetCounts().Of("upsert"));
        Assert.Equal(2, h.Gate.Tally.DataCalls);
    }

    [Fact]
    public async Task Update_UnchangedKey_SendsNoEmail_SoAVanishedIdIsRejectedNotRecreated()
    {
        await using var h = await StartAsync();

        var result = await h.Connector.ExecuteAsync(Call(CallKind.Update, Record("p1", "ghost@example.com", "123", Fields(("email", "ghost@example.com"), ("first_name", "G")), match: "ghost@example.com")), default);

        Assert.Equal((RecordStatus.Rejected, "14"), (result.Records[0].Status, result.Records[0].Code));
        Assert.Empty(h.Simulator.GetState().Records);
    }

    [Fact]
    public async Task BatchUpsert_ErrorsByIndex_OnlyThoseRecordsFail()
    {
        await using var h = await StartAsync();

        var result = await h.Connector.ExecuteAsync(Call(CallKind.Create,
            Record("p1", "ok@example.com", fields: Fields(("first_name", "Ok"))),
            Record("p2", "not-an-email", fields: Fields(("first_name", "Bad"))),
            Record("p3", "shoe@example.com", fields: Fields(("shoe_size", "44")))), default);

        Assert.Equal([RecordStatus.Done, RecordStatus.Rejected, RecordStatus.Rejected], result.Records.Select(r => r.Status));
        Assert.Equal(("4", "Invalid prospect email address"), (result.Records[1].Code, result.Records[1].Reason));
        Assert.Equal("130", result.Records[2].Code);
        Assert.Single(h.Simulator.GetState().Records);
    }

    [Fact]
    public async Task Delete_OneRequestEach_AnAlreadyGoneProspectIsDone()
    {
        await using var h = await StartAsync();
        var id = h.Simulator.Seed(new PardotSeed(null, [new PardotSimRecord(null, "bye@example.com")])).Records[0].Id!;

        var result = await h.Connector.ExecuteAsync(Call(CallKind.Delete, Record("p1", "bye@example.com", id), Record("p2", "gone@example.com", "77")), default);

        Assert.All(result.Records, r => Assert.Equal(RecordStatus.Done, r.Status));
        Assert.Empty(h.Simulator.GetState().Records);
        Assert.Equal(2, h.Gate.Tally.DataOf("delete"));
    }

    [Fact]
    public async Task EnsureLists_FindsCreatesOrRefuses()
    {
        await using var h = await StartAsync();
        h.Simulator.Seed(new PardotSeed(["VIP"], null));

        var ids = await h.Connector.EnsureListsAsync(["VIP", "Trial"], createMissing: true, default);
        var again = await h.Connector.EnsureListsAsync(["VIP"], createMissing: false, default);
        var refused = await Assert.ThrowsAsync<ServiceCallException>(() => h.Connector.EnsureListsAsync(["Nope"], createMissing: false, default));

        Assert.Equal(h.Simulator.GetState().Lists.Select(l => l.Id).Order(), ids.Values.Order());
        Assert.Equal(ids["VIP"], again["VIP"]);
        Assert.Equal(ServiceCallFailure.Permanent, refused.Failure);
        Assert.Equal(4, h.Gate.Tally.Metadata["lists"]); // two finds, one create, one find for "Nope"
    }

    [Theory]
    [InlineData(400)]
    [InlineData(200)]
    [InlineData(429)]
    public async Task Code66_FiveInFlight_RateLimited_TooManyConcurrentReported(int status)
    {
        await using var h = await StartAsync(s => s.LimitStatus = status);
        await h.Connector.LookupAsync(Call(CallKind.Lookup, Record("p0", "warm@example.com")), default); // a session first
        h.Simulator.SetFaults(new PardotFaults { SlowMillis = 1000 });
        var slow = Enumerable.Range(0, 5).Select(i => h.Connector.LookupAsync(Call(CallKind.Lookup, Record($"p{i}", $"s{i}@example.com")), default)).ToList();
        Assert.True(await Eventually.TrueAsync(() => h.Simulator.InFlight == 5, TimeSpan.FromSeconds(30)));

        var refused = await Assert.ThrowsAsync<ServiceCallException>(() => h.Connector.LookupAsync(Call(CallKind.Lookup, Record("p9", "x@example.com")), default));
        h.Time.Advance(TimeSpan.FromSeconds(1));
        await Task.WhenAll(slow);

        Assert.Equal((ServiceCallFailure.RateLimited, "66"), (refused.Failure, refused.Code));
        Assert.Contains(h.Gate.Signals, s => s.Kind == ServiceSignalKind.TooManyConcurrent);
    }

    [Fact]
    public async Task Code122_DaySpent_RateLimited_QuotaReachedReported_UntilTheNextDay()
    {
        await using var h = await StartAsync(s => { s.DailyQuota = 2; s.QuotaTimeZone = "America/Los_Angeles"; });
        await h.Connector.LookupAsync(Call(CallKind.Lookup, Record("p1", "a@example.com"), Record("p2", "b@example.com")), default);

        var refused = await Assert.ThrowsAsync<ServiceCallException>(() => h.Connector.ExecuteAsync(Call(CallKind.Create, Record("p3", "c@example.com")), default));
        h.Time.Advance(TimeSpan.FromHours(20)); // 04:00 in Los Angeles becomes midnight at 08:00 UTC the next day
        var nextDay = await h.Connector.ExecuteAsync(Call(CallKind.Create, Record("p3", "c@example.com")), default);

        Assert.Equal((ServiceCallFailure.RateLimited, "122"), (refused.Failure, refused.Code));
        Assert.Contains(h.Gate.Signals, s => s.Kind == ServiceSignalKind.QuotaReached);
        Assert.Equal(RecordStatus.Done, nextDay.Records[0].Status);
    }

    [Fact]
    public async Task ExpiredSession_184_NewSessionAndOneResend()
    {
        await using var h = await StartAsync();
        await h.Connector.LookupAsync(Call(CallKind.Lookup, Record("p1", "a@example.com")), default);
        h.Simulator.SetFaults(new PardotFaults { ExpireTokens = true });

        await h.Connector.LookupAsync(Call(CallKind.Lookup, Record("p1", "a@example.com")), default);

        Assert.Equal(2, h.Gate.Tally.Metadata["auth"]);
        Assert.Equal(3, h.Gate.Tally.DataOf("lookup"));
    }

    [Fact]
    public async Task BadCredentials_Unauthorized()
    {
        await using var h = await StartAsync(connector: o => o.ClientSecret = "wrong");

        var e = await Assert.ThrowsAsync<ServiceCallException>(() => h.Connector.LookupAsync(Call(CallKind.Lookup, Record("p1", "a@example.com")), default));

        Assert.Equal((ServiceCallFailure.Unauthorized, "invalid_client"), (e.Failure, e.Code));
    }

    [Fact]
    public async Task SecretRevokedAfterUse_184ThenTokenRefused_IsUnauthorized_AfterOneNewSession()
    {
        await using var h = await StartAsync();
        await h.Connector.LookupAsync(Call(CallKind.Lookup, Record("p1", "a@example.com")), default);
        h.Simulator.SetFaults(new PardotFaults { RefuseCredentials = true });

        var e = await Assert.ThrowsAsync<ServiceCallException>(() => h.Connector.LookupAsync(Call(CallKind.Lookup, Record("p1", "a@example.com")), default));

        Assert.Equal((ServiceCallFailure.Unauthorized, "invalid_client"), (e.Failure, e.Code));
        Assert.StartsWith("credentials refused (HTTP 400 invalid_client from the token endpoint", e.Message, StringComparison.Ordinal);
        Assert.Equal(2, h.Gate.Tally.Metadata["auth"]);
    }

    [Fact]
    public async Task ServerError_WriteIsUnknown_LookupTransient()
    {
        await using var h = await StartAsync();
        await h.Connector.LookupAsync(Call(CallKind.Lookup, Record("p1", "a@example.com")), default);
        h.Simulator.SetFaults(new PardotFaults { ServerErrorRate = 1 });

        var write = await Assert.ThrowsAsync<ServiceCallException>(() => h.Connector.ExecuteAsync(Call(CallKind.Create, Record("p1", "a@example.com")), default));
        var lookup = await Assert.ThrowsAsync<ServiceCallException>(() => h.Connector.LookupAsync(Call(CallKind.Lookup, Record("p1", "a@example.com")), default));

        Assert.Equal(ServiceCallFailure.Unknown, write.Failure);
        Assert.Equal(ServiceCallFailure.Transient, lookup.Failure);
    }

    [Fact]
    public async Task Import_BulkUpsertJob_CreatesAndUpdatesByEmail_ListsPerRow_ErrorsPerRecord()
    {
        await using var h = await StartAsync(connector: o => o.ImportPollInterval = TimeSpan.FromSeconds(60));
        h.Simulator.Seed(new PardotSeed(["VIP", "Trial"], [new PardotSimRecord(null, "there@example.com", Fields(("first_name", "Old"), ("job_title", "Analyst")), ["Trial"])]));
        var records = new List<PlannedRecord>
        {
            Record("p0", "there@example.com", fields: Fields(("email", "there@example.com"), ("first_name", "New"), ("job_title", null)), lists: [Join("VIP"), Leave("Trial")]),
            Record("p1", "bad-address", fields: Fields(("email", "bad-address"), ("first_name", "Bad"), ("job_title", "X"))),
        };
        records.AddRange(Enumerable.Range(2, 298).Select(i => Record($"p{i}", $"u{i}@example.com", fields: Fields(("email", $"u{i}@example.com"), ("first_name", $"F{i}"), ("job_title", "Engineer")), lists: [Join("VIP")])));
        var call = new PlannedCall(CallKind.Upsert, null, records, 5) { Bulk = true };

        var result = await h.DriveAsync(() => h.Connector.ExecuteAsync(call, default), TimeSpan.FromSeconds(60));

        Assert.Equal(299, result.Records.Count(r => r.Status == RecordStatus.Done));
        var bad = Assert.Single(result.Records, r => r.Status == RecordStatus.Rejected);
        Assert.Equal(("p1", "Invalid prospect email address"), (bad.ProfileKey, bad.Reason));
        var there = h.Prospect("there@example.com");
        Assert.Equal(new Dictionary<string, string?> { ["first_name"] = "New" }, there.Fields);
        Assert.Equal(["VIP"], there.Lists);
        Assert.Equal(["VIP"], h.Prospect("u150@example.com").Lists);
        Assert.Equal(299, h.Simulator.GetState().Records.Count);
        // create, one batch, Ready, the polls (the job takes 150 s: reads at 60, 120, 180 s), the errors file.
        Assert.Equal(7, h.Gate.Tally.DataOf("import"));
        Assert.Equal(h.Gate.Tally.DataOf("import"), h.Simulator.GetCounts().Of("import"));
        Assert.Equal(0, h.Gate.Tally.DataOf("upsert"));
    }

    [Fact]
    public async Task Import_ManyBatches_SplitByBytes_StillOneJob()
    {
        await using var h = await StartAsync(connector: o => { o.ImportBatchBytes = 4096; o.ImportPollInterval = TimeSpan.FromSeconds(200); });
        var records = Enumerable.Range(0, 250).Select(i => Record($"p{i}", $"user.number.{i}@example.com", fields: Fields(("first_name", new string('x', 40))))).ToArray();
        var call = new PlannedCall(CallKind.Upsert, null, records, 5) { Bulk = true };

        var result = await h.DriveAsync(() => h.Connector.ExecuteAsync(call, default), TimeSpan.FromSeconds(200));

        Assert.All(result.Records, r => Assert.Equal(RecordStatus.Done, r.Status));
        Assert.Equal(250, h.Simulator.GetState().Records.Count);
        var uploads = h.Gate.Tally.DataOf("import") - 3; // create, Ready, one poll
        Assert.InRange(uploads, 4, 10);
    }
}
