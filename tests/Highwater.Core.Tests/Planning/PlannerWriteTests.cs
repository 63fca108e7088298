using Highwater.Core.Capabilities;
using Highwater.Core.Model;
using Highwater.Core.Planning;
using static Highwater.Core.Tests.Planning.Profiles;

namespace Highwater.Core.Tests.Planning;

public class PlannerWriteTests
{
    private static Planner Planner(ServiceCapabilities capabilities, SyncMode mode = SyncMode.Sync)
    {
        var options = new PlannerOptions { Mode = mode };
        options.ListsByGroup["vip"] = "VIP";
        options.ListsByGroup["gold"] = "VIP"; // two groups, one list
        options.ListsByGroup["churned"] = "Churned";
        return new Planner(capabilities, options);
    }

    private static Plan PlanWithoutRemote(Planner planner, params ExportRequest[] batch) => planner.Plan(batch, _ => []);

    [Fact]
    public void Plan_EmptyBatch_CostsNothing()
    {
        var plan = PlanWithoutRemote(Planner(KnownServices.Marketo));

        Assert.Empty(plan.Steps);
        Assert.Equal(0, plan.Requests);
    }

    [Fact]
    public void Plan_NothingMappedChanged_SendsNothing()
    {
        // The unmapped group "newsletter" changed; the destination does not sync it.
        var request = Known("p1", "a@x.com", "7", Fields(("firstName", "A")), ["VIP"], Fields(("firstName", "A")), "vip", "newsletter");

        var plan = PlanWithoutRemote(Planner(KnownServices.Marketo), request);

        Assert.Equal(0, plan.Requests);
        Assert.Equal(Disposition.Unchanged, plan.Dispositions["p1"]);
    }

    [Fact]
    public void Plan_ChangedField_SendsOnlyChangedFieldsWhereTheApiAllows()
    {
        var request = Known("p1", "a@x.com", "7", Fields(("firstName", "A"), ("lastName", "L")), [], Fields(("firstName", "B"), ("lastName", "L")));

        var plan = PlanWithoutRemote(Planner(KnownServices.Salesforce), request);

        var update = Assert.Single(Assert.Single(plan.CallsOf(StepKind.Update)).Records);
        Assert.Equal(Fields(("firstName", "B")), update.Fields);
        Assert.Equal("7", update.RemoteId);
    }

    [Fact]
    public void Plan_FieldsExportedInAnotherOrder_SendsOnlyTheChangedOne()
    {
        var request = Known("p1", "a@x.com", "7", Fields(("lastName", "L"), ("firstName", "A")), [], Fields(("firstName", "B"), ("lastName", "L")));

        var plan = PlanWithoutRemote(Planner(KnownServices.Salesforce), request);

        Assert.Equal(Fields(("firstName", "B")), Assert.Single(Assert.Single(plan.CallsOf(StepKind.Update)).Records).Fields);
    }

    [Fact]
    public void Plan_FieldRenamed_WritesTheNewOneAndClearsTheOld()
    {
        var request = Known("p1", "a@x.com", "7", Fields(("firstName", "A"), ("title", "CEO")), [], Fields(("firstName", "A"), ("role", "CEO")));

        var plan = PlanWithoutRemote(Planner(KnownServices.Salesforce), request);

        Assert.Equal(Fields(("role", "CEO"), ("title", null)), Assert.Single(Assert.Single(plan.CallsOf(StepKind.Update)).Records).Fields);
    }

    [Fact]
    public void Plan_FieldDropped_SendsNullToClearIt()
    {
        var request = Known("p1", "a@x.com", "7", Fields(("firstName", "A"), ("title", "CEO")), [], Fields(("firstName", "A")));

        var plan = PlanWithoutRemote(Planner(KnownServices.Salesforce), request);

        Assert.Equal(Fields(("title", null)), Assert.Single(Assert.Single(plan.CallsOf(StepKind.Update)).Records).Fields);
    }

    [Fact]
    public void Plan_UpdateThatCannotBePartial_SendsEveryField()
    {
        var request = Known("p1", "a@x.com", "7", Fields(("firstName", "A"), ("lastName", "L")), [], Fields(("firstName", "B"), ("lastName", "L")));

        var plan = PlanWithoutRemote(Planner(Profiles.RestOnly), request);

        Assert.Equal(request.Fields, Assert.Single(Assert.Single(plan.CallsOf(StepKind.Update)).Records).Fields);
    }

    [Fact]
    public void Plan_NewRecord_CreatedWithItsValuedFieldsOnly()
    {
        var plan = PlanWithoutRemote(Planner(KnownServices.Salesforce), New("p1", "a@x.com", Fields(("firstName", "A"), ("title", null))));

        Assert.Equal(Fields(("firstName", "A")), Assert.Single(Assert.Single(plan.CallsOf(StepKind.Create)).Records).Fields);
    }

    [Fact]
    public void Plan_ServiceWithUpsert_UpdatesAndCreatesInOneCall()
    {
        var known = Known("p1", "a@x.com", "7", Fields(("firstName", "A")), [], Fields(("firstName", "B")));
        var fresh = New("p2", "b@x.com");

        var plan = PlanWithoutRemote(Planner(KnownServices.Marketo), known, fresh);

        Assert.Equal(1, plan.Calls);
        Assert.Equal(["p1", "p2"], Assert.Single(plan.CallsOf(StepKind.Upsert)).Records.Select(r => r.ProfileKey));
    }

    [Fact]
    public void Plan_KeyChangesFillTheUpdateCall_OthersRideAlong()
    {
        // One record must go by id (its key changes); 299 more fill that update call exactly,
        // which beats one update call plus one upsert call.
        var batch = new List<ExportRequest>
        {
            Known("moved", "new@x.com", "1", Fields(("firstName", "A")), [], Fields(("firstName", "A"))) with { PreviousForeignKey = "old@x.com" },
        };
        batch.AddRange(Enumerable.Range(0, 299).Select(i => Known($"p{i}", $"u{i}@x.com", $"r{i}", Fields(("firstName", "A")), [], Fields(("firstName", "B")))));
        var planner = Planner(KnownServices.Marketo);

        var plan = planner.PlanWrites(planner.PlanLookup(batch), [new RemoteMatch("old@x.com", "1")]);

        Assert.Equal(300, Assert.Single(plan.CallsOf(StepKind.Update)).Records.Count);
        Assert.Empty(plan.CallsOf(StepKind.Upsert));
        Assert.Equal(2, plan.Calls); // one lookup, one update
    }

    [Fact]
    public void Plan_BatchLargerThanEveryMaximum_SplitsEveryStep()
    {
        var batch = Enumerable.Range(0, 1000).Select(i => New($"p{i}", $"u{i}@x.com", null, "vip", "churned")).ToList();

        var plan = PlanWithoutRemote(Planner(KnownServices.Salesforce), batch.ToArray());

        Assert.Equal([200, 200, 200, 200, 200], plan.CallsOf(StepKind.Lookup).Select(c => c.Records.Count));
        Assert.Equal([200, 200, 200, 200, 200], plan.CallsOf(StepKind.Create).Select(c => c.Records.Count));
        Assert.Equal(10, plan.CallsOf(StepKind.Memberships).Count); // 2,000 additions in calls of 200
        Assert.All(plan.Steps.SelectMany(s => s.Calls), c => Assert.InRange(c.Records.Count, 1, 200));
    }

    [Fact]
    public void Plan_MembershipChange_AddsOnlyListsJoinedAndRemovesOnlyListsLeft()
    {
        // Was in VIP and Churned; now in VIP (twice, by two groups) and not Churned.
        var request = Known("p1", "a@x.com", "7", Fields(("firstName", "A")), ["VIP", "Churned"], Fields(("firstName", "A")), "vip", "gold");

        var plan = PlanWithoutRemote(Planner(KnownServices.Marketo), request);

        var call = Assert.Single(plan.Steps.SelectMany(s => s.Calls));
        Assert.Equal((CallKind.ListRemove, "Churned"), (call.Kind, call.List));
        Assert.Equal(Disposition.MembershipsOnly, plan.Dispositions["p1"]);
    }

    [Fact]
    public void Plan_PerListAndDirection_OneCallPerListAndDirection()
    {
        var batch = new[]
        {
            Known("p1", "a@x.com", "1", Fields(("firstName", "A")), ["Churned"], Fields(("firstName", "A")), "vip"),
            Known("p2", "b@x.com", "2", Fields(("firstName", "A")), ["Churned"], Fields(("firstName", "A")), "vip"),
            Known("p3", "c@x.com", "3", Fields(("firstName", "A")), [], Fields(("firstName", "A")), "churned"),
        };

        var plan = PlanWithoutRemote(Planner(KnownServices.Marketo), batch);

        Assert.Equal(
            [(CallKind.ListAdd, "Churned", 1), (CallKind.ListAdd, "VIP", 2), (CallKind.ListRemove, "Churned", 2)],
            plan.CallsOf(StepKind.Memberships).Select(c => (c.Kind, c.List, c.Records.Count)));
    }

    [Fact]
    public void Plan_PerList_OneCallCarriesBothDirections()
    {
        var batch = new[]
        {
            Known("p1", "a@x.com", "1", Fields(("firstName", "A")), ["Churned"], Fields(("firstName", "A")), "vip"),
            Known("p2", "b@x.com", "2", Fields(("firstName", "A")), [], Fields(("firstName", "A")), "churned"),
        };

        var plan = PlanWithoutRemote(Planner(Profiles.RestOnly), batch);

        var calls = plan.CallsOf(StepKind.Memberships);
        Assert.Equal([(CallKind.ListUpdate, "Churned"), (CallKind.ListUpdate, "VIP")], calls.Select(c => (c.Kind, c.List)));
        Assert.Equal(
            [MembershipDirection.Add, MembershipDirection.Remove],
            calls[0].Records.Select(r => Assert.Single(r.ListChanges!).Direction).Order());
    }

    [Fact]
    public void Plan_AllLists_OneCallForEveryAdditionAndOneForEveryRemoval()
    {
        var batch = new[]
        {
            Known("p1", "a@x.com", "1", Fields(("firstName", "A")), ["Churned"], Fields(("firstName", "A")), "vip"),
            Known("p2", "b@x.com", "2", Fields(("firstName", "A")), ["VIP"], Fields(("firstName", "A")), "churned"),
        };

        var plan = PlanWithoutRemote(Planner(KnownServices.Salesforce), batch);

        var calls = plan.CallsOf(StepKind.Memberships);
        Assert.Equal([(CallKind.ListAdd, 2), (CallKind.ListRemove, 2)], calls.Select(c => (c.Kind, c.Records.Count)));
        Assert.Equal(2, calls[1].Requests); // a removal first queries the CampaignMember ids
    }

    [Fact]
    public void Plan_Inline_MembershipsRideOnTheWriteAndCostNoCall()
    {
        var request = Known("p1", "a@x.com", "1", Fields(("firstName", "A")), ["Churned"], Fields(("firstName", "A")), "vip");

        var plan = PlanWithoutRemote(Planner(KnownServices.Pardot), request);

        var write = Assert.Single(plan.Steps.SelectMany(s => s.Calls));
        Assert.Contains(write.Kind, new[] { CallKind.Update, CallKind.Upsert });
        Assert.Equal(
            [new ListChange("VIP", MembershipDirection.Add), new ListChange("Churned", MembershipDirection.Remove)],
            Assert.Single(write.Records).ListChanges);
    }

    [Fact]
    public void Plan_ManyMappedLists_DiffsAndOrdersThemAll()
    {
        // More lists than fit one machine word: 130 groups, each its own list.
        var options = new PlannerOptions();
        for (var i = 0; i < 130; i++)
        {
            options.ListsByGroup[$"group{i}"] = $"List {i:D3}";
        }

        var planner = new Planner(KnownServices.Marketo, options);
        var request = Known("p1", "a@x.com", "1", Fields(("firstName", "A")), ["List 003", "List 070", "List 129", "Unmapped"], Fields(("firstName", "A")), "group3", "group129", "group100", "group64");

        var plan = PlanWithoutRemote(planner, request);

        Assert.Equal(
            [(CallKind.ListAdd, "List 064"), (CallKind.ListAdd, "List 100"), (CallKind.ListRemove, "List 070")],
            plan.CallsOf(StepKind.Memberships).Select(c => (c.Kind, c.List)));
        Assert.Equal(Disposition.MembershipsOnly, plan.Dispositions["p1"]);

        var unchanged = Known("p1", "a@x.com", "1", Fields(("firstName", "A")), ["List 003", "List 070", "List 129"], Fields(("firstName", "A")), "group129", "group3", "group70");
        Assert.Equal(0, PlanWithoutRemote(planner, unchanged).Requests);
    }

    [Fact]
    public void Plan_StyleNone_IgnoresGroups()
    {
        var capabilities = KnownServices.Marketo with { Membership = new MembershipCapability(MembershipStyle.None) };
        var request = Known("p1", "a@x.com", "1", Fields(("firstName", "A")), [], Fields(("firstName", "A")), "vip");

        var plan = PlanWithoutRemote(Planner(capabilities), request);

        Assert.Equal(0, plan.Requests);
    }

    [Fact]
    public void Plan_NewRecordsWithLists_CreatedNotUpsertedWhereTheUpsertAnswersNoIds()
    {
        // An upsert that answers no ids; with per-list membership calls the new records must be
        // created. That holds for one in no list too: never exported, it is looked up (it may
        // match a record in a mapped list it has to leave, by id), and a record found absent is
        // created, which answers its id.
        var capabilities = KnownServices.Pardot with { Lookup = new LookupCapability(1), Upsert = new UpsertCapability(50, ByRemoteId: true, ReturnsIds: false), BulkUpsert = null, Membership = new MembershipCapability(MembershipStyle.PerList, 50) };
        var planner = Planner(capabilities);

        var plan = planner.Plan([New("p1", "a@x.com", null, "vip"), New("p2", "b@x.com")], _ => []);

        Assert.Equal(["p1", "p2"], plan.CallsOf(StepKind.Create).SelectMany(c => c.Records).Select(r => r.ProfileKey).Order());
        Assert.Empty(plan.CallsOf(StepKind.Upsert));
    }

    [Fact]
    public void Plan_DeleteInAdditive_RemovesMembershipsAndSaysSo()
    {
        var request = Known("p1", "a@x.com", "1", Fields(("firstName", "A")), ["VIP", "Churned"], Fields(("firstName", "A"))) with { Delete = true };

        var plan = PlanWithoutRemote(Planner(KnownServices.Marketo, SyncMode.Additive), request);

        Assert.Empty(plan.CallsOf(StepKind.Delete));
        Assert.Equal([CallKind.ListRemove, CallKind.ListRemove], plan.CallsOf(StepKind.Memberships).Select(c => c.Kind));
        Assert.Equal(Disposition.RemovedFromLists, plan.Dispositions["p1"]);
        Assert.Contains(plan.Notes, n => n.ProfileKey == "p1" && n.Message.Contains("'additive' does not delete", StringComparison.Ordinal));
    }

    [Fact]
    public void Plan_DeleteInEnrich_RemovesMembershipsInline()
    {
        var request = Known("p1", "a@x.com", "1", Fields(("firstName", "A")), ["VIP"], Fields(("firstName", "A"))) with { Delete = true };

        var plan = PlanWithoutRemote(Planner(KnownServices.Pardot, SyncMode.Enrich), request);

        var write = Assert.Single(Assert.Single(plan.Steps).Calls);
        Assert.Equal([new ListChange("VIP", MembershipDirection.Remove)], Assert.Single(write.Records).ListChanges);
    }

    [Fact]
    public void Plan_DeleteInSync_DeletesByKnownIdWithoutLookup()
    {
        var request = Known("p1", "a@x.com", "1", Fields(("firstName", "A")), ["VIP"], Fields(("firstName", "A"))) with { Delete = true };

        var plan = PlanWithoutRemote(Planner(KnownServices.Marketo), request);

        var call = Assert.Single(plan.Steps.SelectMany(s => s.Calls));
        Assert.Equal((CallKind.Delete, "1"), (call.Kind, Assert.Single(call.Records).RemoteId));
    }

    [Fact]
    public void Plan_EnrichAndNotFound_CreatesNothingAndSaysSo()
    {
        var planner = Planner(KnownServices.Marketo, SyncMode.Enrich);

        var plan = planner.Plan([New("p1", "a@x.com", null, "vip")], _ => []);

        Assert.Equal(1, plan.Calls); // the lookup
        Assert.Equal(Disposition.NotCreated, plan.Dispositions["p1"]);
        Assert.Contains(plan.Notes, n => n.Message.Contains("'enrich' creates no records", StringComparison.Ordinal));
    }

    [Fact]
    public void Plan_AdditiveAndNotFound_Creates()
    {
        var plan = PlanWithoutRemote(Planner(KnownServices.Salesforce, SyncMode.Additive), New("p1", "a@x.com"));

        Assert.Single(plan.CallsOf(StepKind.Create));
    }
}
