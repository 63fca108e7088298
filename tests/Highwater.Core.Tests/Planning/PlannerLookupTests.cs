using Highwater.Core.Capabilities;
using Highwater.Core.Model;
using Highwater.Core.Planning;
using static Highwater.Core.Tests.Planning.Profiles;

namespace Highwater.Core.Tests.Planning;

public class PlannerLookupTests
{
    private static Planner Planner(ServiceCapabilities capabilities, SyncMode mode = SyncMode.Sync, KeyConflictPolicy onKeyConflict = KeyConflictPolicy.Reject)
    {
        var options = new PlannerOptions { Mode = mode, OnKeyConflict = onKeyConflict, ForeignKeyName = "email" };
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
    public void Plan_KeyChangedToTheKeyOfACrmOnlyRecord_RejectsTheProfileAndTouchesNeitherRecord()
    {
        var request = Known("p1", "new@x.com", "17", Fields(("firstName", "A")), [], Fields(("firstName", "B"))) with { PreviousForeignKey = "old@x.com" };
        var planner = Planner(KnownServices.Marketo);

        var plan = planner.PlanWrites(planner.PlanLookup([request]), [new RemoteMatch("old@x.com", "17"), new RemoteMatch("new@x.com", "99")]);

        Assert.Equal(Disposition.Conflict, plan.Dispositions["p1"]);
        Assert.Equal([StepKind.Lookup], plan.Steps.Select(s => s.Kind));
        Assert.Contains(plan.Notes, n => n.ProfileKey == "p1" && n.Message.StartsWith("email new@x.com is held by record 99", StringComparison.Ordinal));
    }

    [Fact]
    public void Plan_KeyChangedToACrmOnlyRecordsKey_WhileItsOwnRecordIsNotFoundUnderEitherKey_StillRejects()
    {
        // Its record (17) moved where this batch does not look (a crash after the move applied):
        // it has a record all the same, so the CRM-only record is not its to take.
        var request = Known("p1", "new@x.com", "17", Fields(("firstName", "A")), [], Fields(("firstName", "B"))) with { PreviousForeignKey = "old@x.com" };
        var planner = Planner(KnownServices.Marketo);

        var plan = planner.PlanWrites(planner.PlanLookup([request]), [new RemoteMatch("new@x.com", "99")]);

        Assert.Equal(Disposition.Conflict, plan.Dispositions["p1"]);
        Assert.Equal([StepKind.Lookup], plan.Steps.Select(s => s.Kind));
    }

    [Fact]
    public void Plan_KeyChangedToTheKeyOfAnotherProfilesRecord_RejectsNamingTheRecordAndItsOwner()
    {
        var request = Known("p1", "b@x.com", "17", Fields(("firstName", "A")), [], Fields(("firstName", "B"))) with { PreviousForeignKey = "a@x.com" };
        var planner = Planner(KnownServices.Marketo);
        var owners = new RecordOwners(new Dictionary<string, string> { ["17"] = "p1", ["18"] = "p2" });

        var plan = planner.PlanWrites(planner.PlanLookup([request]), [new RemoteMatch("a@x.com", "17"), new RemoteMatch("b@x.com", "18")], owners);

        Assert.Equal(Disposition.Conflict, plan.Dispositions["p1"]);
        Assert.Equal([StepKind.Lookup], plan.Steps.Select(s => s.Kind));
        Assert.Contains(plan.Notes, n => n.Message == "email b@x.com is held by record 18 of profile p2");
    }

    [Fact]
    public void Plan_KeyChangedToACrmOnlyRecordsKey_WithAdopt_TakesItOverAndDeletesItsOwnInSync()
    {
        var request = Known("p1", "new@x.com", "17", Fields(("firstName", "A")), [], Fields(("firstName", "B"))) with { PreviousForeignKey = "old@x.com" };
        var planner = Planner(KnownServices.Marketo, onKeyConflict: KeyConflictPolicy.Adopt);

        var plan = planner.PlanWrites(planner.PlanLookup([request]), [new RemoteMatch("old@x.com", "17"), new RemoteMatch("new@x.com", "99")]);

        Assert.Equal("17", Assert.Single(Assert.Single(plan.CallsOf(StepKind.Delete)).Records).RemoteId);
        var written = plan.CallsOf(StepKind.Update).Concat(plan.CallsOf(StepKind.Upsert)).SelectMany(c => c.Records).Single();
        Assert.Equal("new@x.com", written.ForeignKey);
        Assert.Contains(plan.Notes, n => n.ProfileKey == "p1" && n.Message.Contains("taking over 99", StringComparison.Ordinal));
    }

    [Fact]
    public void Plan_KeyChangedToACrmOnlyRecordsKey_WithAdoptInAdditive_LeavesItsOwnRecord()
    {
        var request = Known("p1", "new@x.com", "17", Fields(("firstName", "A")), [], Fields(("firstName", "B"))) with { PreviousForeignKey = "old@x.com" };
        var planner = Planner(KnownServices.Marketo, SyncMode.Additive, KeyConflictPolicy.Adopt);

        var plan = planner.PlanWrites(planner.PlanLookup([request]), [new RemoteMatch("old@x.com", "17"), new RemoteMatch("new@x.com", "99")]);

        Assert.Empty(plan.CallsOf(StepKind.Delete));
        Assert.Contains(plan.Notes, n => n.Message.Contains("leaving the profile's own 17", StringComparison.Ordinal));
    }

    [Fact]
    public void Plan_FirstExportMatchingARecordNoProfileOwns_UpdatesIt()
    {
        var planner = Planner(KnownServices.Salesforce);

        var plan = planner.PlanWrites(planner.PlanLookup([New("p1", "a@x.com")]), [new RemoteMatch("a@x.com", "003A", new HashSet<string>())]);

        Assert.Equal("003A", Assert.Single(Assert.Single(plan.CallsOf(StepKind.Update)).Records).RemoteId);
    }

    [Fact]
    public void Plan_FirstExportMatchingAnotherProfilesRecord_Rejects()
    {
        var planner = Planner(KnownServices.Salesforce);
        var owners = new RecordOwners(new Dictionary<string, string> { ["003A"] = "p9" });

        var plan = planner.PlanWrites(planner.PlanLookup([New("p1", "a@x.com")]), [new RemoteMatch("a@x.com", "003A", new HashSet<string>())], owners);

        Assert.Equal(Disposition.Conflict, plan.Dispositions["p1"]);
        Assert.Contains(plan.Notes, n => n.Message == "email a@x.com is held by record 003A of profile p9");
    }

    [Fact]
    public void Plan_NewProfileTakingTheKeyADeletedProfileLeaves_CreatesItsOwnRecord_EvenWhereTheBufferNoLongerNamesTheDeletedOnesId()
    {
        // p1 moved from a@ to c@ and was deleted; p3 took a@. Before the calls go, the buffer drops
        // the id of a profile being deleted (its delete is in doubt), so only p1's request still
        // knows that 17 is its record: p3 must not update it (the delete would then take p3's data).
        var p1 = Known("p1", "c@x.com", "17", Fields(("firstName", "A")), [], Fields(("firstName", "A"))) with { PreviousForeignKey = "a@x.com", Delete = true };
        var p3 = New("p3", "a@x.com", Fields(("firstName", "C")));
        var owners = new RecordOwners(new Dictionary<string, string>(), new Dictionary<string, string> { ["a@x.com"] = "p3" });
        var planner = Planner(KnownServices.Salesforce);

        var plan = planner.PlanWrites(planner.PlanLookup([p1, p3]), [new RemoteMatch("a@x.com", "17", new HashSet<string>())], owners);

        Assert.Equal(["17"], Assert.Single(plan.CallsOf(StepKind.Delete)).Records.Select(r => r.RemoteId));
        Assert.Empty(plan.CallsOf(StepKind.Update));
        var created = Assert.Single(Assert.Single(plan.CallsOf(StepKind.Create)).Records);
        Assert.Equal(("p3", "a@x.com", null), (created.ProfileKey, created.ForeignKey, created.RemoteId));
    }

    [Fact]
    public void Plan_FirstExportOnAContestedKey_IsLookedUpAndRejectedWhereAnotherProfileOwnsTheRecord()
    {
        // Eloqua's first writes go by e-mail without a lookup; where another profile's record may
        // be under the key (its move in doubt, or it was held back), the key is looked up first.
        var planner = Planner(KnownServices.Eloqua);
        var contested = New("p5", "a@x.com", Fields(("firstName", "Dup"))) with { KeyContested = true };
        var owners = new RecordOwners(new Dictionary<string, string> { ["17"] = "p2" });

        var plain = planner.PlanLookup([New("p5", "a@x.com", Fields(("firstName", "Dup")))]);
        var phase = planner.PlanLookup([contested]);
        var plan = planner.PlanWrites(phase, [new RemoteMatch("a@x.com", "17")], owners);

        Assert.Empty(plain.Step.Calls);
        Assert.Equal(["a@x.com"], phase.Step.Calls.SelectMany(c => c.Records).Select(r => r.ForeignKey));
        Assert.Equal(Disposition.Conflict, plan.Dispositions["p5"]);
        Assert.DoesNotContain(plan.Steps, s => s.Kind is StepKind.Upsert or StepKind.Update or StepKind.Create);
    }

    [Fact]
    public void Plan_SwapOfTwoKeysInOneBatch_UpdatesBothRecordsById()
    {
        var p1 = Known("p1", "b@x.com", "17", Fields(("firstName", "A")), [], Fields(("firstName", "A"))) with { PreviousForeignKey = "a@x.com" };
        var p2 = Known("p2", "a@x.com", "18", Fields(("firstName", "B")), [], Fields(("firstName", "B"))) with { PreviousForeignKey = "b@x.com" };
        var owners = new RecordOwners(new Dictionary<string, string> { ["17"] = "p1", ["18"] = "p2" });
        var planner = Planner(KnownServices.Marketo);

        var phase = planner.PlanLookup([p1, p2]);
        var plan = planner.PlanWrites(phase, [new RemoteMatch("a@x.com", "17"), new RemoteMatch("b@x.com", "18")], owners);

        Assert.Empty(plan.Deferred);
        Assert.Empty(plan.CallsOf(StepKind.Delete));
        var updates = plan.CallsOf(StepKind.Update).SelectMany(c => c.Records).ToDictionary(r => r.ProfileKey);
        Assert.Equal(("17", "b@x.com"), (updates["p1"].RemoteId, updates["p1"].ForeignKey));
        Assert.Equal(("18", "a@x.com"), (updates["p2"].RemoteId, updates["p2"].ForeignKey));
        Assert.Empty(plan.CallsOf(StepKind.Create));
        Assert.Empty(plan.CallsOf(StepKind.Upsert));
    }

    [Fact]
    public void Plan_ChainOfKeys_EveryRecordMovesById()
    {
        // p1: a -> b, p2: b -> c.
        var p1 = Known("p1", "b@x.com", "17", Fields(("firstName", "A")), [], Fields(("firstName", "A"))) with { PreviousForeignKey = "a@x.com" };
        var p2 = Known("p2", "c@x.com", "18", Fields(("firstName", "B")), [], Fields(("firstName", "B"))) with { PreviousForeignKey = "b@x.com" };
        var owners = new RecordOwners(new Dictionary<string, string> { ["17"] = "p1", ["18"] = "p2" });
        var planner = Planner(KnownServices.Salesforce);

        var plan = planner.PlanWrites(planner.PlanLookup([p2, p1]), [new RemoteMatch("a@x.com", "17", new HashSet<string>()), new RemoteMatch("b@x.com", "18", new HashSet<string>())], owners);

        var updates = plan.CallsOf(StepKind.Update).SelectMany(c => c.Records).ToDictionary(r => r.ProfileKey, r => (r.RemoteId, r.ForeignKey));
        Assert.Equal(("17", "b@x.com"), updates["p1"]);
        Assert.Equal(("18", "c@x.com"), updates["p2"]);
        Assert.Empty(plan.CallsOf(StepKind.Create));
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
    public void Plan_DeleteWithoutKnownId_DeletesOnlyWhatItWasExportedUnder()
    {
        // p1 was exported under a@x.com (its id not stored: a crash); p2 and p3 never were.
        var planner = Planner(KnownServices.Marketo);
        var p1 = Known("p1", "a@x.com", null, Fields(), [], Fields()) with { Delete = true };
        var phase = planner.PlanLookup([p1, New("p2", "b@x.com") with { Delete = true }, New("p3", "c@x.com") with { Delete = true }]);

        var plan = planner.PlanWrites(phase, [new RemoteMatch("a@x.com", "5"), new RemoteMatch("c@x.com", "6")]);

        Assert.Equal(3, Assert.Single(phase.Step.Calls).Records.Count);
        Assert.Equal("5", Assert.Single(Assert.Single(plan.CallsOf(StepKind.Delete)).Records).RemoteId);
        Assert.Equal(Disposition.Deleted, plan.Dispositions["p1"]);
        Assert.Equal(Disposition.AlreadyAbsent, plan.Dispositions["p2"]);
        Assert.Equal(Disposition.AlreadyAbsent, plan.Dispositions["p3"]); // c@x.com's record is not p3's
    }

    [Fact]
    public void Plan_DeleteOfAProfileWhoseKeyAnotherProfileOwns_LeavesTheOthersRecord()
    {
        var planner = Planner(KnownServices.Marketo);
        var p1 = Known("p1", "new@x.com", "5", Fields(), [], Fields()) with { PreviousForeignKey = "old@x.com", Delete = true };
        var owners = new RecordOwners(new Dictionary<string, string> { ["5"] = "p1", ["6"] = "p2" });

        var plan = planner.PlanWrites(planner.PlanLookup([p1]), [new RemoteMatch("old@x.com", "5"), new RemoteMatch("new@x.com", "6")], owners);

        Assert.Equal("5", Assert.Single(Assert.Single(plan.CallsOf(StepKind.Delete)).Records).RemoteId);
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
    public void Plan_KeyChangeAndNewOwnerOfOldKey_BothGo_TheTakerWaitsOnTheMover()
    {
        // p2 took p1's old address in the same batch: p2 writes only if p1 moves away first.
        var taker = New("p2", "old@x.com");
        var mover = Known("p1", "new@x.com", null, Fields(("firstName", "A")), [], Fields(("firstName", "A"))) with { PreviousForeignKey = "old@x.com" };

        var phase = Planner(KnownServices.Marketo).PlanLookup([taker, mover]);

        Assert.Equal(["p1", "p2"], phase.Requests.Select(r => r.ProfileKey));
        Assert.Empty(phase.Deferred);
        Assert.Equal("p1", phase.Movers!["p2"]);
    }

    [Fact]
    public void Plan_TakerOfAKeyWhoseMoverIsRejected_IsHeldBack()
    {
        // p1 wants to move old -> new, but new@x.com is held by a CRM-only record: p1 stays on
        // old@x.com, so p2, which takes old@x.com, must not write over p1's record.
        var taker = New("p2", "old@x.com");
        var mover = Known("p1", "new@x.com", "17", Fields(("firstName", "A")), [], Fields(("firstName", "A"))) with { PreviousForeignKey = "old@x.com" };
        var planner = Planner(KnownServices.Marketo);

        var plan = planner.PlanWrites(planner.PlanLookup([taker, mover]), [new RemoteMatch("old@x.com", "17"), new RemoteMatch("new@x.com", "99")]);

        Assert.Equal(Disposition.Conflict, plan.Dispositions["p1"]);
        Assert.Equal(Disposition.Deferred, plan.Dispositions["p2"]);
        Assert.Equal([StepKind.Lookup], plan.Steps.Select(s => s.Kind));
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
