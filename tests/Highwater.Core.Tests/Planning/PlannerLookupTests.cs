using Highwater.Core.Capabilities;
using Highwater.Core.Model;
using Highwater.Core.Planning;
using static Highwater.Core.Tests.Planning.Profiles;

namespace Highwater.Core.Tests.Planning;

public class PlannerLookupTests
{
    private static Planner Planner(ServiceCapabilities capabilities, SyncMode mode = SyncMode.Sync)
    {
        var options = new PlannerOptions { Mode = mode };
        options.ListsByGroup["vip"] = "VIP";
        options.ListsByGroup["churned"] = "Churned";
        return new Planner(capabilities, options);
    }

    [Fact]
    public void Plan_KnownRemoteId_NeedsNoLookup()
    {
        var request = Known("p1", "a@x.com", "17", Fields(("firstName", "A")), [], Fields(("firstName", "B")));

        var phase = Planner(KnownServices.Salesforce).PlanLookup([request]);

        Assert.Empty(phase.Step.Calls);
    }

    [Fact]
    public void Plan_KeyChanged_LooksUpOldAndNewKey()
    {
        var request = Known("p1", "new@x.com", "17", Fields(("firstName", "A")), [], Fields(("firstName", "A"))) with { PreviousForeignKey = "old@x.com" };

        var phase = Planner(KnownServices.Marketo).PlanLookup([request]);

        var call = Assert.Single(phase.Step.Calls);
        Assert.Equal(["new@x.com", "old@x.com"], call.Records.Select(r => r.ForeignKey));
    }

    [Fact]
    public void Plan_KeyChanged_UpdatesOldRecordById()
    {
        var request = Known("p1", "new@x.com", "17", Fields(("firstName", "A")), [], Fields(("firstName", "A"))) with { PreviousForeignKey = "old@x.com" };
        var planner = Planner(KnownServices.Marketo);

        var plan = planner.PlanWrites(planner.PlanLookup([request]), [new RemoteMatch("old@x.com", "17")]);

        var update = Assert.Single(Assert.Single(plan.CallsOf(StepKind.Update)).Records);
        Assert.Equal("17", update.RemoteId);
        Assert.Equal("new@x.com", update.ForeignKey);
        Assert.Empty(plan.CallsOf(StepKind.Create));
        Assert.Empty(plan.CallsOf(StepKind.Upsert));
    }

    [Fact]
    public void Plan_KeyChangedAndBothKeysExist_UpdatesNewKeyRecordAndDeletesOldInSync()
    {
        var request = Known("p1", "new@x.com", "17", Fields(("firstName", "A")), [], Fields(("firstName", "B"))) with { PreviousForeignKey = "old@x.com" };
        var planner = Planner(KnownServices.Marketo);

        var plan = planner.PlanWrites(planner.PlanLookup([request]), [new RemoteMatch("old@x.com", "17"), new RemoteMatch("new@x.com", "99")]);

        Assert.Equal("17", Assert.Single(Assert.Single(plan.CallsOf(StepKind.Delete)).Records).RemoteId);
        var written = plan.CallsOf(StepKind.Update).Concat(plan.CallsOf(StepKind.Upsert)).SelectMany(c => c.Records).Single();
        Assert.Equal("new@x.com", written.ForeignKey);
        Assert.Contains(plan.Notes, n => n.ProfileKey == "p1" && n.Message.Contains("both keys", StringComparison.Ordinal));
    }

    [Fact]
    public void Plan_KeyChangedAndBothKeysExist_LeavesOldRecordInAdditive()
    {
        var request = Known("p1", "new@x.com", "17", Fields(("firstName", "A")), [], Fields(("firstName", "B"))) with { PreviousForeignKey = "old@x.com" };
        var planner = Planner(KnownServices.Marketo, SyncMode.Additive);

        var plan = planner.PlanWrites(planner.PlanLookup([request]), [new RemoteMatch("old@x.com", "17"), new RemoteMatch("new@x.com", "99")]);

        Assert.Empty(plan.CallsOf(StepKind.Delete));
        Assert.Contains(plan.Notes, n => n.Message.Contains("leaving 17", StringComparison.Ordinal));
    }

    [Fact]
    public void Plan_UnknownProfileWithUpsertAnsweringIds_NeedsNoLookup()
    {
        var plan = Planner(KnownServices.Marketo).Plan([New("p1", "a@x.com", null, "vip")], _ => throw new InvalidOperationException("no lookup expected"));

        Assert.Empty(plan.CallsOf(StepKind.Lookup));
        var upsert = Assert.Single(Assert.Single(plan.CallsOf(StepKind.Upsert)).Records);
        Assert.Null(upsert.RemoteId);
        var add = Assert.Single(plan.CallsOf(StepKind.Memberships));
        Assert.Equal((CallKind.ListAdd, "VIP"), (add.Kind, add.List));
        Assert.Null(Assert.Single(add.Records).RemoteId); // the executor takes it from the upsert's answer
    }

    [Fact]
    public void Plan_UnknownProfileWithoutUpsert_LooksItUp()
    {
        var phase = Planner(Profiles.RestOnly).PlanLookup([New("p1", "a@x.com")]);

        Assert.Equal("a@x.com", Assert.Single(Assert.Single(phase.Step.Calls).Records).ForeignKey);
    }

    [Fact]
    public void Plan_LookupAnswersMemberships_DiffsAgainstThem()
    {
        var planner = Planner(KnownServices.Salesforce);
        var phase = planner.PlanLookup([New("p1", "a@x.com", null, "vip")]);

        var plan = planner.PlanWrites(phase, [new RemoteMatch("a@x.com", "003A", new HashSet<string> { "VIP", "Churned", "Unmapped" })]);

        var calls = plan.CallsOf(StepKind.Memberships);
        var remove = Assert.Single(calls);
        Assert.Equal(CallKind.ListRemove, remove.Kind);
        Assert.Equal(new ListChange("Churned", MembershipDirection.Remove), Assert.Single(Assert.Single(remove.Records).ListChanges!));
    }

    [Fact]
    public void Plan_DeleteWithoutKnownId_LooksUpAndDeletesWhatItFinds()
    {
        var planner = Planner(KnownServices.Marketo);
        var phase = planner.PlanLookup([New("p1", "a@x.com") with { Delete = true }, New("p2", "b@x.com") with { Delete = true }]);

        var plan = planner.PlanWrites(phase, [new RemoteMatch("a@x.com", "5")]);

        Assert.Equal(2, Assert.Single(phase.Step.Calls).Records.Count);
        Assert.Equal("5", Assert.Single(Assert.Single(plan.CallsOf(StepKind.Delete)).Records).RemoteId);
        Assert.Equal(Disposition.Deleted, plan.Dispositions["p1"]);
        Assert.Equal(Disposition.AlreadyAbsent, plan.Dispositions["p2"]);
    }

    [Fact]
    public void Plan_LookupKeys_PackedIntoFewestCalls()
    {
        var batch = Enumerable.Range(0, 650).Select(i => New($"p{i}", $"u{i}@x.com")).ToList();

        var phase = Planner(KnownServices.Salesforce).PlanLookup(batch);

        Assert.Equal([200, 200, 200, 50], phase.Step.Calls.Select(c => c.Records.Count));
    }

    [Fact]
    public void Plan_SameForeignKeyTwice_DefersTheSecondAndSaysWhy()
    {
        var planner = Planner(KnownServices.Marketo);

        var plan = planner.Plan([New("p1", "a@x.com"), New("p2", "A@X.com")], _ => []);

        Assert.Equal("p2", Assert.Single(plan.Deferred).ProfileKey);
        Assert.Equal(Disposition.Deferred, plan.Dispositions["p2"]);
        Assert.Equal(Disposition.Written, plan.Dispositions["p1"]);
        Assert.Contains(plan.Notes, n => n.ProfileKey == "p2" && n.Message.Contains("'p1'", StringComparison.Ordinal));
    }

    [Fact]
    public void Plan_KeyChangeAndNewOwnerOfOldKey_KeyChangeClaimsFirst()
    {
        // p2 took p1's old address in the same batch; p1 is listed second but claims first.
        var taker = New("p2", "old@x.com");
        var mover = Known("p1", "new@x.com", null, Fields(("firstName", "A")), [], Fields(("firstName", "A"))) with { PreviousForeignKey = "old@x.com" };

        var phase = Planner(KnownServices.Marketo).PlanLookup([taker, mover]);

        Assert.Equal("p1", Assert.Single(phase.Requests).ProfileKey);
        Assert.Equal("p2", Assert.Single(phase.Deferred).ProfileKey);
    }

    [Fact]
    public void Plan_KeyChangeClashingOnItsOldKey_LeavesItsNewKeyFree()
    {
        // p1 also left old@x.com, which p2 claims first: p1 is held back and its new address stays free for p3.
        var first = Known("p1", "one@x.com", null, Fields(("firstName", "A")), [], Fields(("firstName", "A"))) with { PreviousForeignKey = "old@x.com" };
        var second = Known("p2", "two@x.com", null, Fields(("firstName", "A")), [], Fields(("firstName", "A"))) with { PreviousForeignKey = "old@x.com" };
        var third = New("p3", "ONE@x.com");

        var phase = Planner(KnownServices.Marketo).PlanLookup([third, second, first]);

        Assert.Equal(["p2", "p3"], phase.Requests.Select(r => r.ProfileKey));
        Assert.Equal("p1", Assert.Single(phase.Deferred).ProfileKey);
        Assert.Contains(phase.Notes, n => n.ProfileKey == "p1" && n.Message.Contains("'old@x.com' with profile 'p2'", StringComparison.Ordinal));
    }

    [Fact]
    public void PlanLookup_BatchAfterBatch_ForgetsTheClaimsOfTheLastOne()
    {
        var planner = Planner(KnownServices.Marketo);

        planner.PlanLookup([New("p1", "a@x.com"), New("p2", "a@x.com")]);
        var phase = planner.PlanLookup([New("p2", "a@x.com")]);

        Assert.Equal("p2", Assert.Single(phase.Requests).ProfileKey);
        Assert.Empty(phase.Deferred);
    }
}
