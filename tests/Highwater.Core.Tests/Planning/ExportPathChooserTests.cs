using Highwater.Core.Capabilities;
using Highwater.Core.Model;
using Highwater.Core.Planning;

namespace Highwater.Core.Tests.Planning;

public class ExportPathChooserTests
{
    [Fact]
    public void Choose_ServiceWithoutABulkPath_IsNull() =>
        Assert.Null(ExportPathChooser.Choose(KnownServices.Marketo, SyncMode.Sync, records: 5000, lookups: 5000));

    [Fact]
    public void Choose_NothingToWrite_IsNull() =>
        Assert.Null(ExportPathChooser.Choose(KnownServices.Pardot, SyncMode.Sync, records: 0, lookups: 0));

    [Theory]
    // 2,000 never exported: 2,000 lookups + 40 writes against one job of 1 upload + 4.
    [InlineData(2000, 2000, ExportPath.Bulk, 2040, 5)]
    // 2,000 whose ids are known: 40 batch calls still cost more than a 5-request job.
    [InlineData(2000, 0, ExportPath.Bulk, 40, 5)]
    // 200 known ids: 4 batch calls beat a 5-request job.
    [InlineData(200, 0, ExportPath.Batch, 4, 5)]
    // 199 never exported: dearer by lookups, but fewer than the 200 a job is worth.
    [InlineData(199, 199, ExportPath.Batch, 203, 5)]
    // 25,000 rows: three uploads of 10,000.
    [InlineData(25_000, 25_000, ExportPath.Bulk, 25_500, 7)]
    public void Choose_ByCost(int records, int lookups, ExportPath path, int batch, int bulk)
    {
        var choice = ExportPathChooser.Choose(KnownServices.Pardot, SyncMode.Sync, records, lookups)!;

        Assert.Equal((path, batch, bulk), (choice.Path, choice.BatchRequests, choice.BulkRequests));
        Assert.Equal(records, choice.Records);
    }

    [Fact]
    public void Choose_Enrich_KeepsTheBatchPath_SinceAJobWouldCreate()
    {
        var choice = ExportPathChooser.Choose(KnownServices.Pardot, SyncMode.Enrich, records: 5000, lookups: 5000)!;

        Assert.Equal(ExportPath.Batch, choice.Path);
        Assert.True(choice.Saved < 0);
    }

    [Fact]
    public void Choose_LookupsSharedWithOtherKeys_CountOnlyTheCallsTheyAdd()
    {
        // Lookups of 300 keys a call: 100 more keys beside 250 others add one call, not two.
        var capabilities = KnownServices.Marketo with { BulkUpsert = new BulkUpsertCapability(1, 1000, 1000, 10), Membership = new MembershipCapability(MembershipStyle.None) };

        var choice = ExportPathChooser.Choose(capabilities, SyncMode.Sync, records: 100, lookups: 100, otherLookupKeys: 250)!;

        Assert.Equal(1 + 1, choice.BatchRequests);
        Assert.Equal(ExportPath.Batch, choice.Path);
    }

    [Fact]
    public void Reason_NamesBothCosts()
    {
        var bulk = ExportPathChooser.Choose(KnownServices.Pardot, SyncMode.Sync, 2000, 2000)!;
        var small = ExportPathChooser.Choose(KnownServices.Pardot, SyncMode.Sync, 10, 10)!;

        Assert.Equal("bulk job: 2,000 records for about 5 calls instead of at least 2,040 by lookups and batch calls", bulk.Reason);
        Assert.Contains("fewer than the 200", small.Reason, StringComparison.Ordinal);
        Assert.Equal(2035, bulk.Saved);
    }

    /// <summary>Pardot as its connector runs it: a job for any number of records, whose wait is worth 20 calls with the day whole.</summary>
    private static readonly ServiceCapabilities Weighed = KnownServices.Pardot with
    {
        BulkUpsert = KnownServices.Pardot.BulkUpsert!.Value with { MinRecords = 1, LatencyCalls = 20 },
    };

    [Theory]
    // 20 never exported: 20 lookups + 1 write against a job of 5 saves 16, less than 20 with the day whole...
    [InlineData(20, 20, 1.0, ExportPath.Batch, 20)]
    // ...but more than the 10 its wait is worth with half the day left, and the 0 with none.
    [InlineData(20, 20, 0.5, ExportPath.Bulk, 10)]
    [InlineData(20, 20, 0.0, ExportPath.Bulk, 0)]
    // The batch: 177 writable, 51 ids unknown: 51 + 4 against 5 saves 50, a job even with the day whole.
    [InlineData(177, 51, 1.0, ExportPath.Bulk, 20)]
    // 3 never exported: 3 + 1 is cheaper than any job, however little of the day is left.
    [InlineData(3, 3, 0.0, ExportPath.Batch, 0)]
    public void Choose_WeighsTheJobsWaitAgainstTheDaysQuotaLeft(int records, int lookups, double quotaLeft, ExportPath path, int worth)
    {
        var choice = ExportPathChooser.Choose(Weighed, SyncMode.Sync, records, lookups, quotaLeft: quotaLeft)!;

        Assert.Equal((path, worth), (choice.Path, choice.WorthSaving));
    }

    [Fact]
    public void Reason_BatchPathKeptForSpeed_SaysWhatTheJobWouldSaveAndWhatItsWaitIsWorth()
    {
        var choice = ExportPathChooser.Choose(Weighed, SyncMode.Sync, records: 20, lookups: 20, quotaLeft: 0.9)!;

        Assert.Equal("batch calls: 21 calls; a bulk job would save 16, fewer than the 18 its wait is worth with 90% of the day's quota left", choice.Reason);
    }

    [Fact]
    public void Planner_ReadsTheQuotaLeftForEachBatch()
    {
        var left = 1.0;
        var planner = new Planner(Weighed, new PlannerOptions { QuotaLeft = () => left });
        var batch = Enumerable.Range(0, 20).Select(i => Profiles.New($"p{i}", $"u{i}@x.com", Profiles.Fields(("first_name", "A")))).ToList();

        var whole = planner.PlanLookup(batch);
        left = 0.25;
        var low = planner.PlanLookup(batch);

        Assert.Equal((ExportPath.Batch, 20), (whole.PathChoice!.Path, whole.Step.Calls.Count));
        Assert.Equal((ExportPath.Bulk, 0), (low.PathChoice!.Path, low.Step.Calls.Count));
    }

    [Fact]
    public void Capabilities_NegativeLatencyCalls_IsAProblem() =>
        Assert.Contains("pardot.bulkUpsert.latencyCalls: must be 0 or more (was -1)", (KnownServices.Pardot with { BulkUpsert = KnownServices.Pardot.BulkUpsert!.Value with { LatencyCalls = -1 } }).Validate());

    [Fact]
    public void Choose_FromAPlanner_IsWhatPhaseOneDecides()
    {
        var planner = new Planner(KnownServices.Pardot, new PlannerOptions());
        var batch = Enumerable.Range(0, 300).Select(i => Profiles.New($"p{i}", $"u{i}@x.com", Profiles.Fields(("first_name", "A")))).ToList();

        var choice = ExportPathChooser.Choose(planner, batch)!;

        Assert.Equal(ExportPath.Bulk, choice.Path);
        Assert.Equal(300, choice.Records);
    }
}
