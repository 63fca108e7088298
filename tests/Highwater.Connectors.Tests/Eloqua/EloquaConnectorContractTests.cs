using Highwater.Connectors.Eloqua;
using Highwater.Core.Connectors;
using Highwater.Core.Governor;
using Highwater.Core.Planning;
using Highwater.Simulators.Eloqua;
using Microsoft.Extensions.Time.Testing;

namespace Highwater.Connectors.Tests.Eloqua;

/// <summary>The connector against the simulator over HTTP: bulk syncs to their end, per-row outcomes, lists, REST calls and limits.</summary>
public sealed class EloquaConnectorContractTests : IAsyncDisposable
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2025, 3, 1, 12, 0, 0, TimeSpan.Zero));
    private readonly TallyingCallGate _gate = new();
    private readonly HttpClient _http = new();
    private EloquaSimulator? _sim;

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        if (_sim is not null)
        {
            await _sim.DisposeAsync();
        }
    }

    [Fact]
    public async Task DescribeFields_NamesTheStandardFieldsTheInstanceHas_ByRestAndInternalName()
    {
        await StartAsync();
        var connector = Connector();

        var fields = await RunAsync(connector.DescribeFieldsAsync(default));

        Assert.Contains("emailAddress", fields);
        Assert.Contains("firstName", fields);
        Assert.Contains("C_FirstName", fields);
        Assert.DoesNotContain("fristName", fields);
        Assert.Equal(0, _gate.Tally.DataCalls);
    }

    [Fact]
    public async Task Upsert_CreatesAndUpdatesByEmail_EveryRowDone_FourRequestsAndOneDefinition()
    {
        var sim = await StartAsync();
        sim.Seed(new EloquaSeed { Records = [new EloquaSeedRecord { Email = "a@example.com", Fields = new Dictionary<string, string?> { ["firstName"] = "Old" } }] });
        var connector = Connector();

        var result = await RunAsync(connector.ExecuteAsync(Upsert(("p1", "A@example.com", "Ann"), ("p2", "b@example.com", "Bob")), default));

        Assert.All(result.Records, r => Assert.Equal(RecordStatus.Done, r.Status));
        Assert.Equal(["p1", "p2"], result.Records.Select(r => r.ProfileKey));
        var state = sim.GetState();
        Assert.Equal(2, state.Records.Count);
        Assert.Equal("Ann", state.Records.Single(r => r.Email.Equals("a@example.com", StringComparison.OrdinalIgnoreCase)).Fields["firstName"]);
        Assert.Equal("Bob", state.Records.Single(r => r.Email == "b@example.com").Fields["firstName"]);
        Assert.Equal(4, _gate.Tally.DataOf("upsert"));

        await RunAsync(connector.ExecuteAsync(Upsert(("p3", "c@example.com", "Cy")), default));
        Assert.Equal(1, sim.GetCounts().Of("definition"));
        Assert.Equal(8, _gate.Tally.DataOf("upsert"));
    }

    [Fact]
    public async Task Upsert_SyncStaysPendingThenActiveForSeveralPolls_RecordsDoneOnlyAtSuccess()
    {
        var sim = await StartAsync();
        sim.SetFaults(new EloquaFaults { SyncPolls = 4 });
        var connector = Connector();

        var call = RunAsync(connector.ExecuteAsync(Upsert(("p1", "a@example.com", "Ann")), default));
        var result = await call;

        Assert.Equal(RecordStatus.Done, Assert.Single(result.Records).Status);
        Assert.Equal(5, sim.GetCounts().Of("poll"));
        Assert.Equal(2 + 5 + 1, _gate.Tally.DataOf("upsert"));
        Assert.Equal("a@example.com", Assert.Single(sim.GetState().Records).Email);
    }

    [Fact]
    public async Task Upsert_SyncStillActiveAfterMaxPolls_FailsAsUnknown_NothingCountedDone()
    {
        var sim = await StartAsync();
        sim.SetFaults(new EloquaFaults { SyncPolls = 10 });
        var connector = Connector(o => o.MaxPolls = 3);

        var ex = await Assert.ThrowsAsync<ServiceCallException>(() => RunAsync(connector.ExecuteAsync(Upsert(("p1", "a@example.com", "Ann")), default)));

        Assert.Equal(ServiceCallFailure.Unknown, ex.Failure);
        Assert.Contains("still pending", ex.Message, StringComparison.Ordinal);
        Assert.Empty(sim.GetState().Records);
    }

    [Fact]
    public async Task SyncLeftRunning_ByAnEarlierProcess_IsPolledToItsEndBeforeTheNextLookup_WhichThenFindsWhatItWrote()
    {
        // A sync nobody polled to its end still applies, whenever Eloqua gets to it: a lookup made
        // before it lands would miss the contact it creates, and a write made then would be
        // overwritten by it later.
        var sim = await StartAsync();
        sim.SetFaults(new EloquaFaults { SyncPolls = 10 });
        var crashed = Connector(o => o.MaxPolls = 3);
        await Assert.ThrowsAsync<ServiceCallException>(() => RunAsync(crashed.ExecuteAsync(Upsert(("p1", "a@example.com", "Ann")), default)));
        Assert.Empty(sim.GetState().Records);

        var next = Connector();
        var matches = await RunAsync(next.LookupAsync(new PlannedCall(CallKind.Lookup, null, [Key("p1", "a@example.com")]), default));

        var created = Assert.Single(sim.GetState().Records);
        Assert.Equal(("a@example.com", "Ann"), (created.Email, created.Fields["firstName"]));
        Assert.Equal(created.Id, Assert.Single(matches).RemoteId);
        Assert.Equal(2, sim.GetCounts().Of("syncs")); // once by each connector
        Assert.Equal(1, _gate.Tally.DataOf("lookup"));
    }

    [Fact]
    public async Task Upsert_SyncEndsInWarning_RejectedRowsCarryTheRejectsMessage_TheRestDone()
    {
        var sim = await StartAsync();
        var connector = Connector();

        var result = await RunAsync(connector.ExecuteAsync(Upsert(("p1", "a@example.com", "Ann"), ("p2", "not-an-email", "Bad"), ("p3", "c@example.com", new string('x', 101))), default));

        Assert.Equal(RecordStatus.Done, result.Records[0].Status);
        Assert.Equal((RecordStatus.Rejected, "ELQ-00002", "Invalid email address."), (result.Records[1].Status, result.Records[1].Code, result.Records[1].Reason));
        Assert.Equal((RecordStatus.Rejected, "ELQ-00032"), (result.Records[2].Status, result.Records[2].Code));
        Assert.Equal(["a@example.com"], sim.GetState().Records.Select(r => r.Email));
        Assert.Equal(1, sim.GetCounts().Of("rejects"));
        Assert.Equal(5, _gate.Tally.DataOf("upsert"));
    }

    [Fact]
    public async Task Upsert_RowsPassingOneUploadsLimit_StagedInSeveralUploads_OneSync_EveryRowDone()
    {
        // The Bulk API's 32 MB a POST, scaled down: 40 rows of about 70 bytes pass 2,048 together.
        var sim = await StartAsync(o => o.MaxStagingBytes = 2048);
        var connector = Connector(o => o.MaxUploadBytes = 2048);
        var rows = Enumerable.Range(1, 40).Select(i => ($"p{i}", $"user{i:00}@example.com", new string('n', 30))).ToArray();

        var result = await RunAsync(connector.ExecuteAsync(Upsert(rows), default));

        Assert.All(result.Records, r => Assert.Equal(RecordStatus.Done, r.Status));
        Assert.Equal(40, sim.GetState().Records.Count);
        Assert.Equal((2, 1), (sim.GetCounts().Of("upload"), sim.GetCounts().Of("sync")));
    }

    [Fact]
    public async Task Upsert_RowTooLargeAloneForAnUpload_RejectedUnsentNamingItsSize_TheOthersSynced()
    {
        var sim = await StartAsync(o => o.MaxStagingBytes = 2048);
        var connector = Connector(o => o.MaxUploadBytes = 2048);

        var result = await RunAsync(connector.ExecuteAsync(Upsert(("p1", "a@example.com", new string('x', 3000)), ("p2", "not-an-email", "Bad"), ("p3", "c@example.com", "Cy")), default));

        Assert.Equal((RecordStatus.Rejected, "404", "its values make a request of 3,049 bytes; Eloqua takes at most 2,048 (HTTP 404), so it was not sent"), (result.Records[0].Status, result.Records[0].Code, result.Records[0].Reason));
        Assert.Equal((RecordStatus.Rejected, "ELQ-00002"), (result.Records[1].Status, result.Records[1].Code));
        Assert.Equal(RecordStatus.Done, result.Records[2].Status);
        Assert.Equal(["c@example.com"], sim.GetState().Records.Select(r => r.Email));
        Assert.Equal((1, 1), (sim.GetCounts().Of("upload"), sim.GetCounts().Of("sync")));
    }

    [Fact]
    public async Task Upsert_EveryRowTooLargeAlone_RejectedUnsent_NoUploadNoSync()
    {
        var sim = await StartAsync(o => o.MaxStagingBytes = 2048);
        var connector = Connector(o => o.MaxUploadBytes = 2048);

        var result = await RunAsync(connector.ExecuteAsync(Upsert(("p1", "a@example.com", new string('x', 3000))), default));

        Assert.Equal((RecordStatus.Rejected, "404"), (result.Records[0].Status, result.Records[0].Code));
        Assert.Empty(sim.GetState().Records);
        Assert.Equal((0, 0), (sim.GetCounts().Of("upload"), sim.GetCounts().Of("sync")));
    }

    [Fact]
    public async Task Upsert_SyncEndsInErrorWithATemporaryLog_EveryRecordRetriesLater()
    {
        var sim = await StartAsync();
        sim.SetFaults(new EloquaFaults { FailSyncs = 1 });
        var connector = Connector();

        var result = await RunAsync(connector.ExecuteAsync(Upsert(("p1", "a@example.com", "Ann"), ("p2", "b@example.com", "Bob")), default));

        Assert.All(result.Records, r => Assert.Equal(RecordStatus.RetryLater, r.Status));
        Assert.Contains("temporary", result.Records[0].Reason, StringComparison.Ordinal);
        Assert.Empty(sim.GetState().Records);

        var again = await RunAsync(connector.ExecuteAsync(Upsert(("p1", "a@example.com", "Ann"), ("p2", "b@example.com", "Bob")), default));
        Assert.All(again.Records, r => Assert.Equal(RecordStatus.Done, r.Status));
        Assert.Equal(2, sim.GetState().Records.Count);
    }

    [Fact]
    public async Task Upsert_LostUploadAnswer_RetryClearsTheStagingFirst_NoRowSyncedTwice()
    {
        var sim = await StartAsync();
        var connector = Connector();
        await RunAsync(connector.ExecuteAsync(Upsert(("p0", "z@example.com", "Zed")), default));
        sim.SetFaults(new EloquaFaults { DropRate = 1 });
        await Assert.ThrowsAsync<ServiceCallException>(() => RunAsync(connector.ExecuteAsync(Upsert(("p1", "a@example.com", "Ann")), default)));
        sim.SetFaults(new EloquaFaults { DropRate = 0 });

        var result = await RunAsync(connector.ExecuteAsync(Upsert(("p1", "a@example.com", "Ann")), default));

        Assert.Equal(RecordStatus.Done, Assert.Single(result.Records).Status);
        Assert.Equal(1, sim.GetCounts().Of("clear"));
        Assert.Equal(0, sim.GetCounts().RecordRejections);
    }

    [Fact]
    public async Task Memberships_SyncActionsByEmail_AddThenRemove_MissingContactRetriesLater()
    {
        var sim = await StartAsync();
        sim.Seed(new EloquaSeed { Records = [new EloquaSeedRecord { Email = "a@example.com" }, new EloquaSeedRecord { Email = "b@example.com" }] });
        var connector = Connector();
        var ids = await RunAsync(connector.EnsureListsAsync(["VIP"], createMissing: true, default));

        var added = await RunAsync(connector.ExecuteAsync(Members(CallKind.ListAdd, "VIP", ("p1", "a@example.com"), ("p2", "B@example.com"), ("p3", "gone@example.com")), default));

        Assert.Equal([RecordStatus.Done, RecordStatus.Done, RecordStatus.RetryLater], added.Records.Select(r => r.Status));
        Assert.Equal("ELQ-00085", added.Records[2].Code);
        Assert.All(sim.GetState().Records, r => Assert.Equal(["VIP"], r.Lists));
        Assert.Equal(ids["VIP"], Assert.Single(sim.GetState().Lists).Id);

        var removed = await RunAsync(connector.ExecuteAsync(Members(CallKind.ListRemove, "VIP", ("p1", "a@example.com")), default));

        Assert.Equal(RecordStatus.Done, Assert.Single(removed.Records).Status);
        Assert.Empty(sim.GetState().Records.Single(r => r.Email == "a@example.com").Lists);
        Assert.Equal(2, sim.GetCounts().Of("definition"));
    }

    [Fact]
    public async Task EnsureLists_FindsExistingByName_CreatesMissingOnlyWhenAllowed()
    {
        var sim = await StartAsync();
        sim.Seed(new EloquaSeed { Lists = ["Customers"] });
        var connector = Connector();

        var ex = await Assert.ThrowsAsync<ServiceCallException>(() => connector.EnsureListsAsync(["Customers", "Trial"], createMissing: false, default));
        var ids = await connector.EnsureListsAsync(["Customers", "Trial"], createMissing: true, default);

        Assert.Equal(ServiceCallFailure.Permanent, ex.Failure);
        Assert.Equal(sim.GetState().Lists.Select(l => (l.Name, l.Id)), ids.Select(p => (p.Key, p.Value)).OrderBy(p => p.Key == "Trial"));
    }

    [Fact]
    public async Task Lookup_OneRequestPerKey_FindsAnyCase_MissesAbsent()
    {
        var sim = await StartAsync();
        var seeded = sim.Seed(new EloquaSeed { Records = [new EloquaSeedRecord { Id = "1986113", Email = "a@example.com" }] });
        var connector = Connector();

        var matches = await connector.LookupAsync(new PlannedCall(CallKind.Lookup, null, [Key("p1", "A@Example.com"), Key("p2", "missing@example.com")]), default);

        Assert.Equal(("A@Example.com", "1986113"), (Assert.Single(matches).ForeignKey, matches[0].RemoteId));
        Assert.Equal(2, _gate.Tally.DataOf("lookup"));
        Assert.Equal(2, sim.GetCounts().Of("lookup"));
        Assert.Equal("1986113", seeded.Records[0].Id);
    }

    [Fact]
    public async Task UpdateAndDelete_OneRestRequestPerContact_UpdateMovesTheEmail_DeleteOfAGoneContactIsDone()
    {
        var sim = await StartAsync();
        sim.Seed(new EloquaSeed { Records = [new EloquaSeedRecord { Id = "11", Email = "old@example.com" }, new EloquaSeedRecord { Id = "12", Email = "b@example.com" }] });
        var connector = Connector();

        var updated = await connector.ExecuteAsync(new PlannedCall(CallKind.Update, null,
            [new PlannedRecord { ProfileKey = "p1", RemoteId = "11", ForeignKey = "new@example.com", Fields = new Dictionary<string, string?> { ["title"] = "CTO" } }]), default);
        var deleted = await connector.ExecuteAsync(new PlannedCall(CallKind.Delete, null,
            [new PlannedRecord { ProfileKey = "p2", RemoteId = "12" }, new PlannedRecord { ProfileKey = "p3", RemoteId = "999" }]), default);

        Assert.Equal(RecordStatus.Done, Assert.Single(updated.Records).Status);
        Assert.All(deleted.Records, r => Assert.Equal(RecordStatus.Done, r.Status));
        var contact = Assert.Single(sim.GetState().Records);
        Assert.Equal(("new@example.com", "CTO"), (contact.Email, contact.Fields["title"]));
        Assert.Equal(2, _gate.Tally.DataOf("delete"));
        Assert.Equal(1, _gate.Tally.DataOf("update"));
    }

    [Fact]
    public async Task Rest429_ReportsItsRetryAfterToTheGovernor_AndFailsRateLimited()
    {
        var sim = await StartAsync(o => o.RestRateLimit = 1);
        var connector = Connector();
        await connector.LookupAsync(new PlannedCall(CallKind.Lookup, null, [Key("p1", "a@example.com")]), default);

        var ex = await Assert.ThrowsAsync<ServiceCallException>(() => connector.LookupAsync(new PlannedCall(CallKind.Lookup, null, [Key("p2", "b@example.com")]), default));

        Assert.Equal((ServiceCallFailure.RateLimited, "429"), (ex.Failure, ex.Code));
        var signal = Assert.Single(_gate.Signals);
        Assert.Equal((ServiceSignalKind.RetryAfter, TimeSpan.FromSeconds(1)), (signal.Kind, signal.Delay));
        Assert.Equal(1, sim.GetCounts().RateLimitRejections);

        _time.Advance(TimeSpan.FromSeconds(1));
        Assert.Empty(await connector.LookupAsync(new PlannedCall(CallKind.Lookup, null, [Key("p2", "b@example.com")]), default));
    }

    [Fact]
    public async Task HourlyImportLimit_TheSyncPastItIsAnswered429_UntilTheHourHasPassed()
    {
        var sim = await StartAsync(o => o.ImportSyncsPerHour = 1);
        var connector = Connector();
        await RunAsync(connector.ExecuteAsync(Upsert(("p1", "a@example.com", "Ann")), default));

        var ex = await Assert.ThrowsAsync<ServiceCallException>(() => RunAsync(connector.ExecuteAsync(Upsert(("p2", "b@example.com", "Bob")), default)));

        Assert.Equal(ServiceCallFailure.RateLimited, ex.Failure);
        Assert.True(Assert.Single(_gate.Signals).Delay > TimeSpan.FromMinutes(59));
        _time.Advance(TimeSpan.FromHours(1));
        var result = await RunAsync(connector.ExecuteAsync(Upsert(("p2", "b@example.com", "Bob")), default));
        Assert.Equal(RecordStatus.Done, Assert.Single(result.Records).Status);
        Assert.Equal(2, sim.GetState().Records.Count);
    }

    [Fact]
    public async Task DailyCallLimit_WhenConfigured_IsAnswered429UntilMidnight()
    {
        // The day's calls: the connector's look for syncs left running, then one lookup.
        await StartAsync(o => o.DailyCallLimit = 2);
        var connector = Connector();
        await connector.LookupAsync(new PlannedCall(CallKind.Lookup, null, [Key("p1", "a@example.com")]), default);

        var ex = await Assert.ThrowsAsync<ServiceCallException>(() => connector.LookupAsync(new PlannedCall(CallKind.Lookup, null, [Key("p1", "a@example.com")]), default));

        Assert.Equal(ServiceCallFailure.RateLimited, ex.Failure);
        Assert.Equal(TimeSpan.FromHours(12), Assert.Single(_gate.Signals).Delay);
    }

    [Fact]
    public async Task Login_BadPassword_IsUnauthorized_FromTheLoginService()
    {
        await StartAsync();
        var connector = Connector(o => o.Password = "wrong");

        var ex = await Assert.ThrowsAsync<ServiceCallException>(() => connector.LookupAsync(new PlannedCall(CallKind.Lookup, null, [Key("p1", "a@example.com")]), default));

        Assert.Equal((ServiceCallFailure.Unauthorized, "credentials refused (login: Not authenticated.)"), (ex.Failure, ex.Message));
        Assert.Equal(1, _gate.Tally.Metadata["auth"]);
    }

    [Fact]
    public async Task PasswordChangedAfterUse_IsUnauthorized_NotARecordFailure()
    {
        var sim = await StartAsync();
        var connector = Connector();
        await connector.LookupAsync(new PlannedCall(CallKind.Lookup, null, [Key("p1", "a@example.com")]), default);
        sim.SetFaults(new Highwater.Simulators.Eloqua.EloquaFaults { RefuseCredentials = true });

        var ex = await Assert.ThrowsAsync<ServiceCallException>(() => connector.LookupAsync(new PlannedCall(CallKind.Lookup, null, [Key("p1", "a@example.com")]), default));

        Assert.Equal((ServiceCallFailure.Unauthorized, "401"), (ex.Failure, ex.Code));
        Assert.True(ex.StopsDestination);
        Assert.StartsWith("credentials refused (HTTP 401", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadListMembers_ByABulkExport_AnswersIdsAndEmails()
    {
        var sim = await StartAsync();
        sim.Seed(new EloquaSeed { Records = [new EloquaSeedRecord { Id = "21", Email = "a@example.com", Lists = ["VIP"] }, new EloquaSeedRecord { Id = "22", Email = "b@example.com" }] });
        var connector = Connector();

        var members = await RunAsync(connector.ReadListMembersAsync("VIP", default));

        Assert.Equal(("21", "a@example.com"), (Assert.Single(members).RemoteId, members[0].ForeignKey));
        Assert.Equal(1, sim.GetCounts().Of("data"));
    }

    private async Task<EloquaSimulator> StartAsync(Action<EloquaSimulatorOptions>? configure = null)
    {
        var options = new EloquaSimulatorOptions { TimeProvider = _time };
        configure?.Invoke(options);
        _sim = await EloquaSimulator.StartAsync(options);
        return _sim;
    }

    private EloquaConnector Connector(Action<EloquaConnectorOptions>? configure = null)
    {
        var defaults = new EloquaSimulatorOptions();
        var options = new EloquaConnectorOptions
        {
            LoginUrl = _sim!.BaseAddress,
            Company = defaults.Company,
            Username = defaults.Username,
            Password = defaults.Password,
        };
        configure?.Invoke(options);
        return new EloquaConnector(_http, options, _gate, _time);
    }

    /// <summary>Runs a call whose polls wait on the fake clock: moves the clock on while the call is not done.</summary>
    private async Task<T> RunAsync<T>(Task<T> call)
    {
        for (var step = 0; step < 10_000 && !call.IsCompleted; step++)
        {
            _time.Advance(TimeSpan.FromSeconds(1));
            await Task.WhenAny(call, Task.Delay(10));
        }

        return await call;
    }

    private static PlannedCall Upsert(params (string Key, string Email, string FirstName)[] records) =>
        new(CallKind.Upsert, null, [.. records.Select(r => new PlannedRecord
        {
            ProfileKey = r.Key,
            ForeignKey = r.Email,
            Fields = new Dictionary<string, string?> { ["emailAddress"] = r.Email, ["firstName"] = r.FirstName },
        })]);

    private static PlannedCall Members(CallKind kind, string list, params (string Key, string Email)[] records) =>
        new(kind, list, [.. records.Select(r => new PlannedRecord
        {
            ProfileKey = r.Key,
            ForeignKey = r.Email,
            ListChanges = [new ListChange(list, kind == CallKind.ListAdd ? MembershipDirection.Add : MembershipDirection.Remove)],
        })]);

    private static PlannedRecord Key(string profile, string email) => new() { ProfileKey = profile, ForeignKey = email };
}
