using Highwater.Core.Capabilities;
using Highwater.Core.Model;
using Highwater.Core.Planning;
using Highwater.Engine.Execution;

namespace Highwater.Engine.Tests.Execution;

public sealed class PlanExecutorTests
{
    private static readonly Dictionary<string, string> Mapping = new(StringComparer.Ordinal) { ["vip"] = "VIP List", ["trial"] = "Trial List" };

    private static (PlanExecutor Executor, FakeConnector Service, RecordingObserver Observer) Build(ServiceCapabilities? capabilities = null, SyncMode mode = SyncMode.Sync, int retries = 3)
    {
        var service = new FakeConnector(capabilities ?? KnownServices.Marketo);
        var options = new PlannerOptions { Mode = mode };
        foreach (var (group, list) in Mapping)
        {
            options.ListsByGroup[group] = list;
        }

        var planner = new Planner(service.Capabilities, options);
        var executor = new PlanExecutor(planner, service, Mapping, new ExecutorOptions { MaxRetries = retries, RetryDelay = TimeSpan.Zero, Parallelism = 2 }, TimeProvider.System);
        return (executor, service, new RecordingObserver());
    }

    private static ExportRequest Request(string key, string email, string? first = null, string[]? groups = null, ExportedState? last = null, bool delete = false, string? previous = null) => new()
    {
        ProfileKey = key,
        ForeignKey = email,
        PreviousForeignKey = previous,
        Fields = new Dictionary<string, string?>(StringComparer.Ordinal) { ["email"] = email, ["firstName"] = first ?? key },
        Groups = (groups ?? []).ToHashSet(StringComparer.Ordinal),
        LastExported = last,
        Delete = delete,
    };

    [Fact]
    public async Task Export_NewProfiles_CreatesThemOnceAndRecordsEachIdAsItIsAnswered()
    {
        var (executor, service, observer) = Build();

        var result = await executor.ExportAsync([Request("p1", "a@x.com", groups: ["vip"]), Request("p2", "b@x.com")], observer, CancellationToken.None);

        Assert.All(result.Profiles, p => Assert.Equal(ProfileOutcome.Exported, p.Outcome));
        Assert.Single(service.ByEmail("a@x.com"));
        Assert.Single(service.ByEmail("b@x.com"));
        var a = service.ByEmail("a@x.com").Single();
        Assert.Equal(a.Id, observer.Ids["p1"]);
        Assert.Equal(a.Id, result.Profiles[0].Exported!.RemoteId);
        Assert.Equal(["VIP List"], a.Lists);
        Assert.Equal(["VIP List"], result.Profiles[0].Exported!.Lists);
    }

    [Fact]
    public async Task Export_OneRecordRejected_FailsThatRecordOnlyAndSkipsItsMemberships()
    {
        var (executor, service, _) = Build();
        service.InvalidEmails["bad@x"] = "Invalid email address";

        var result = await executor.ExportAsync([Request("good", "good@x.com", groups: ["vip"]), Request("bad", "bad@x", groups: ["vip"])], null, CancellationToken.None);

        var good = result.Profiles.Single(p => p.ProfileKey == "good");
        var bad = result.Profiles.Single(p => p.ProfileKey == "bad");
        Assert.Equal(ProfileOutcome.Exported, good.Outcome);
        Assert.Equal(ProfileOutcome.Rejected, bad.Outcome);
        Assert.Equal("1003", bad.Code);
        Assert.Contains("Invalid email", bad.Reason, StringComparison.Ordinal);
        Assert.Empty(service.ByEmail("bad@x"));
        Assert.Equal(["VIP List"], service.ByEmail("good@x.com").Single().Lists);
    }

    [Fact]
    public async Task Export_TransientFailure_IsRetriedAndSucceeds()
    {
        var (executor, service, _) = Build(KnownServices.Salesforce);
        service.Inject(CallKind.Create, Fault.Transient, Fault.Transient);

        var result = await executor.ExportAsync([Request("p1", "a@x.com")], null, CancellationToken.None);

        Assert.Equal(ProfileOutcome.Exported, result.Profiles[0].Outcome);
        Assert.Equal(3, service.Calls.Count(k => k == CallKind.Create));
        Assert.Single(service.ByEmail("a@x.com"));
        Assert.Equal(0, result.FailedCalls);
    }

    [Fact]
    public async Task Export_TransientFailureBeyondTheRetries_LeavesTheProfilesToRetryLater()
    {
        var (executor, service, _) = Build(KnownServices.Salesforce, retries: 2);
        service.Inject(CallKind.Create, Fault.Transient, Fault.Transient, Fault.Transient);

        var result = await executor.ExportAsync([Request("p1", "a@x.com")], null, CancellationToken.None);

        Assert.Equal(ProfileOutcome.RetryLater, result.Profiles[0].Outcome);
        Assert.Equal("create", result.Profiles[0].FailedStep);
        Assert.Equal(1, result.FailedCalls);
        Assert.Empty(service.ByEmail("a@x.com"));
    }

    [Fact]
    public async Task Export_RateLimited_GoesAgainWithoutSpendingARetry()
    {
        var (executor, service, _) = Build(KnownServices.Salesforce, retries: 0);
        service.Inject(CallKind.Create, Fault.RateLimited, Fault.RateLimited, Fault.RateLimited);

        var result = await executor.ExportAsync([Request("p1", "a@x.com")], null, CancellationToken.None);

        Assert.Equal(ProfileOutcome.Exported, result.Profiles[0].Outcome);
        Assert.Equal(4, service.Calls.Count(k => k == CallKind.Create));
    }

    [Fact]
    public async Task Export_PermanentFailure_IsNotRetried()
    {
        var (executor, service, _) = Build(KnownServices.Salesforce);
        service.Inject(CallKind.Create, Fault.Permanent);

        var result = await executor.ExportAsync([Request("p1", "a@x.com")], null, CancellationToken.None);

        Assert.Equal(ProfileOutcome.Rejected, result.Profiles[0].Outcome);
        Assert.Equal(1, service.Calls.Count(k => k == CallKind.Create));
    }

    [Fact]
    public async Task Export_CreateAnswerLost_LooksUpBeforeCreatingAgainAndMakesNoDuplicate()
    {
        var (executor, service, observer) = Build(KnownServices.Salesforce);
        service.Inject(CallKind.Create, Fault.LostAnswer);

        var result = await executor.ExportAsync([Request("p1", "a@x.com", groups: ["vip"]), Request("p2", "b@x.com")], observer, CancellationToken.None);

        Assert.All(result.Profiles, p => Assert.Equal(ProfileOutcome.Exported, p.Outcome));
        Assert.Single(service.ByEmail("a@x.com"));
        Assert.Single(service.ByEmail("b@x.com"));
        Assert.Equal(1, service.Calls.Count(k => k == CallKind.Create));
        Assert.Equal(service.ByEmail("a@x.com").Single().Id, observer.Ids["p1"]);
        Assert.Equal(["VIP List"], service.ByEmail("a@x.com").Single().Lists);
    }

    [Fact]
    public async Task Export_KeyChanged_UpdatesTheOldRecordById()
    {
        var (executor, service, _) = Build();
        var old = service.Add("old@x.com", new Dictionary<string, string?> { ["email"] = "old@x.com", ["firstName"] = "p1" });
        var last = new ExportedState { RemoteId = old.Id, Fields = new Dictionary<string, string?> { ["email"] = "old@x.com", ["firstName"] = "p1" } };

        var result = await executor.ExportAsync([Request("p1", "new@x.com", last: last, previous: "old@x.com")], null, CancellationToken.None);

        Assert.Equal(ProfileOutcome.Exported, result.Profiles[0].Outcome);
        Assert.Equal("new@x.com", old.Email);
        Assert.Single(service.Records);
        Assert.Equal(old.Id, result.Profiles[0].Exported!.RemoteId);
    }

    [Fact]
    public async Task Export_Delete_RemovesTheRecordAndForgetsItsState()
    {
        var (executor, service, _) = Build();
        var gone = service.Add("gone@x.com");

        var result = await executor.ExportAsync([Request("p1", "gone@x.com", last: new ExportedState { RemoteId = gone.Id }, delete: true)], null, CancellationToken.None);

        Assert.Equal(ProfileOutcome.Deleted, result.Profiles[0].Outcome);
        Assert.Null(result.Profiles[0].Exported);
        Assert.Empty(service.Records);
    }

    [Fact]
    public async Task Export_DeleteInAdditiveMode_LeavesTheListsInsteadAndSaysSo()
    {
        var (executor, service, _) = Build(mode: SyncMode.Additive);
        var kept = service.Add("kept@x.com", null, "VIP List");
        var last = new ExportedState { RemoteId = kept.Id, Lists = new HashSet<string>(["VIP List"], StringComparer.Ordinal) };

        var result = await executor.ExportAsync([Request("p1", "kept@x.com", last: last, delete: true)], null, CancellationToken.None);

        Assert.Equal(ProfileOutcome.Skipped, result.Profiles[0].Outcome);
        Assert.Contains("does not delete", result.Profiles[0].Reason, StringComparison.Ordinal);
        Assert.Empty(kept.Lists);
        Assert.Empty(result.Profiles[0].Exported!.Lists);
        Assert.Single(service.Records);
    }

    [Fact]
    public async Task Export_MembershipCallFails_KeepsTheWriteAndConfirmsOnlyTheListsThatChanged()
    {
        var (executor, service, _) = Build(retries: 0);
        var member = service.Add("m@x.com", new Dictionary<string, string?> { ["email"] = "m@x.com", ["firstName"] = "p1" }, "Trial List");
        var last = new ExportedState
        {
            RemoteId = member.Id,
            Fields = new Dictionary<string, string?> { ["email"] = "m@x.com", ["firstName"] = "p1" },
            Lists = new HashSet<string>(["Trial List"], StringComparer.Ordinal),
        };
        service.Inject(CallKind.ListRemove, Fault.Transient);

        var result = await executor.ExportAsync([Request("p1", "m@x.com", first: "Pat", groups: ["vip"], last: last)], null, CancellationToken.None);

        var profile = result.Profiles[0];
        Assert.Equal(ProfileOutcome.RetryLater, profile.Outcome);
        Assert.Equal("listRemove", profile.FailedStep);
        Assert.Equal("Pat", member.Fields["firstName"]);
        Assert.Equal("Pat", profile.Exported!.Fields["firstName"]);
        Assert.Equal(new HashSet<string>(["Trial List", "VIP List"], StringComparer.Ordinal), profile.Exported.Lists);
    }

    [Fact]
    public async Task Export_LookupFails_WritesNothingAndLeavesEveryProfileToRetry()
    {
        var (executor, service, _) = Build(KnownServices.Salesforce, retries: 1);
        service.Inject(CallKind.Lookup, Fault.Transient, Fault.Transient);

        var result = await executor.ExportAsync([Request("p1", "a@x.com"), Request("p2", "b@x.com")], null, CancellationToken.None);

        Assert.All(result.Profiles, p => Assert.Equal(ProfileOutcome.RetryLater, p.Outcome));
        Assert.Empty(service.Records);
        Assert.DoesNotContain(CallKind.Create, service.Calls);
    }

    [Fact]
    public async Task Export_SameForeignKeyTwice_DefersTheSecond()
    {
        var (executor, service, _) = Build();

        var result = await executor.ExportAsync([Request("p1", "same@x.com"), Request("p2", "SAME@x.com")], null, CancellationToken.None);

        Assert.Equal(ProfileOutcome.Exported, result.Profiles.Single(p => p.ProfileKey == "p1").Outcome);
        Assert.Equal(ProfileOutcome.Deferred, result.Profiles.Single(p => p.ProfileKey == "p2").Outcome);
        Assert.Single(service.Records);
    }

    private sealed class RecordingObserver : IExportObserver
    {
        public Dictionary<string, string> Ids { get; } = new(StringComparer.Ordinal);

        public ValueTask RemoteIdAssignedAsync(string profileKey, string remoteId, CancellationToken cancellationToken)
        {
            lock (Ids)
            {
                Ids[profileKey] = remoteId;
            }

            return ValueTask.CompletedTask;
        }
    }
}
