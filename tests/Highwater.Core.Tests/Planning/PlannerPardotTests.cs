using Highwater.Core.Costing;
using Highwater.Core.Model;
using Highwater.Core.Planning;
using static Highwater.Core.Tests.Planning.Profiles;

namespace Highwater.Core.Tests.Planning;

/// <summary>Pardot's shape: inline memberships, one-key lookups that answer lists, and a bulk job for large batches.</summary>
public class PlannerPardotTests
{
    private static Planner Planner(SyncMode mode = SyncMode.Sync)
    {
        var options = new PlannerOptions { Mode = mode };
        options.ListsByGroup["vip"] = "VIP";
        options.ListsByGroup["churned"] = "Churned";
        options.ListsByGroup["trial"] = "Trial";
        return new Planner(KnownServices.Pardot, options);
    }

    [Fact]
    public void Plan_SmallBatch_LooksUpOneKeyACall_ListsRideOnTheWrites()
    {
        var batch = new[]
        {
            New("p1", "new@x.com", Fields(("first_name", "N")), "vip"),
            New("p2", "there@x.com", Fields(("first_name", "T")), "trial"),
        };

        var plan = Planner().Plan(batch, keys => keys.Where(k => k == "there@x.com").Select(k => new RemoteMatch(k, "31", new HashSet<string> { "Churned" })));

        Assert.Equal(2, plan.CallsOf(StepKind.Lookup).Count);
        Assert.Null(plan.PathChoice is { Path: ExportPath.Bulk } ? plan.PathChoice : null);
        var create = Assert.Single(Assert.Single(plan.CallsOf(StepKind.Create)).Records);
        Assert.Equal([new ListChange("VIP", MembershipDirection.Add)], create.ListChanges);
        var update = Assert.Single(Assert.Single(plan.CallsOf(StepKind.Update)).Records);
        Assert.Equal("31", update.RemoteId);
        Assert.Equal(
            [new ListChange("Trial", MembershipDirection.Add), new ListChange("Churned", MembershipDirection.Remove)],
            update.ListChanges);
        Assert.Empty(plan.CallsOf(StepKind.Memberships));
        Assert.Equal(4, plan.Requests);
    }

    [Fact]
    public void Plan_MembershipsOnly_AnUpdateCarryingJustTheLists()
    {
        var request = Known("p1", "a@x.com", "7", Fields(("first_name", "A")), ["VIP"], Fields(("first_name", "A")), "churned");

        var plan = Planner().Plan([request], _ => []);

        var record = Assert.Single(Assert.Single(Assert.Single(plan.Steps).Calls).Records);
        Assert.Empty(record.Fields!);
        Assert.Equal(2, record.ListChanges!.Count);
        Assert.Equal(1, plan.Requests);
    }

    [Fact]
    public void Plan_Backfill_OneBulkJob_NoLookups_EveryUndesiredMappedListLeft()
    {
        var batch = Enumerable.Range(0, 2000).Select(i => New($"p{i}", $"u{i}@x.com", Fields(("first_name", "F"), ("last_name", null)), i % 2 == 0 ? ["vip"] : [])).ToList();

        var plan = Planner().Plan(batch, _ => throw new InvalidOperationException("no lookup on the bulk path"));

        Assert.Equal(ExportPath.Bulk, plan.PathChoice!.Path);
        var job = Assert.Single(Assert.Single(plan.Steps).Calls);
        Assert.True(job.Bulk);
        Assert.Equal((CallKind.Upsert, 2000, 5), (job.Kind, job.Records.Count, job.Requests));
        Assert.Equal(5, plan.Requests);
        var first = job.Records[0];
        Assert.Equal("u0@x.com", first.ForeignKey);
        Assert.Equal(2, first.Fields!.Count); // every field, the null one too
        Assert.Equal(
            [new ListChange("VIP", MembershipDirection.Add), new ListChange("Churned", MembershipDirection.Remove), new ListChange("Trial", MembershipDirection.Remove)],
            first.ListChanges!.OrderBy(c => c.Direction).ThenBy(c => c.List != "Churned"));
        Assert.Equal(5, CostModel.LowerBound(plan.Counts, KnownServices.Pardot));
    }

    [Fact]
    public void Plan_BulkBatchWithDeletesAndKeyChanges_TheyStayOnTheBatchPath()
    {
        var batch = new List<ExportRequest>();
        batch.AddRange(Enumerable.Range(0, 300).Select(i => New($"p{i}", $"u{i}@x.com", Fields(("first_name", "F")))));
        batch.Add(Known("d1", "gone@x.com", null, Fields(("first_name", "G")), [], Fields(("first_name", "G"))) with { Delete = true });
        batch.Add(Known("k1", "new@x.com", "55", Fields(("first_name", "K")), ["VIP"], Fields(("first_name", "K")), "vip") with { PreviousForeignKey = "old@x.com" });

        var remote = new Dictionary<string, string> { ["gone@x.com"] = "99", ["old@x.com"] = "55" };
        var plan = Planner().Plan(batch, keys => keys.Where(remote.ContainsKey).Select(k => new RemoteMatch(k, remote[k], new HashSet<string>())));

        Assert.Equal(ExportPath.Bulk, plan.PathChoice!.Path);
        Assert.Equal(["gone@x.com", "new@x.com", "old@x.com"], plan.CallsOf(StepKind.Lookup).Select(c => Assert.Single(c.Records).ForeignKey).Order());
        Assert.Equal("99", Assert.Single(Assert.Single(plan.CallsOf(StepKind.Delete)).Records).RemoteId);
        Assert.Equal("55", Assert.Single(Assert.Single(plan.CallsOf(StepKind.Update)).Records).RemoteId);
        Assert.Equal(300, Assert.Single(plan.CallsOf(StepKind.Upsert), c => c.Bulk).Records.Count);
    }

    [Fact]
    public void Plan_BulkRecordExportedBefore_DiffsItsListsAgainstTheExport()
    {
        var batch = new List<ExportRequest> { Known("k", "k@x.com", null, Fields(("first_name", "A")), ["VIP", "Trial"], Fields(("first_name", "B")), "trial") };
        batch.AddRange(Enumerable.Range(0, 299).Select(i => New($"p{i}", $"u{i}@x.com", Fields(("first_name", "F")))));

        var plan = Planner().Plan(batch, _ => []);

        var record = Assert.Single(plan.CallsOf(StepKind.Upsert), c => c.Bulk).Records.Single(r => r.ProfileKey == "k");
        Assert.Equal([new ListChange("VIP", MembershipDirection.Remove)], record.ListChanges);
    }

    [Fact]
    public void Plan_EnrichBackfill_StaysOnTheBatchPath()
    {
        var batch = Enumerable.Range(0, 300).Select(i => New($"p{i}", $"u{i}@x.com", Fields(("first_name", "F")))).ToList();

        var plan = Planner(SyncMode.Enrich).Plan(batch, _ => []);

        Assert.Equal(ExportPath.Batch, plan.PathChoice!.Path);
        Assert.Equal(300, plan.CallsOf(StepKind.Lookup).Count);
        Assert.DoesNotContain(plan.Steps.SelectMany(s => s.Calls), c => c.Bulk);
    }
}
